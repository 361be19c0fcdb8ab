import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, MarkdownNeutraliser, neutraliseMarkdown, stripControlChars } from '../../src/forms/untrusted.js';

const HOSTILE = 'a <!channel> b <@U1> c <https://x|y> d &lt;!here&gt; e &#60;@U2&#62; `x < 3` **bold**';
const TOKEN = /<[!@#a-z]/i;

describe('untrusted text', () => {
  it('mrkdwn: &, < and > become entities', () => {
    expect(escapeMrkdwn('<!channel> & <b>')).toBe('&lt;!channel&gt; &amp; &lt;b&gt;');
  });

  it('Markdown: no token can open, entities included, and the Markdown stays', () => {
    const out = neutraliseMarkdown(HOSTILE);
    const decoded = out.replace(/&lt;|&#60;/g, '<');
    expect(decoded).not.toMatch(TOKEN);
    expect(out.replaceAll('\u200B', '')).toBe(HOSTILE);
    expect(out).toContain('`x < 3` **bold**');
  });

  it('a stream split anywhere comes out as the whole does', () => {
    for (let cut = 0; cut <= HOSTILE.length; cut++) {
      const n = new MarkdownNeutraliser();
      expect(n.push(HOSTILE.slice(0, cut)) + n.push(HOSTILE.slice(cut))).toBe(neutraliseMarkdown(HOSTILE));
    }
  });

  it('control characters other than tab and newline go', () => {
    expect(stripControlChars('a\u0000b\u0007c\td\ne\u001f\r')).toBe('abc\td\ne');
  });
});
