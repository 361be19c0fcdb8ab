import type { Logger } from '@slack/logger';

let installed = false;

/**
 * A last resort: an error that escapes every handler (e.g. Bolt's receiver rejecting on a malformed body outside its
 * own try/catch) is logged, and the bot keeps serving everyone else instead of exiting. Installed once per process.
 */
export function guardProcess(logger: Logger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => logger.error(`Unhandled rejection (the bot keeps running): ${reason instanceof Error ? reason.message : String(reason)}`));
}
