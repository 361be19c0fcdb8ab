import { inspect } from 'node:util';
import { ConsoleLogger, LogLevel, type Logger } from '@slack/logger';
import { pino, type DestinationStream } from 'pino';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
const LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;
/** Slack tokens that might reach a log through an error message from a library. */
const TOKEN_PATTERN = /\bxox[abpers]-[0-9A-Za-z-]+|\bxapp-[0-9A-Za-z-]+/g;

/**
 * A logger that never writes a secret: the configured secrets and anything shaped like a Slack token are replaced
 * before a line is written, whatever the caller passed (messages, errors, objects).
 */
export function createLogger(level: keyof typeof LEVELS, secrets: readonly (string | undefined)[], base: Logger = new ConsoleLogger()): Logger {
  base.setLevel(LEVELS[level]);
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const scrub = (value: unknown): string => {
    let text = value instanceof Error ? `${value.name}: ${value.message}` : typeof value === 'string' ? value : safeJson(value);
    for (const secret of known) text = text.split(secret).join('[redacted]');
    return text.replace(TOKEN_PATTERN, '[redacted]');
  };
  // Scrubbing is not free (the Web API client logs whole bodies at debug): skip it for lines that are not written.
  const on = (level: LogLevel) => ORDER.indexOf(level) >= ORDER.indexOf(base.getLevel());
  return {
    debug: (...msg) => on(LogLevel.DEBUG) && base.debug(...msg.map(scrub)),
    info: (...msg) => on(LogLevel.INFO) && base.info(...msg.map(scrub)),
    warn: (...msg) => on(LogLevel.WARN) && base.warn(...msg.map(scrub)),
    error: (...msg) => base.error(...msg.map(scrub)),
    setLevel: (next) => base.setLevel(next),
    getLevel: () => base.getLevel(),
    setName: (name) => base.setName(name),
  };
}

/**
 * `LOG_FORMAT=json`: one JSON object a line (`level` as a name, ISO `time`, `pid`, `hostname`, `msg`, and `name` once
 * set), for log collectors. Pass it as `base` to `createLogger`, which scrubs secrets before this sees a message.
 */
export function createJsonBaseLogger(destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  let name: string | undefined;
  const log = pino(
    {
      level: LogLevel.INFO,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => (name === undefined ? {} : { name }),
    },
    destination,
  );
  const line = (msg: unknown[]) => msg.map((part) => (typeof part === 'string' ? part : inspect(part, { breakLength: Infinity }))).join(' ');
  return {
    debug: (...msg) => log.debug(line(msg)),
    info: (...msg) => log.info(line(msg)),
    warn: (...msg) => log.warn(line(msg)),
    error: (...msg) => log.error(line(msg)),
    setLevel: (level) => {
      log.level = level;
    },
    getLevel: () => ORDER.find((level) => level === log.level) ?? LogLevel.INFO,
    setName: (next) => {
      name = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
