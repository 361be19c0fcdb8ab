import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexHtml, surfaceHtml } from '../../scripts/screenshots/render-html.js';
import { findChromium } from '../../scripts/screenshots/shoot.js';
import { SAMPLE_OUTPUT, STORIES } from '../../scripts/screenshots/stories.js';
import type { Surface } from '../../scripts/screenshots/surfaces.js';
import { startHarness, type Harness } from '../support/bot-harness.js';

const directory = { users: [{ id: 'U1', name: 'alice' }], channels: [] };
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('screenshots: rendering surfaces to HTML', () => {
  it('renders a thread as Slack shows it: mrkdwn, mentions by name, reactions as emoji, ephemeral marked, text escaped', () => {
    const surface: Surface = {
      kind: 'messages',
      name: 'a-thread',
      caption: 'A thread',
      directory,
      messages: [
        { author: 'Alice Example', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*bold* for <@U1> ${HOSTILE}` } }], reactions: ['white_check_mark'], ephemeral: false },
        { author: 'bot', blocks: [{ type: 'markdown', text: '## Heading\n\n- item' }], reactions: [], ephemeral: true },
      ],
    };
    const html = surfaceHtml(surface);
    expect(html).toMatch(/<strong>(<span>)*bold</);
    expect(html).toContain('@alice');
    expect(html).toContain('✅');
    expect(html).toContain('Only visible to you');
    expect(html).toContain('1 reply');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toMatch(/<h2[^>]*>Heading<\/h2>/);
  });

  it('renders a modal with its title and buttons, and marks optional inputs as Slack does', () => {
    const html = surfaceHtml({
      kind: 'modal',
      name: 'a-modal',
      caption: 'A modal',
      directory,
      title: 'Blog Post',
      submit: 'Run',
      close: 'Cancel',
      blocks: [
        { type: 'input', optional: true, label: { type: 'plain_text', text: 'Outline' }, element: { type: 'plain_text_input', action_id: 'a' } },
        { type: 'input', label: { type: 'plain_text', text: 'Topic' }, element: { type: 'plain_text_input', action_id: 'b' } },
      ],
    });
    expect(html).toContain('Outline (optional)');
    expect(html).toContain('Topic');
    expect(html).not.toContain('Topic (optional)');
    expect(html).toMatch(/Blog Post[\s\S]*Cancel[\s\S]*Run/);
  });

  it('indexes every surface, with images only when they were taken', () => {
    const s: Surface = { kind: 'home', name: 'home-01', caption: 'Home <b>', directory, title: 'Home', blocks: [] };
    expect(indexHtml([s], true)).toContain('<img src="home-01.png"');
    expect(indexHtml([s], false)).not.toContain('<img');
    expect(indexHtml([s], false)).toContain('Home &lt;b&gt;');
  });

  it('finds no Chromium where CHROMIUM_PATH names nothing', () => {
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      expect(findChromium()).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });
});

describe('screenshots: a story against the fakes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.jasper.setOutputText(SAMPLE_OUTPUT);
  });
  afterAll(async () => h?.close());

  it('the failed-run story captures the failure with Retry, then the retried run with its steps and output', async () => {
    const surfaces: Surface[] = [];
    await STORIES.find((s) => s.name === 'failed-run')!.run(h, (s) => surfaces.push(s));
    expect(surfaces.map((s) => s.name)).toEqual(['failed-run-01-retry', 'failed-run-02-retried']);
    const [failed, retried] = surfaces.map((s) => surfaceHtml(s));
    expect(failed).toContain('Retry');
    expect(failed).toContain('problem on its side');
    expect(retried).toContain('Generated content');
    expect(retried).toContain('AI for dentists: where to start');
  });
});
