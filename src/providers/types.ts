/**
 * The one interface every agent API adapter implements. Types only: the surfaces, forms and runs depend on this
 * module and never on an adapter's own files.
 */
import type { ProviderError } from './errors.js';

/** How an input is asked for, independent of the upstream's own type names. */
export type InputKind =
  | 'text' // one line
  | 'long_text' // several lines
  | 'select' // one of `options`
  | 'multi_select' // several of `options`
  | 'knowledge' // several knowledge items, picked from `Provider.searchKnowledge`
  | 'tags' // a free list of strings
  | 'checkbox'; // yes / no

export interface InputField {
  /** The upstream's id for this input; values are keyed by it. */
  id: string;
  /** Human name, e.g. "Blog length". */
  name: string;
  /** Slug of the name, e.g. "blog-length": how `name=value` pairs address the input. */
  slug: string;
  kind: InputKind;
  /** The question to ask; never empty (falls back to the name). */
  question: string;
  /** Help text shown under the input. */
  hint?: string;
  required: boolean;
  /** For `select` and `multi_select`: the allowed values, in upstream order. */
  options?: string[];
  /** Longest value the upstream accepts, when it says. */
  maxLength?: number;
  /** The upstream's own type name (e.g. "TEXTAREA", "TOOL"), kept for logs and for sending the value back. */
  upstreamType: string;
}

export interface TaskDefinition {
  /** Which provider runs it, e.g. "jasper". */
  provider: string;
  id: string;
  name: string;
  /** Slug of the name: how `/jasper run <task>` addresses it. */
  slug: string;
  description: string;
  /** e.g. "PUBLIC" (published by the vendor) or "WORKSPACE" (the team's own). */
  scope?: string;
  categories: string[];
  inputs: InputField[];
  /** A vendor template offered as a task (runs through the same form, conversation and thread). */
  kind?: 'task' | 'template';
}

/** A value as the upstream takes it: text for text, select and checkbox; a list for the rest. */
export type InputValue = string | string[];
export type InputValues = Record<string, InputValue>;

/** Free context the user adds beside the task's own inputs ("Anything else the agent should know?"). */
export interface ExtraContext {
  name: string;
  question: string;
  answer: string;
}

/** Optional brand settings; each provider sends the ones its API has. */
export interface BrandSettings {
  toneId?: string;
  audienceId?: string;
  styleGuideId?: string;
  knowledgeIds?: string[];
  toLanguage?: string;
}

/** One earlier exchange of the same session, oldest first. */
export interface PriorTurn {
  /** What the user asked for in that turn (absent for the first run). */
  instruction?: string;
  output: string;
}

export interface RunRequest {
  task: TaskDefinition;
  values: InputValues;
  extra?: ExtraContext[];
  brand?: BrandSettings;
  /** Set when this run continues a session: what came before and what the user now asks. */
  continuation?: {
    history: PriorTurn[];
    instruction: string;
    /** The upstream's own session id from an earlier turn, for APIs that keep sessions. */
    upstreamSessionId?: string;
  };
  /** Aborting stops the upstream call (and the upstream run where the API can cancel). */
  signal: AbortSignal;
}

export type StepStatus = 'running' | 'completed' | 'failed';

/** Everything a run reports, in order. A stream ends after `done` or `error`, or when the signal aborts. */
export type RunEvent =
  /** The upstream accepted the run; ids let a polled run be resumed after a restart. */
  | { type: 'started'; upstreamRunId?: string; upstreamSessionId?: string }
  | { type: 'step'; id: string; status: StepStatus; label: string; description?: string }
  | { type: 'text'; delta: string }
  | { type: 'structured'; data: unknown }
  | { type: 'subjob'; id: string; status: string; label: string }
  | { type: 'done'; usage?: Record<string, number> }
  | { type: 'error'; error: ProviderError; partial: boolean };

export interface KnowledgeItem {
  id: string;
  name: string;
  tags?: string[];
}

/** A brand setting the user can choose (a tone, an audience, a style guide). */
export interface BrandOption {
  id: string;
  name: string;
  description?: string;
}

export type BrandOptionKind = 'tone' | 'audience' | 'style';

/** Workspace usage over a period, as compact as the API gives it. */
export interface UsageSummary {
  /** Requests (or credits) used in the period. */
  used: number;
  /** The plan's limit for the period, when the API says it. */
  limit?: number;
  start: string;
  end: string;
}

/** A file to add to the provider's knowledge. */
export interface KnowledgeUpload {
  name: string;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  tags: string[];
}

export interface Provider {
  /** Short stable id, e.g. "jasper". */
  readonly id: string;
  /** Human name, e.g. "Jasper". */
  readonly displayName: string;
  /** Every task the workspace can run (all pages). */
  listTasks(signal?: AbortSignal): Promise<TaskDefinition[]>;
  getTask(id: string, signal?: AbortSignal): Promise<TaskDefinition>;
  /**
   * Start a run. The iterable never throws for upstream failures: they arrive as a final `error` event.
   * A run request is never resent once it may have reached the upstream (runs are not idempotent).
   */
  run(request: RunRequest): AsyncIterable<RunEvent>;
  /** Pick up a run that was started before a restart (polled APIs only). */
  resume?(upstreamRunId: string, signal: AbortSignal): AsyncIterable<RunEvent>;
  /** Knowledge items for pickers, filtered by name. */
  searchKnowledge?(query: string, signal?: AbortSignal): Promise<KnowledgeItem[]>;
  /** One free-text answer to a prompt (Jasper's command endpoint): used to understand what a user typed. */
  complete?(prompt: string, signal?: AbortSignal): Promise<string>;
  /** Tones, audiences or style guides the workspace has defined. */
  listBrandOptions?(kind: BrandOptionKind, signal?: AbortSignal): Promise<BrandOption[]>;
  /** Usage between two instants. */
  usage?(range: { start: Date; end: Date }, signal?: AbortSignal): Promise<UsageSummary>;
  /** Files the provider accepts as knowledge: the largest size, and the content types. */
  readonly knowledgeLimits?: { maxBytes: number; contentTypes: readonly string[] };
  uploadKnowledge?(file: KnowledgeUpload, signal?: AbortSignal): Promise<KnowledgeItem>;
  deleteKnowledge?(id: string, signal?: AbortSignal): Promise<void>;
}
