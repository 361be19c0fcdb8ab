import { ProviderError } from '../providers/errors.js';
import type { RunEvent } from '../providers/types.js';
import type { RunFile, TurnDisplay } from './run-updates.js';

export type StreamResult =
  | { ended: 'done'; output: string; structured?: unknown; files: RunFile[]; usage?: Record<string, number> }
  | { ended: 'error'; output: string; error: ProviderError; partial: boolean }
  /** The signal aborted (Cancel, hand-over or shutdown): the caller knows which. */
  | { ended: 'stopped'; output: string };

export interface StartedIds {
  upstreamRunId?: string;
  upstreamSessionId?: string;
}

/**
 * Feeds a provider's events to the display and collects the output. `onStarted` is awaited before anything else
 * happens, so the upstream's ids are saved before the thread shows a word of the run.
 */
export async function consumeEvents(
  events: AsyncIterable<RunEvent>,
  display: TurnDisplay,
  signal: AbortSignal,
  onStarted: (ids: StartedIds) => Promise<void>,
  onProviderBug: (error: unknown) => void,
): Promise<StreamResult> {
  let output = '';
  let structured: unknown;
  const files: RunFile[] = [];
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'started':
          await onStarted({ upstreamRunId: event.upstreamRunId, upstreamSessionId: event.upstreamSessionId });
          break;
        case 'step':
          display.step({ id: event.id, label: event.label, status: event.status, ...(event.description ? { description: event.description } : {}) });
          break;
        case 'subjob':
          display.step({ id: event.id, label: event.label, status: event.status, ...(event.parentId ? { parentId: event.parentId } : {}) });
          break;
        case 'text':
          output += event.delta;
          display.text(event.delta);
          break;
        case 'structured':
          // Kept as data (the session, a follow-up); the thread shows it as a table or fields when the turn ends.
          structured = event.data;
          break;
        case 'file':
          // Attached once the turn's end is saved (see TurnRunner.finish): never kept in the session.
          files.push({ name: event.name, contentType: event.contentType, content: event.content });
          break;
        case 'done':
          return { ended: 'done', output, structured, files, ...(event.usage ? { usage: event.usage } : {}) };
        case 'error':
          return signal.aborted ? { ended: 'stopped', output } : { ended: 'error', output, error: event.error, partial: event.partial || output.length > 0 };
      }
    }
  } catch (error) {
    // A provider must not throw, but a bug there must not lose the run's output either.
    if (!signal.aborted) {
      onProviderBug(error);
      return { ended: 'error', output, partial: output.length > 0, error: new ProviderError('invalid_response', 'The agent API stream failed unexpectedly.', { cause: error }) };
    }
  }
  if (signal.aborted) return { ended: 'stopped', output };
  return { ended: 'error', output, partial: output.length > 0, error: new ProviderError('stream_cut', 'The stream ended without finishing.') };
}
