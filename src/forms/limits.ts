/**
 * Slack's platform limits (shared/api-docs/slack-limits.md), in one place. Character limits are applied to UTF-16
 * length (`string.length`), which is never less than Slack's own count, so text that fits here fits there.
 */

// Block Kit
export const MESSAGE_BLOCKS = 50;
export const MODAL_BLOCKS = 100;
export const HOME_BLOCKS = 100;
export const VIEW_MAX_BYTES = 250_000;
export const SECTION_TEXT = 3000;
export const SECTION_FIELDS = 10;
export const SECTION_FIELD_TEXT = 2000;
export const HEADER_TEXT = 150;
export const INPUT_LABEL = 2000;
export const INPUT_HINT = 2000;
export const PLACEHOLDER = 150;
export const CONTEXT_ELEMENTS = 10;
export const ACTIONS_ELEMENTS = 25;
export const BLOCK_ID = 255;
export const ACTION_ID = 255;
export const BUTTON_TEXT = 75;
export const BUTTON_VALUE = 2000;
export const OPTION_TEXT = 75;
export const OPTION_VALUE = 150;
export const OPTION_DESCRIPTION = 75;
export const STATIC_SELECT_OPTIONS = 100;
export const OPTION_GROUPS = 100;
export const OVERFLOW_OPTIONS = 5;
export const CHECKBOX_OPTIONS = 10;
export const RADIO_OPTIONS = 10;
export const PLAIN_TEXT_INPUT_MAX = 3000;
export const EXTERNAL_SELECT_DEFAULT_MIN_QUERY = 3;
/** Cumulative for all `markdown` blocks in one payload. */
export const MARKDOWN_BLOCKS_TEXT = 12_000;
/** In practice a message whose blocks total more fails with `msg_blocks_too_long`. */
export const MESSAGE_BLOCKS_CHARS = 13_000;
/** Table block: rows (the header row included), cells a row, `column_settings` items; one table a message. */
export const TABLE_ROWS = 100;
export const TABLE_CELLS = 20;
export const TABLE_COLUMN_SETTINGS = 20;
export const TABLES_PER_MESSAGE = 1;

// Modals
export const MODAL_TITLE = 24;
export const MODAL_BUTTON = 24;
export const PRIVATE_METADATA = 3000;
export const CALLBACK_ID = 255;
export const VIEW_STACK = 3;

// Messages
export const MESSAGE_TEXT = 4000;
/** Slack truncates `text` past this. */
export const MESSAGE_TEXT_HARD = 40_000;
export const UPDATE_TEXT = 4000;
/** `markdown_text` on post, update and the stream methods. */
export const MARKDOWN_TEXT = 12_000;

// Streaming
export const STREAM_STOP_BLOCKS = 50;
export const STREAM_SDK_BUFFER_CHARS = 256;
export const STATUS_LOADING_MESSAGES = 10;
export const STATUS_CLEARS_AFTER_MS = 2 * 60_000;
/** Undocumented: Slack closes a stream after about five minutes. */
export const STREAM_LIFETIME_MS = 5 * 60_000;
/** Start a fresh stream (or fall back to `chat.update`) before Slack closes the old one. */
export const STREAM_REFRESH_AFTER_MS = 4 * 60_000;

// Requests from Slack
export const ACK_MS = 3000;
export const TRIGGER_ID_MS = 3000;
export const OPTIONS_RESPONSE_MS = 3000;
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
export const EVENT_RETRIES = 3;
export const SIGNATURE_MAX_AGE_S = 5 * 60;
export const SOCKET_MODE_CONNECTIONS = 10;

export { formatCount, truncate } from '../inputs/text.js';
