/**
 * Slack's side of interactions that the driver needs: building a modal's submitted state with the
 * client's own checks, and checking the bot's answer to an options (block_suggestion) request.
 */
import { z } from 'zod';
import { plainOption } from './block-elements.js';
import { zodMessages } from './blocks.js';
import type { JsonObject, SlackView } from './types.js';
import { clientCheck, type FieldInput, inputBlocks, stateValue } from './view-state.js';

export type SubmissionState =
  | { ok: true; values: Record<string, Record<string, JsonObject>> }
  | { ok: false; clientErrors: Record<string, string> };

/** The state Slack submits: every input block, from `values` (by block_id), else what was typed before, else initial values. */
export function submissionState(view: SlackView, values: Record<string, FieldInput>): SubmissionState {
  const inputs = inputBlocks(view.blocks);
  const unknown = Object.keys(values).filter((k) => !inputs.some((i) => i.blockId === k));
  if (unknown.length > 0) throw new Error(`not input blocks of view ${view.id}: ${unknown.join(', ')}`);
  const out: Record<string, Record<string, JsonObject>> = {};
  const clientErrors: Record<string, string> = {};
  for (const i of inputs) {
    const typed = view.state.values[i.blockId]?.[i.actionId];
    const value = i.blockId in values ? stateValue(i.element, values[i.blockId]) : (typed ?? stateValue(i.element, undefined));
    out[i.blockId] = { [i.actionId]: value };
    const problem = clientCheck(i.block, i.element, value);
    if (problem) clientErrors[i.blockId] = problem;
  }
  return Object.keys(clientErrors).length > 0 ? { ok: false, clientErrors } : { ok: true, values: out };
}

const optionsAnswer = z.strictObject({ options: z.array(plainOption).max(100, 'no more than 100 items allowed') });
const groupsAnswer = z.strictObject({
  option_groups: z
    .array(z.strictObject({ label: z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(75), emoji: z.boolean().optional() }), options: z.array(plainOption).max(100) }))
    .max(100),
});

/** Options Slack would show for the bot's answer, or why it would show none. */
export function checkOptionsResponse(body: unknown): { options: JsonObject[]; errors: string[] } {
  const grouped = typeof body === 'object' && body !== null && 'option_groups' in body;
  const parsed = (grouped ? groupsAnswer : optionsAnswer).safeParse(body);
  if (!parsed.success) return { options: [], errors: zodMessages(parsed.error, '') };
  const data = parsed.data as { options?: JsonObject[]; option_groups?: Array<{ options: JsonObject[] }> };
  return { options: data.options ?? (data.option_groups ?? []).flatMap((g) => g.options), errors: [] };
}
