import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../../src/providers/types.js';
import { ambiguousTaskReply, taskListReply, unknownTaskReply, type TaskLabels } from '../../../src/slack/replies/command-replies.js';
import { renderTaskChoices } from '../../../src/forms/fill-prompts.js';

const task = (provider: string, name: string): TaskDefinition => ({
  provider,
  id: `${provider}-${name}`,
  name,
  slug: name.toLowerCase().replace(/[^a-z0-9<>@!]+/g, '-'),
  description: '',
  categories: [],
  inputs: [],
});
const labels: TaskLabels = { address: (t) => `${t.provider}:${t.slug}`, provider: (t) => (t.provider === 'jarvis' ? 'Jarvis' : 'Jasper') };
const sections = (blocks: unknown[] | undefined) => (blocks ?? []).map((b) => (b as { text?: { text: string } }).text?.text ?? '').join('\n');

describe('tasks named by address and agent', () => {
  it('a list row shows the address and the agent', () => {
    const reply = taskListReply([task('jarvis', 'Paperclip')], '', '/jasper', labels);
    expect(sections(reply.blocks)).toContain('*Paperclip*  `jarvis:paperclip`  ·  _Jarvis_');
  });

  it('an ambiguous slug is answered with each full address, its text escaped, the command the configured one', () => {
    const reply = ambiguousTaskReply('<!channel>', [task('jasper', '<!channel>'), task('jarvis', '<!channel>')], '/writer', labels);
    expect(reply.text).toContain('`jasper:&lt;!channel&gt;`, `jarvis:&lt;!channel&gt;`');
    expect(`${reply.text}\n${sections(reply.blocks)}`).not.toContain('<');
    expect(sections(reply.blocks)).toContain('/writer run &lt;agent&gt;:');
  });

  it('closest matches are named by their address', () => {
    expect(unknownTaskReply('paperclp', [task('jarvis', 'Paperclip')], '/jasper', labels).text).toContain('jarvis:paperclip');
  });

  it('a conversation\'s task choices name each task by its address and hint at the configured command', () => {
    const message = renderTaskChoices([task('jarvis', 'Paperclip')], 'paperclip', { command: '/writer', address: (t) => `${t.provider}:${t.slug}` });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('`jarvis:paperclip`');
    expect(text).toContain('`/writer list`');
    expect(text).not.toContain('/jasper');
  });
});
