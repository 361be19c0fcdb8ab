/** Ids of the buttons the run messages carry; the Slack listeners register the same ids. */
export const ACTION = {
  cancelRun: 'run.cancel',
  retryRun: 'run.retry',
  /** "Run again" in the ephemeral question asked when a Retry button's run has since been run again. */
  retryConfirm: 'run.retry_confirm',
  retryPost: 'run.retry_post',
  editRerun: 'run.edit_rerun',
} as const;
