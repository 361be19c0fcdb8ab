import { describe, expect, it } from 'vitest';
import { summariseInputs } from '../../src/forms/input-summary.js';
import { everyKind } from './fixtures.js';

describe('summariseInputs', () => {
  it('lists the filled inputs in task order', () => {
    expect(
      summariseInputs(everyKind, {
        'id-blog-length': 'Medium (800-1500 words)',
        'id-topic': 'AI for dentists',
        'id-channels': ['X', 'Blog'],
        'id-knowledge': ['kno_1', 'kno_2'],
        'id-include-cta': 'false',
        'id-outline': '',
      }),
    ).toBe(
      '*Topic:* AI for dentists · *Blog length:* Medium (800-1500 words) · *Channels:* X, Blog · *Knowledge:* 2 knowledge items · *Include CTA:* No',
    );
  });

  it('shortens long values visibly, flattens lines and escapes mrkdwn', () => {
    const summary = summariseInputs(everyKind, { 'id-topic': `R&D <fast>\n${'x'.repeat(300)}` });
    expect(summary.startsWith('*Topic:* R&amp;D &lt;fast&gt; xxx')).toBe(true);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.length).toBeLessThan(200);
  });

  it('stays within maxChars and says how many inputs it left out', () => {
    const values = { 'id-topic': 't'.repeat(100), 'id-outline': 'o'.repeat(100), 'id-keywords': ['k'.repeat(100)] };
    const summary = summariseInputs(everyKind, values, 250);
    expect(summary.length).toBeLessThanOrEqual(250);
    expect(summary).toMatch(/^\*Topic:\* t+ · \*Outline:\* o+ · \+1 more$/);
    expect(summariseInputs(everyKind, values, 50).length).toBeLessThanOrEqual(50);
  });

  it('is empty when nothing is filled', () => {
    expect(summariseInputs(everyKind, {})).toBe('');
  });
});
