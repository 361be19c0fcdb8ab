import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/inputs/command-text.js';

describe('parseCommandText', () => {
  it('reads a verb, positional words and name=value pairs', () => {
    expect(parseCommandText('run blog-post topic="AI for dentists" blog-length=medium')).toEqual({
      ok: true,
      verb: 'run',
      positional: ['blog-post'],
      pairs: { topic: 'AI for dentists', 'blog-length': 'medium' },
    });
  });

  it('accepts the curly quotes Slack clients type, in either direction', () => {
    const expected = { ok: true, verb: 'run', positional: ['blog-post'], pairs: { topic: 'AI for dentists' } };
    expect(parseCommandText('run blog-post topic=“AI for dentists”')).toEqual(expected);
    expect(parseCommandText('run blog-post topic=”AI for dentists”')).toEqual(expected);
    expect(parseCommandText('run blog-post topic=‘AI for dentists’')).toEqual(expected);
    expect(parseCommandText("run blog-post topic='AI for dentists'")).toEqual(expected);
  });

  it('keeps apostrophes inside words and values', () => {
    expect(parseCommandText('list don’t topic=it’s ’90s')).toEqual({
      ok: true,
      verb: 'list',
      positional: ['don’t', '’90s'],
      pairs: { topic: 'it’s' },
    });
    expect(parseCommandText('run x topic=‘it’s fine’')).toMatchObject({ pairs: { topic: 'it’s fine' } });
  });

  it('reads quoted positionals, and an = inside one is not a pair', () => {
    expect(parseCommandText('list "blog post" “a=b c”')).toEqual({ ok: true, verb: 'list', positional: ['blog post', 'a=b c'], pairs: {} });
  });

  it('lower-cases and slugifies names, not values', () => {
    expect(parseCommandText('RUN Blog-Post Blog_Length=Medium')).toEqual({
      ok: true,
      verb: 'run',
      positional: ['Blog-Post'],
      pairs: { 'blog-length': 'Medium' },
    });
    expect(parseCommandText('run x Target_Reader=CMOs')).toMatchObject({ pairs: { 'target-reader': 'CMOs' } });
  });

  it('takes empty values, an = at the start, and the last of a repeated name', () => {
    expect(parseCommandText('run x topic="" =y a=1 a=2')).toEqual({ ok: true, verb: 'run', positional: ['x', '=y'], pairs: { topic: '', a: '2' } });
  });

  it('has no verb when the text starts with a pair or is empty', () => {
    expect(parseCommandText('topic=x')).toEqual({ ok: true, verb: '', positional: [], pairs: { topic: 'x' } });
    expect(parseCommandText('   ')).toEqual({ ok: true, verb: '', positional: [], pairs: {} });
  });

  it('decodes the entities Slack sends for & < >', () => {
    expect(parseCommandText('run x topic="R&amp;D &lt;fast&gt;"')).toMatchObject({ pairs: { topic: 'R&D <fast>' } });
  });

  it('splits on any whitespace, including newlines', () => {
    expect(parseCommandText('run\nblog-post\ttopic="a\nb"')).toEqual({ ok: true, verb: 'run', positional: ['blog-post'], pairs: { topic: 'a\nb' } });
  });

  it('says how to fix an unterminated quote', () => {
    const result = parseCommandText('run blog-post topic="AI for dentists blog-length=medium');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('topic="AI for dentists');
      expect(result.error).toMatch(/add a closing "/);
    }
    expect(parseCommandText('run “blog post')).toMatchObject({ ok: false });
  });
});
