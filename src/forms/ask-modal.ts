/** "Ask Jasper…": the small form for an instruction about a message, with language, formality and web search. */
import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import type { CommandRequest } from '../providers/types.js';
import type { LanguageOption } from './home/model.js';
import { PLAIN_TEXT_INPUT_MAX } from './limits.js';

export const ASK_CALLBACK_ID = 'jasper.ask';
export const ASK_BLOCK = { instruction: 'ask.instruction', language: 'ask.language', formality: 'ask.formality', webSearch: 'ask.web_search' } as const;
const ACTION = 'value';

const FORMALITIES = [
  { value: 'default', text: 'As Jasper sees fit' },
  { value: 'more', text: 'More formal' },
  { value: 'less', text: 'Less formal' },
] as const;

const option = (value: string, text: string) => ({ text: { type: 'plain_text' as const, text }, value });

/** `inThread`: the message is part of a thread, so the whole thread can be the context instead. */
export function buildAskModal(metadata: string, about: string, languages: readonly LanguageOption[], inThread = false): ModalView {
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: about }] },
    {
      type: 'input',
      block_id: ASK_BLOCK.instruction,
      label: { type: 'plain_text', text: 'What should Jasper do?' },
      element: {
        type: 'plain_text_input',
        action_id: ACTION,
        multiline: true,
        max_length: PLAIN_TEXT_INPUT_MAX,
        placeholder: { type: 'plain_text', text: 'e.g. Summarise this in three bullet points' },
      },
    },
    {
      type: 'input',
      block_id: ASK_BLOCK.language,
      optional: true,
      label: { type: 'plain_text', text: 'Answer in' },
      element: { type: 'static_select', action_id: ACTION, placeholder: { type: 'plain_text', text: 'The language of the message' }, options: languages.map((l) => option(l.code, l.name)) },
    },
    {
      type: 'input',
      block_id: ASK_BLOCK.formality,
      optional: true,
      label: { type: 'plain_text', text: 'Formality' },
      element: { type: 'radio_buttons', action_id: ACTION, initial_option: option(FORMALITIES[0].value, FORMALITIES[0].text), options: FORMALITIES.map((f) => option(f.value, f.text)) },
    },
    {
      type: 'input',
      block_id: ASK_BLOCK.webSearch,
      optional: true,
      label: { type: 'plain_text', text: 'Sources' },
      element: {
        type: 'checkboxes',
        action_id: ACTION,
        options: [option('on', 'Let Jasper search the web'), ...(inThread ? [option('thread', 'Read the whole thread, not just this message')] : [])],
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: ASK_CALLBACK_ID,
    private_metadata: metadata,
    title: { type: 'plain_text', text: 'Ask Jasper' },
    submit: { type: 'plain_text', text: 'Ask' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

const selected = z.object({ value: z.string() });
const AskState = z.object({
  [ASK_BLOCK.instruction]: z.object({ [ACTION]: z.object({ value: z.string().nullish() }) }),
  [ASK_BLOCK.language]: z.object({ [ACTION]: z.object({ selected_option: selected.nullish() }) }).optional(),
  [ASK_BLOCK.formality]: z.object({ [ACTION]: z.object({ selected_option: selected.nullish() }) }).optional(),
  [ASK_BLOCK.webSearch]: z.object({ [ACTION]: z.object({ selected_options: z.array(selected).nullish() }) }).optional(),
});

export type AskAnswers = Omit<CommandRequest, 'context'> & { wholeThread?: boolean };

/** The submitted form as a command request, or the errors to show on its fields. */
export function readAskModal(values: unknown): { ok: true; answers: AskAnswers } | { ok: false; errors: Record<string, string> } {
  const parsed = AskState.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [ASK_BLOCK.instruction]: 'This form is out of date. Close it and use the shortcut again.' } };
  const state = parsed.data;
  const command = state[ASK_BLOCK.instruction][ACTION].value?.trim() ?? '';
  if (!command) return { ok: false, errors: { [ASK_BLOCK.instruction]: 'Say what Jasper should do with the message.' } };
  const answers: AskAnswers = { command };
  const language = state[ASK_BLOCK.language]?.[ACTION].selected_option?.value;
  // Slack sends only an option the select offered.
  if (language) answers.outputLanguage = language;
  const formality = state[ASK_BLOCK.formality]?.[ACTION].selected_option?.value;
  if (formality === 'more' || formality === 'less' || formality === 'default') answers.formality = formality;
  const ticked = state[ASK_BLOCK.webSearch]?.[ACTION].selected_options ?? [];
  if (ticked.some((o) => o.value === 'on')) answers.webSearch = true;
  if (ticked.some((o) => o.value === 'thread')) answers.wholeThread = true;
  return { ok: true, answers };
}
