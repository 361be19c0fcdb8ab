/**
 * The value of a run's Retry / Run again button: the session and the turn the button belongs to, so that a click on
 * an old button (or a replayed one) can tell that the run has moved on since.
 */
export interface RunButtonValue {
  sessionId: string;
  /** Absent on buttons posted before turn ids were encoded: then the click counts as being about the last turn. */
  turnId?: string;
}

const SEPARATOR = '/';

export function encodeRunButton(value: { sessionId: string; turnId: string }): string {
  return `${value.sessionId}${SEPARATOR}${value.turnId}`;
}

export function decodeRunButton(value: string): RunButtonValue {
  const at = value.indexOf(SEPARATOR);
  return at < 0 ? { sessionId: value } : { sessionId: value.slice(0, at), turnId: value.slice(at + 1) };
}
