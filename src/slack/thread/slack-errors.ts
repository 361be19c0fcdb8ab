import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';

/** The `error` string of a Slack Web API refusal (e.g. "not_in_channel"), or undefined for other failures. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  if (error.code !== ErrorCode.PlatformError) return undefined;
  return (error as WebAPIPlatformError).data.error;
}
