/** Ids of the buttons the run messages carry; the Slack listeners register the same ids. */
export const ACTION = {
  cancelRun: 'run.cancel',
  retryRun: 'run.retry',
  retryPost: 'run.retry_post',
  editRerun: 'run.edit_rerun',
} as const;
