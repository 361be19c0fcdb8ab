/**
 * The longest typed value any input takes: what one Slack text input holds (shared/api-docs/slack-limits.md), so a
 * value typed in a thread is held to the same limit as one typed in the modal.
 */
export const VALUE_MAX = 3000;
