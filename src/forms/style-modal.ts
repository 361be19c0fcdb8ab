/** "Apply style guide": pick one of the workspace's style guides; the rewrite of the message is shown to the person only. */
import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import type { BrandOption } from '../providers/types.js';
import { OPTION_TEXT, STATIC_SELECT_OPTIONS, truncate } from './limits.js';

export const STYLE_CALLBACK_ID = 'jasper.apply_style';
export const STYLE_BLOCK = 'style.guide';
const ACTION = 'value';

export function buildStyleModal(styles: readonly BrandOption[], metadata: string): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: STYLE_BLOCK,
      label: { type: 'plain_text', text: 'Style guide' },
      element: {
        type: 'static_select',
        action_id: ACTION,
        placeholder: { type: 'plain_text', text: 'Choose a style guide' },
        options: styles.slice(0, STATIC_SELECT_OPTIONS).map((s) => ({ text: { type: 'plain_text', text: truncate(s.name, OPTION_TEXT) }, value: s.id })),
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Only you will see the rewrite; you can then post it in the thread or discard it.' }] },
  ];
  return {
    type: 'modal',
    callback_id: STYLE_CALLBACK_ID,
    private_metadata: metadata,
    title: { type: 'plain_text', text: 'Apply style guide' },
    submit: { type: 'plain_text', text: 'Rewrite' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

const StyleState = z.object({ [STYLE_BLOCK]: z.object({ [ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) }) });

export function readStyleModal(values: unknown): { ok: true; styleId: string } | { ok: false; errors: Record<string, string> } {
  const parsed = StyleState.safeParse(values);
  const styleId = parsed.success ? parsed.data[STYLE_BLOCK][ACTION].selected_option?.value : undefined;
  return styleId ? { ok: true, styleId } : { ok: false, errors: { [STYLE_BLOCK]: 'Choose a style guide.' } };
}
