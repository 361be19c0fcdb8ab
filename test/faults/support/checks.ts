/** Checks every fault test makes: nothing crashed, the bot still serves, nothing lost or doubled. */
import { expect } from 'vitest';
import type { RecordedRequest } from '../../fakes/fake-jasper.js';
import { textOf, type StoredMessage } from '../../fakes/fake-slack.js';
import { outputIn, waitFor, type Harness } from '../../support/bot-harness.js';
import { decodeRunButton } from '../../../src/slack/thread/render/run-button.js';

export const RUN = 'POST /tasks/:id/run/stream' as const;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records unhandled rejections and uncaught exceptions in this test process (vitest runs each file in its own
 * fork, so what the bot leaves unhandled lands here). `seen` must stay empty.
 *
 * `exclusive` takes the other listeners (vitest's) off until `dispose`, so that a crash a test provokes on purpose
 * (a known bug, under `it.fails`) is recorded here without also failing the whole run as an "unhandled error".
 */
export function recordCrashes(options: { exclusive?: boolean } = {}) {
  const seen: string[] = [];
  const onRejection = (reason: unknown) => void seen.push(`unhandledRejection: ${describe(reason)}`);
  const onException = (error: unknown) => void seen.push(`uncaughtException: ${describe(error)}`);
  const saved = options.exclusive
    ? { rejection: process.listeners('unhandledRejection'), exception: process.listeners('uncaughtException') }
    : undefined;
  if (saved) {
    process.removeAllListeners('unhandledRejection');
    process.removeAllListeners('uncaughtException');
  }
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    seen,
    dispose() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      if (saved) {
        for (const listener of saved.rejection) process.on('unhandledRejection', listener);
        for (const listener of saved.exception) process.on('uncaughtException', listener);
      }
    },
  };
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}\n${value.stack ?? ''}` : String(value);
}

/** `/jasper help` still gets its answer and `GET /healthz` still answers 200 with the store reachable. */
export async function expectStillServing(h: Harness, userId = 'U1'): Promise<void> {
  const before = h.slack.ephemerals({ user: userId }).filter((e) => textOf(e).includes('/jasper run <task>')).length;
  const help = await h.driver.slashCommand({ text: 'help', userId });
  expect(help.status).toBe(200);
  expect(help.timedOut).toBe(false);
  await waitFor('the help reply', () => h.slack.ephemerals({ user: userId }).filter((e) => textOf(e).includes('/jasper run <task>')).length > before);
  const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true, store: { kind: 'redis', reachable: true }, worker: { enabled: true, connected: true } });
}

/** A signed request to the bot's /slack/events that gives up after `timeoutMs` (the driver waits for ever). */
export async function postSigned(h: Harness, body: string, contentType: 'form' | 'json', timeoutMs = 3_000) {
  const started = Date.now();
  try {
    const response = await fetch(`http://127.0.0.1:${h.port}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...h.driver.sign(body) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, text, answered: true, elapsedMs: Date.now() - started };
  } catch {
    return { status: 0, text: '', answered: false, elapsedMs: Date.now() - started };
  }
}

/** Run POSTs that carried this topic value (each test uses its own topic, so counts are per test). */
export function runsWith(h: Harness, marker: string): RecordedRequest[] {
  return h.jasper.requestsTo(RUN).filter((r) => JSON.stringify(r.body).includes(marker));
}

/** Bot messages in a thread after the root (progress, output, notices). */
export function botReplies(h: Harness, channel: string, rootTs: string): StoredMessage[] {
  return h.slack.thread(channel, rootTs).slice(1).filter((m) => m.postedBy === 'bot');
}

/** The output the thread shows (streamed text and posted Markdown), in order. */
export function shownOutput(h: Harness, channel: string, rootTs: string): string {
  return outputIn(h.slack.thread(channel, rootTs));
}

/** Messages in the thread that hold a Retry button. */
export function retryButtons(h: Harness, channel: string, rootTs: string): StoredMessage[] {
  return h.slack.thread(channel, rootTs).filter((m) => JSON.stringify(m.blocks ?? []).includes('"run.retry"'));
}

/** Messages in the thread that offered a Retry: live, or used (the button gone, "Run again by …" said instead). */
export function retryNotices(h: Harness, channel: string, rootTs: string): StoredMessage[] {
  return h.slack.thread(channel, rootTs).filter((m) => JSON.stringify(m.blocks ?? []).includes('"run.retry"') || JSON.stringify(m.blocks ?? []).includes('Run again by'));
}

/** The session id a Retry button carries (its value names the session and the turn: src/slack/thread/render/run-button.ts). */
export function retryValue(message: StoredMessage): string {
  const find = (node: unknown): string | undefined => {
    if (Array.isArray(node)) return node.map(find).find((v) => v !== undefined);
    if (typeof node !== 'object' || node === null) return undefined;
    const record = node as Record<string, unknown>;
    if (record.action_id === 'run.retry' && typeof record.value === 'string') return record.value;
    return Object.values(record).map(find).find((v) => v !== undefined);
  };
  const value = find(message.blocks ?? []);
  if (!value) throw new Error('no Retry button value');
  return decodeRunButton(value).sessionId;
}

export function rootStatus(h: Harness, channel: string, rootTs: string): string {
  const root = h.slack.message(channel, rootTs);
  return root ? textOf(root) : '';
}

/** Waits until the root shows `status` (Done, Failed, ...). */
export function rootShows(h: Harness, channel: string, rootTs: string, status: string, timeoutMs = 8_000) {
  return waitFor(`the root to show ${status}`, () => rootStatus(h, channel, rootTs).includes(status), timeoutMs);
}

/**
 * Clicks the latest Retry in the thread, once the bot holds the run as over. (A click the very moment the button
 * appears is its own test: upstream-faults.test.ts, "Retry clicked the moment it appears".)
 */
export async function clickRetry(h: Harness, channel: string, rootTs: string, userId = 'U1') {
  const button = retryButtons(h, channel, rootTs).at(-1);
  if (!button) throw new Error('no Retry button in the thread');
  const sessionId = retryValue(button);
  await waitFor('the run to be over', async () => !(await h.bot.services.runs.isRunning(sessionId)));
  const result = await h.driver.blockAction({ userId, actionId: 'run.retry', container: { type: 'message', channel, ts: button.ts } });
  expect(result.status).toBe(200);
  return result;
}

/** The session behind a thread, as the bot stored it. */
export async function sessionOf(h: Harness, channel: string, rootTs: string) {
  const session = await h.bot.services.sessions.findByThread(channel, rootTs);
  if (!session) throw new Error(`no session for ${channel}/${rootTs}`);
  return session;
}
