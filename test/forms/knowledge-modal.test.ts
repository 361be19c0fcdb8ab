import type { InputBlock, ModalView } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildKnowledgeModal,
  KNOWLEDGE_BLOCK,
  KNOWLEDGE_NAME_ACTION_ID,
  KNOWLEDGE_NAME_MAX,
  KNOWLEDGE_NAME_REQUIRED,
  KNOWLEDGE_TAGS_ACTION_ID,
  KNOWLEDGE_UPLOAD_CALLBACK,
  knowledgeFileProblem,
  readKnowledgeModal,
} from '../../src/forms/knowledge-modal.js';
import { PRIVATE_METADATA } from '../../src/forms/limits.js';
import { viewProblems } from './view-limits.js';

type Json = Record<string, unknown>;

function build(args: Partial<Parameters<typeof buildKnowledgeModal>[0]> = {}): ModalView {
  const view = buildKnowledgeModal({ fileName: 'Brand book.pdf', suggestedName: 'Brand book', metadata: '{"f":"F1"}', ...args });
  expect(viewProblems(view)).toEqual([]);
  return view;
}

const input = (view: ModalView, blockId: string) =>
  view.blocks.find((b): b is InputBlock => b.type === 'input' && b.block_id === blockId);
const el = (b: InputBlock | undefined) => (b?.element ?? {}) as unknown as Json;

/** Slack's view state for what the user typed. */
function state(name: string | null, tags: string | null = null): Json {
  return {
    [KNOWLEDGE_BLOCK.name]: { [KNOWLEDGE_NAME_ACTION_ID]: { type: 'plain_text_input', value: name } },
    [KNOWLEDGE_BLOCK.tags]: { [KNOWLEDGE_TAGS_ACTION_ID]: { type: 'plain_text_input', value: tags } },
  };
}

describe('buildKnowledgeModal', () => {
  it('asks for a name (pre-filled) and tags, with the callback id and the caller’s metadata', () => {
    const view = build();
    expect(view.callback_id).toBe(KNOWLEDGE_UPLOAD_CALLBACK);
    expect(view.private_metadata).toBe('{"f":"F1"}');
    expect(view.submit?.text).toBe('Upload');
    expect(view.blocks[0]).toMatchObject({ type: 'context' });
    expect(JSON.stringify(view.blocks[0])).toContain('*Brand book.pdf*');
    const name = input(view, KNOWLEDGE_BLOCK.name);
    expect(name?.optional).toBeFalsy();
    expect(el(name)).toMatchObject({ action_id: KNOWLEDGE_NAME_ACTION_ID, initial_value: 'Brand book', max_length: KNOWLEDGE_NAME_MAX });
    const tags = input(view, KNOWLEDGE_BLOCK.tags);
    expect(tags?.optional).toBe(true);
    expect(tags?.hint?.text).toMatch(/^Separate with commas/);
    expect(el(tags).action_id).toBe(KNOWLEDGE_TAGS_ACTION_ID);
  });

  it('suggests the file name without its extension when there is no suggestion', () => {
    expect(el(input(build({ suggestedName: '  ', fileName: 'Q3 launch brief.docx' }), KNOWLEDGE_BLOCK.name)).initial_value).toBe(
      'Q3 launch brief',
    );
    expect(el(input(build({ suggestedName: '', fileName: '.env' }), KNOWLEDGE_BLOCK.name)).initial_value).toBe('.env');
  });

  it('cuts a suggestion longer than a name may be, and escapes the file name', () => {
    const view = build({ suggestedName: 'n'.repeat(500), fileName: '<b>&.pdf' });
    expect(String(el(input(view, KNOWLEDGE_BLOCK.name)).initial_value)).toHaveLength(KNOWLEDGE_NAME_MAX);
    expect(JSON.stringify(view.blocks[0])).toContain('&lt;b&gt;&amp;.pdf');
  });

  it('refuses metadata longer than a view keeps', () => {
    expect(() => buildKnowledgeModal({ fileName: 'a', suggestedName: 'a', metadata: 'x'.repeat(PRIVATE_METADATA + 1) })).toThrow();
  });
});

describe('readKnowledgeModal', () => {
  it('reads the name and the tags (trimmed, no blanks or repeats)', () => {
    expect(readKnowledgeModal(state('  Brand   book ', ' brand, 2025,, Brand ,launch '))).toEqual({
      ok: true,
      name: 'Brand book',
      tags: ['brand', '2025', 'launch'],
    });
    expect(readKnowledgeModal(state('Doc', null))).toEqual({ ok: true, name: 'Doc', tags: [] });
  });

  it('round-trips what the modal was pre-filled with', () => {
    const view = build({ suggestedName: 'Pricing sheet' });
    const name = String(el(input(view, KNOWLEDGE_BLOCK.name)).initial_value);
    expect(readKnowledgeModal(state(name))).toEqual({ ok: true, name: 'Pricing sheet', tags: [] });
  });

  it('requires a name, on the name block', () => {
    for (const name of [null, '', '   ']) {
      expect(readKnowledgeModal(state(name))).toEqual({ ok: false, errors: { [KNOWLEDGE_BLOCK.name]: KNOWLEDGE_NAME_REQUIRED } });
    }
    expect(readKnowledgeModal({})).toEqual({ ok: false, errors: { [KNOWLEDGE_BLOCK.name]: KNOWLEDGE_NAME_REQUIRED } });
  });

  it('refuses a name over 200 characters, saying how long it is', () => {
    expect(readKnowledgeModal(state('n'.repeat(KNOWLEDGE_NAME_MAX)))).toMatchObject({ ok: true });
    expect(readKnowledgeModal(state('n'.repeat(230)))).toEqual({
      ok: false,
      errors: { [KNOWLEDGE_BLOCK.name]: 'Keep the name under 200 characters (now 230).' },
    });
  });

  it('throws on something that is not view state', () => {
    expect(() => readKnowledgeModal('nope')).toThrow();
  });

  it('reads back any name and tags typed', () => {
    const tag = fc.string({ minLength: 1, maxLength: 10 }).filter((t) => !t.includes(',') && t.trim() === t && t !== '');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.uniqueArray(tag, { maxLength: 6, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }), (name, tags) => {
        const read = readKnowledgeModal(state(name, tags.join(', ')));
        const clean = name.replace(/\s+/g, ' ').trim();
        if (clean === '') expect(read.ok).toBe(false);
        else expect(read).toEqual({ ok: true, name: clean, tags });
      }),
    );
  });
});

describe('knowledgeFileProblem', () => {
  const MB = 1024 * 1024;
  const limits = {
    maxBytes: 50 * MB,
    contentTypes: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain'],
  };

  it.each([
    [{ name: 'Brand book.pdf', size: 2 * MB, mimetype: 'application/pdf' }, null],
    [{ name: 'notes.TXT', size: 10 }, null],
    [{ name: 'no-extension', size: 10, mimetype: 'application/pdf' }, null],
    [{ name: 'report.pdf', size: 10, mimetype: 'application/octet-stream' }, null],
    [{ name: 'plain', size: 10, mimetype: 'text/plain; charset=utf-8' }, null],
    [{ name: 'exactly.pdf', size: 50 * MB }, null],
    [{ name: 'setup.exe', size: 10, mimetype: 'application/x-msdownload' }, "Jasper can't read .exe files; it takes PDF, DOCX, TXT."],
    [{ name: 'photo.png', size: 10, mimetype: 'image/png' }, "Jasper can't read .png files; it takes PDF, DOCX, TXT."],
    [{ name: 'mystery', size: 10, mimetype: 'application/zip' }, "Jasper can't read this kind of file (application/zip); it takes PDF, DOCX, TXT."],
    [{ name: 'mystery', size: 10 }, "Jasper can't read this file (its type is not clear); it takes PDF, DOCX, TXT."],
    [{ name: 'big.pdf', size: 72 * MB, mimetype: 'application/pdf' }, 'Jasper accepts files up to 50 MB; this one is 72 MB.'],
    [{ name: 'bit-big.pdf', size: 50.4 * MB }, 'Jasper accepts files up to 50 MB; this one is 50.4 MB.'],
    [{ name: 'hair.pdf', size: 50 * MB + 1 }, 'Jasper accepts files up to 50 MB; this one is just over 50 MB.'],
    [{ name: 'huge.pdf', size: 2.5 * 1024 * MB }, 'Jasper accepts files up to 50 MB; this one is 2.5 GB.'],
    [{ name: 'empty.pdf', size: 0 }, "This file is empty: there's nothing in it for Jasper to learn."],
  ])('%j -> %s', (file, expected) => {
    expect(knowledgeFileProblem(file, limits)).toBe(expected);
  });

  it('takes extensions and wildcards as content types, and accepts any type when none are listed', () => {
    const byExtension = { maxBytes: 10 * MB, contentTypes: ['.pdf', 'docx', 'text/*'] };
    expect(knowledgeFileProblem({ name: 'a.pdf', size: 1 }, byExtension)).toBeNull();
    expect(knowledgeFileProblem({ name: 'a', size: 1, mimetype: 'application/pdf' }, byExtension)).toBeNull();
    expect(knowledgeFileProblem({ name: 'a.md', size: 1, mimetype: 'text/markdown' }, byExtension)).toBeNull();
    expect(knowledgeFileProblem({ name: 'a.csv', size: 1 }, byExtension)).toBeNull();
    expect(knowledgeFileProblem({ name: 'a.exe', size: 1 }, byExtension)).toBe("Jasper can't read .exe files; it takes PDF, DOCX, any text file.");
    expect(knowledgeFileProblem({ name: 'a.exe', size: 1 }, { maxBytes: 10, contentTypes: [] })).toBeNull();
    expect(knowledgeFileProblem({ name: 'a.exe', size: 11 }, { maxBytes: 10, contentTypes: [] })).toBe(
      'Jasper accepts files up to 10 bytes; this one is 11 bytes.',
    );
  });

  it('names the type before the size when both are wrong', () => {
    expect(knowledgeFileProblem({ name: 'a.exe', size: 100 * MB }, limits)).toMatch(/^Jasper can't read \.exe files/);
  });
});
