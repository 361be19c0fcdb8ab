import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { BRAND_SUMMARY_BLOCK } from '../../../forms/brand-summary.js';
import { KNOWLEDGE_ACTION_ID } from '../../../forms/task-modal.js';
import { decodeRunMetadata, encodeRunMetadata } from '../../../forms/view-metadata.js';
import type { SlackServices } from '../../services/slack-services.js';
import { brandSection } from '../../brand-pickers.js';
import type { ButtonArgs } from './button-context.js';

/** The parts of the clicked modal that are sent back in `views.update` (Slack's own blocks, as it holds them). */
const ModalSchema = z.object({
  view: z.object({
    id: z.string(),
    hash: z.string().optional(),
    callback_id: z.string(),
    private_metadata: z.string(),
    title: z.looseObject({ type: z.literal('plain_text'), text: z.string() }),
    submit: z.looseObject({ type: z.literal('plain_text'), text: z.string() }).nullish(),
    close: z.looseObject({ type: z.literal('plain_text'), text: z.string() }).nullish(),
    blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })),
  }),
});

/**
 * "Change" beside the run form's one-line Brand summary: the same view, updated in place, with the Brand pickers
 * instead of the line. Block ids of the task's inputs do not change, so Slack keeps everything already typed; `hash`
 * keeps a newer version of the view from being overwritten.
 */
export function brandExpand(services: Pick<SlackServices, 'catalogues' | 'brands'>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const parsed = ModalSchema.safeParse(args.body);
    const metadata = parsed.success ? decodeRunMetadata(parsed.data.view.private_metadata) : null;
    if (!parsed.success || !metadata?.brand) return;
    const { view } = parsed.data;
    const ownKnowledge = JSON.stringify(view.blocks).includes(`"action_id":"${KNOWLEDGE_ACTION_ID}"`);
    const pickers = await brandSection(services, { provider: metadata.provider, brand: metadata.brand, ownKnowledge }, 'pickers');
    // The blocks came from Slack as we sent them (Block Kit), only re-read loosely above.
    const blocks = (view.blocks as KnownBlock[]).flatMap((b) => (b.block_id === BRAND_SUMMARY_BLOCK ? pickers : [b]));
    const { brand: _shown, ...rest } = metadata;
    await args.client.views
      .update({
        view_id: view.id,
        ...(view.hash ? { hash: view.hash } : {}),
        view: {
          type: 'modal',
          callback_id: view.callback_id,
          title: view.title,
          ...(view.submit ? { submit: view.submit } : {}),
          ...(view.close ? { close: view.close } : {}),
          private_metadata: encodeRunMetadata(rest),
          blocks,
        },
      })
      .catch((error: unknown) => args.logger.warn(`Could not show the Brand settings: ${String(error)}`));
  };
}
