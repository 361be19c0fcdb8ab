/** Forms for the workspace's tones: create or edit (name and the voice in words), and the confirmation before a delete. */
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { BrandOption } from '../providers/types.js';
import { PLAIN_TEXT_INPUT_MAX, truncate } from './limits.js';

export const TONE_CALLBACK_ID = 'jasper.tone';
export const TONE_DELETE_CALLBACK_ID = 'jasper.tone_delete';
export const TONE_BLOCK = { name: 'tone.name', value: 'tone.value' } as const;
const ACTION = 'value';
const NAME_MAX = 100;

/** `tone` absent: a new tone. */
export function buildToneModal(tone: BrandOption | undefined): ModalView {
  return {
    type: 'modal',
    callback_id: TONE_CALLBACK_ID,
    private_metadata: JSON.stringify(tone ? { toneId: tone.id } : {}),
    title: { type: 'plain_text', text: tone ? 'Edit tone' : 'New tone' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: TONE_BLOCK.name,
        label: { type: 'plain_text', text: 'Name' },
        element: { type: 'plain_text_input', action_id: ACTION, max_length: NAME_MAX, ...(tone && { initial_value: truncate(tone.name, NAME_MAX) }) },
      },
      {
        type: 'input',
        block_id: TONE_BLOCK.value,
        label: { type: 'plain_text', text: 'The voice, in words' },
        hint: { type: 'plain_text', text: 'How Jasper should sound, e.g. "Warm and plain-spoken; short sentences; no jargon."' },
        element: {
          type: 'plain_text_input',
          action_id: ACTION,
          multiline: true,
          max_length: PLAIN_TEXT_INPUT_MAX,
          ...(tone?.description && { initial_value: truncate(tone.description, PLAIN_TEXT_INPUT_MAX) }),
        },
      },
    ],
  };
}

export function buildToneDeleteModal(tone: BrandOption): ModalView {
  return {
    type: 'modal',
    callback_id: TONE_DELETE_CALLBACK_ID,
    private_metadata: JSON.stringify({ toneId: tone.id, name: truncate(tone.name, 200) }),
    title: { type: 'plain_text', text: 'Delete tone?' },
    submit: { type: 'plain_text', text: 'Delete' },
    close: { type: 'plain_text', text: 'Keep it' },
    blocks: [{ type: 'section', text: { type: 'plain_text', text: `“${truncate(tone.name, 200)}” will be deleted from Jasper for everyone in the workspace. This can't be undone.` } }],
  };
}

const text = z.object({ [ACTION]: z.object({ value: z.string().nullish() }) });
const ToneState = z.object({ [TONE_BLOCK.name]: text, [TONE_BLOCK.value]: text });

export function readToneModal(values: unknown): { ok: true; name: string; value: string } | { ok: false; errors: Record<string, string> } {
  const parsed = ToneState.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [TONE_BLOCK.name]: 'This form is out of date. Close it and open it again from the Home tab.' } };
  const name = parsed.data[TONE_BLOCK.name][ACTION].value?.trim() ?? '';
  const value = parsed.data[TONE_BLOCK.value][ACTION].value?.trim() ?? '';
  const errors: Record<string, string> = {};
  if (!name) errors[TONE_BLOCK.name] = 'Give the tone a name.';
  if (!value) errors[TONE_BLOCK.value] = 'Describe the voice: Jasper writes from these words.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, name, value };
}
