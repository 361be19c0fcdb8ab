/**
 * What a run tells the outside while it happens. The run lifecycle knows nothing of Slack: a presenter (the Slack
 * thread, in src/slack/thread/) implements this, and a stream, a poller or a webhook all drive it the same way.
 */
import type { ProviderError } from '../providers/errors.js';
import type { StepStatus, TaskDefinition } from '../providers/types.js';
import type { Session, Turn } from '../store/session-schema.js';

export interface StepState {
  id: string;
  label: string;
  status: StepStatus;
  description?: string;
  /** A subjob's parent (a step or subjob id, or the upstream job's own id): shown nested under it. */
  parentId?: string;
}

/** A file a run produced beside its output, to attach in the thread. */
export interface RunFile {
  name: string;
  contentType: string;
  content: string;
}

export interface RunContext {
  session: Session;
  turn: Turn;
  task: TaskDefinition;
  /** The provider's display name, e.g. "Jasper". */
  agent: string;
}

export type TurnOutcome =
  | { status: 'done'; output: string; structured?: unknown; files?: RunFile[]; usage?: Record<string, number> }
  | { status: 'failed'; output: string; partial: boolean; error: ProviderError }
  | { status: 'cancelled'; output: string; cancelledBy: string }
  /** The run stopped without anyone asking (a restart, a crash), and cannot be picked up again. */
  | { status: 'interrupted'; output: string };

/** One turn's display, in the process working on it. Calls arrive in the run's order; none of them throws. */
export interface TurnDisplay {
  step(step: StepState): void;
  text(delta: string): void;
  /** The turn ended: show how, with the whole output. Resolves when the thread shows it. */
  end(session: Session, outcome: TurnOutcome): Promise<void>;
  /** Uploads a file of the ended turn into the thread; resolves with whether it is there (failures are logged). */
  attach(file: RunFile): Promise<boolean>;
  /** This process gives the run up to another (a deploy): stop showing it and post nothing more. */
  abandon(): Promise<void>;
}

export interface RunPresenter {
  /** A turn starts (or, `resumed`, continues after the worker that ran it stopped) in this process. */
  begin(context: RunContext, how: { resumed: boolean }): TurnDisplay;
  /** A turn ended without a display here (found interrupted, cancelled before it began, or shown once already). */
  ended(context: RunContext, outcome: TurnOutcome): Promise<void>;
}
