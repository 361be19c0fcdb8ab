import { BUTTON_VALUE, STATIC_SELECT_OPTIONS } from '../limits.js';

/** How hard to squeeze a Home view that would be over Slack's 250 kB. */
export interface Compaction {
  /** Options in each settings select. */
  selectMax: number;
  /** Longest task description (escaped mrkdwn). */
  descriptionMax: number;
  /** Longest task, run or knowledge name. */
  nameMax: number;
  /** Longest button value: a task or knowledge item whose key is longer has no buttons. */
  valueMax: number;
}

export const COMPACTIONS: readonly Compaction[] = [
  { selectMax: STATIC_SELECT_OPTIONS, descriptionMax: 200, nameMax: 150, valueMax: BUTTON_VALUE },
  { selectMax: 25, descriptionMax: 150, nameMax: 150, valueMax: BUTTON_VALUE },
  { selectMax: 5, descriptionMax: 60, nameMax: 60, valueMax: 150 },
];
