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
  | 'checkbox' // yes / no
  | 'url' // one http or https address
  | 'number' // a whole number, within `min`..`max` when given
  | 'json' // any JSON text that parses
  | 'json_schema' // a JSON object that is a JSON Schema
  | 'key_value'; // `key: value` or `key=value`, one a line

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
  /** For `number`: the smallest and largest values the upstream accepts. */
  min?: number;
  max?: number;
  /** `output_schema`: this input's value is the JSON Schema the run's structured result follows (`RunRequest.outputSchema`). */
  role?: 'output_schema';
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
  /** Structured data that turn returned (kept as data, not in `output`): each provider sends it along its own way. */
  structured?: unknown;
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
    /**
     * `keep_writing`: continue the last output as it is (Jasper's keep-writing endpoint) instead of carrying out
     * `instruction`; the run yields only the new text. Providers without it run `instruction` as a follow-up.
     */
    mode?: 'instruction' | 'keep_writing';
  };
  /** The JSON Schema the run's structured result must follow (from the task's `output_schema` input), for APIs that take one. */
  outputSchema?: Record<string, unknown>;
  /** Who in Slack the run is for (the workspace and the person), for APIs that run tasks on behalf of an end user. */
  onBehalfOf?: { teamId: string; userId: string };
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
  /** Work the upstream dispatched on its own; `parentId` is the job (or subjob) that dispatched it. Each adapter maps its API's statuses. */
  | { type: 'subjob'; id: string; status: StepStatus; label: string; parentId?: string }
  /** A file the run produced beside its output (e.g. a page's HTML), for the surface to attach; `content` is text. */
  | { type: 'file'; name: string; contentType: string; content: string }
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

/** Workspace usage over a period, as compact as the API gives it. A figure the API did not give is left out, never 0. */
export interface UsageSummary {
  /** Requests (or credits) used in the period; undefined when the answer did not give them. */
  used?: number;
  /** Points of the answer that had no readable count: when above 0, `used` sums only the others (a lower bound). */
  unreadablePoints?: number;
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

/** One free-text instruction, optionally about a text (Jasper's command endpoint). */
export interface CommandRequest {
  command: string;
  /** The text the instruction is about (a message, a thread). */
  context?: string;
  /** e.g. "EN-US", "FR" (the codes of the run form's languages). */
  outputLanguage?: string;
  formality?: 'default' | 'more' | 'less';
  /** Let the agent search the web for the answer. */
  webSearch?: boolean;
}

/** An image going to or coming from an image capability. */
export interface ImageFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** An output language runs can be asked for (`BrandSettings.toLanguage` takes the code). */
export interface Language {
  code: string;
  name: string;
}

/** The environment variables that configure a provider: error explanations name them ("check `JARVIS_API_KEY`"). */
export interface ProviderSettings {
  /** The API key's variable, e.g. "JARVIS_API_KEY". */
  readonly key: string;
  /** The base URL's variable, e.g. "JARVIS_URL". */
  readonly url: string;
}

/** Brand settings the workspace defines (tones, audiences, style guides) and the output languages runs can take. */
export interface BrandCapability {
  listOptions(kind: BrandOptionKind, signal?: AbortSignal): Promise<BrandOption[]>;
  /** The languages the run form offers; absent = no language choice. */
  readonly languages?: readonly Language[];
  /** Creates a tone (no `id`) or changes one; resolves with it as the lists show it. */
  saveTone?(tone: { id?: string; name: string; value: string }, signal?: AbortSignal): Promise<BrandOption>;
  deleteTone?(id: string, signal?: AbortSignal): Promise<void>;
  /** The content rewritten with a style guide; `not_found` when the API no longer offers it. */
  applyStyle?(styleId: string, content: string, signal?: AbortSignal): Promise<string>;
}

/** The workspace's knowledge: searched for pickers; uploaded to and deleted from where the API allows. */
export interface KnowledgeCapability {
  /** Knowledge items for pickers, filtered by name. */
  search(query: string, signal?: AbortSignal): Promise<KnowledgeItem[]>;
  /** Files the provider accepts as knowledge: the largest size, and the content types (set with `upload`). */
  readonly limits?: { maxBytes: number; contentTypes: readonly string[] };
  upload?(file: KnowledgeUpload, signal?: AbortSignal): Promise<KnowledgeItem>;
  delete?(id: string, signal?: AbortSignal): Promise<void>;
}

export interface UsageCapability {
  /** Usage between two instants. */
  summary(range: { start: Date; end: Date }, signal?: AbortSignal): Promise<UsageSummary>;
}

/** Free-text answers outside a task run. */
export interface CompletionCapability {
  /** One free-text answer to a prompt: used to understand what a user typed. */
  complete(prompt: string, signal?: AbortSignal): Promise<string>;
  /** An instruction carried out on a text; resolves with the answer. Billed: never resent once it may have arrived. */
  command?(request: CommandRequest, signal?: AbortSignal): Promise<string>;
}

/** What `HistoryCapability.list` pages through, newest first. */
export interface HistoryQuery {
  /** Only runs of this task (its id). */
  taskId?: string;
  /** Only runs in this upstream status (one of `HistoryCapability.statuses`). */
  status?: string;
  /** 1 to 100. */
  limit: number;
  offset: number;
}

export interface HistoryEntry {
  upstreamRunId: string;
  taskId: string;
  /** What the run was asked to do. */
  text: string;
  status: string;
  createdAt: string;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Runs matching the query in all pages. */
  total: number;
}

/** Runs made upstream (through the bot or not), as the API lists them. */
export interface HistoryCapability {
  /** The statuses a query may filter by. */
  readonly statuses: readonly string[];
  list(query: HistoryQuery, signal?: AbortSignal): Promise<HistoryPage>;
}

export interface ImageCapability {
  /** Images `removeBackground` takes: the largest size, the most pixels, the content types. */
  readonly limits: { maxBytes: number; maxPixels: number; contentTypes: readonly string[] };
  /** The image without its background (a PNG). */
  removeBackground(image: ImageFile, signal?: AbortSignal): Promise<ImageFile>;
}

/**
 * One agent API. The core is what every provider has; each optional group is a capability the surfaces offer only
 * where a provider has it. There is no `cancel`: cancelling is aborting `RunRequest.signal`, and none of the APIs
 * documents a cancel endpoint to call beside it.
 */
export interface Provider {
  /** Short stable id, e.g. "jasper": the `jasper` of a task address `jasper:blog-post`. */
  readonly id: string;
  /** Human name, e.g. "Jasper". */
  readonly displayName: string;
  readonly settings: ProviderSettings;
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
  readonly brand?: BrandCapability;
  readonly knowledge?: KnowledgeCapability;
  readonly usage?: UsageCapability;
  readonly completion?: CompletionCapability;
  readonly history?: HistoryCapability;
  readonly images?: ImageCapability;
}

/** The names of the optional capability groups. */
export type Capability = 'brand' | 'knowledge' | 'usage' | 'completion' | 'history' | 'images';

/** A provider known to have `capability`. */
export type ProviderWith<C extends Capability> = Provider & Required<Pick<Provider, C>>;
