import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { readBrand } from '../../../forms/brand-section.js';
import { readSubmission } from '../../../forms/read-submission.js';
import { EXTRA_BLOCK_ID } from '../../../forms/task-modal.js';
import { decodeRunMetadata } from '../../../forms/view-metadata.js';
import type { SlackServices } from '../../services/slack-services.js';
import { ViewSubmissionSchema } from '../../payloads.js';
import { upstreamUnavailable } from '../../replies/upstream-unavailable.js';
import { cannotPostReply } from '../../replies/post-failure.js';
import { escapeMrkdwn } from '../../../forms/untrusted.js';
import { mayActOnRun, notYourRun } from '../../access/run-access.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Submitting a task form: invalid values go back onto their fields (the form stays open with everything typed);
 * a valid form closes and the run starts in a new thread in the channel the command came from.
 */
export function runTaskSubmission(services: Pick<SlackServices, 'access' | 'catalogues' | 'claims' | 'command' | 'fill' | 'runs' | 'sessions'>) {
  return async ({ ack, body, client, logger }: Args): Promise<void> => {
    const payload = ViewSubmissionSchema.safeParse(body);
    const metadata = payload.success ? decodeRunMetadata(payload.data.view.private_metadata) : null;
    const catalogue = metadata && services.catalogues.get(metadata.provider);
    if (!payload.success || !metadata || !catalogue) {
      logger.warn('Refused a task form submission whose payload or metadata is not ours');
      await ack({ response_action: 'errors', errors: { [EXTRA_BLOCK_ID]: 'This form is out of date. Close it and run the command again.' } });
      return;
    }
    const { view, user } = payload.data;
    // "Edit inputs & run again" replaces the session's inputs: the button was the owner's, and so is the submission
    // (a submission can be forged with any view's metadata).
    if (metadata.sessionId) {
      const session = await services.sessions.get(metadata.sessionId).catch(() => undefined);
      if (!session || !mayActOnRun('edit', user.id, session.userId, services.access)) {
        logger.warn(`Refused an edited run from someone who may not edit session ${metadata.sessionId}`);
        const why = session ? notYourRun('edit', services.command) : `This run has expired. Close the form and start a new one with \`${services.command} run\`.`;
        await ack({ response_action: 'errors', errors: { [EXTRA_BLOCK_ID]: why } });
        return;
      }
    }

    let task;
    try {
      task = await catalogue.get(metadata.taskId);
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [EXTRA_BLOCK_ID]: upstreamUnavailable(error, catalogue.provider, 'start this run') } });
      return;
    }
    let read: ReturnType<typeof readSubmission>;
    try {
      read = readSubmission(task, view.state.values);
    } catch {
      await ack({ response_action: 'errors', errors: { [EXTRA_BLOCK_ID]: 'This form is out of date. Close it and run the command again.' } });
      return;
    }
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }

    // A double click submits the same view twice: only the first starts a run.
    let first: boolean;
    try {
      first = await services.claims.once(`view:${view.id}`);
    } catch (error) {
      logger.error(`Store unavailable while submitting a form: ${String(error)}`);
      await ack({
        response_action: 'errors',
        errors: { [EXTRA_BLOCK_ID]: "I can't save runs right now (storage is down). Your inputs are still here: press Run again in a minute." },
      });
      return;
    }
    await ack();
    if (!first) return;

    const teamId = payload.data.team?.id ?? user.team_id ?? '';
    // The brand in the metadata while its pickers were never shown; what the pickers say once they were.
    const brand = metadata.brand ?? readBrand(view.state.values);
    try {
      if (metadata.sessionId) {
        // "Edit inputs & run again": a new turn in the session's thread.
        const rerun = await services.runs.rerun(metadata.sessionId, { values: read.values, extraText: read.extraText, brand, userId: user.id });
        if (!rerun) await client.chat.postMessage({ channel: user.id, text: `A run of *${escapeMrkdwn(task.name)}* is still going in that thread (or it has expired). Try again when it has finished.` });
        return;
      }
      const started = await services.runs.start({
        task,
        values: read.values,
        extraText: read.extraText,
        brand,
        teamId,
        userId: user.id,
        channelId: metadata.channelId,
        threadTs: metadata.threadTs,
      });
      // The form came from a conversation's Edit: that conversation is now this run.
      if (metadata.threadTs) await services.fill.closeForRun(task, metadata.channelId, metadata.threadTs, read.values);
      if (!started.ok) {
        await client.chat.postMessage({ channel: user.id, ...cannotPostReply(metadata.channelId, started.slackError, started.session.id, task.name) });
      }
    } catch (error) {
      logger.error(`Could not start a run of ${task.name}: ${String(error)}`);
      await client.chat
        .postMessage({ channel: user.id, text: `I couldn't start *${escapeMrkdwn(task.name)}*: something went wrong on my side. Please try again in a minute.` })
        .catch(() => undefined);
    }
  };
}
