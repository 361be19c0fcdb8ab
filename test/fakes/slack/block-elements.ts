/**
 * Zod schemas of Block Kit composition objects and interactive elements, with Slack's limits
 * (docs.slack.dev Block Kit reference; @slack/types). Messages mimic Slack's validator wording.
 */
import { z } from 'zod';

export const chars = (max: number, min = 0) =>
  z
    .string()
    .min(min, `must be more than ${min - 1} characters`)
    .max(max, `must be less than ${max + 1} characters`);

export const plainText = (max: number) =>
  z.strictObject({ type: z.literal('plain_text'), text: chars(max, 1), emoji: z.boolean().optional() });
const mrkdwn = (max: number) =>
  z.strictObject({ type: z.literal('mrkdwn'), text: chars(max, 1), verbatim: z.boolean().optional() });
export const textObject = (max: number) => z.discriminatedUnion('type', [plainText(max), mrkdwn(max)]);

const actionId = chars(255, 1);
const confirm = z.strictObject({
  title: plainText(100).optional(),
  text: textObject(300),
  confirm: plainText(30).optional(),
  deny: plainText(30).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});
export const plainOption = z.strictObject({
  text: plainText(75),
  value: chars(150),
  description: plainText(75).optional(),
  url: chars(3000).optional(),
});
const anyOption = z.strictObject({
  text: textObject(75),
  value: chars(150),
  description: textObject(75).optional(),
});
const optionGroup = z.strictObject({ label: plainText(75), options: z.array(plainOption).min(1).max(100, 'no more than 100 items allowed') });
const common = {
  action_id: actionId.optional(),
  confirm: confirm.optional(),
  focus_on_load: z.boolean().optional(),
};
const placeholder = plainText(150).optional();
const maxSelected = z.number().int().min(1).optional();
const dispatchConfig = z
  .strictObject({ trigger_actions_on: z.array(z.enum(['on_enter_pressed', 'on_character_entered'])).optional() })
  .optional();

type Opt = { text: { text: string }; value: string };
const sameOption = (a: Opt, b: Opt) => a.value === b.value && a.text.text === b.text.text;

/** Slack refuses an initial option that is not one of the element's options. */
function initialsAmong(
  el: { options?: Opt[]; option_groups?: { options: Opt[] }[]; initial_option?: Opt; initial_options?: Opt[] },
  ctx: z.RefinementCtx,
): void {
  const all = el.options ?? el.option_groups?.flatMap((g) => g.options) ?? [];
  if (el.initial_option && !all.some((o) => sameOption(o, el.initial_option as Opt))) {
    ctx.addIssue({ code: 'custom', path: ['initial_option'], message: 'initial_option must match one of the options' });
  }
  (el.initial_options ?? []).forEach((io, i) => {
    if (!all.some((o) => sameOption(o, io))) {
      ctx.addIssue({ code: 'custom', path: ['initial_options', i], message: 'initial_options must match the options' });
    }
  });
}
function optionsXorGroups(el: { options?: unknown[]; option_groups?: unknown[] }, ctx: z.RefinementCtx): void {
  if ((el.options === undefined) === (el.option_groups === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'must provide exactly one of options or option_groups' });
  }
}

const button = z.strictObject({
  type: z.literal('button'),
  text: plainText(75),
  action_id: actionId.optional(),
  url: chars(3000).optional(),
  value: chars(2000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  confirm: confirm.optional(),
  accessibility_label: chars(75).optional(),
});
const staticSelect = z
  .strictObject({
    type: z.literal('static_select'),
    ...common,
    placeholder,
    options: z.array(plainOption).min(1).max(100, 'no more than 100 items allowed').optional(),
    option_groups: z.array(optionGroup).min(1).max(100, 'no more than 100 items allowed').optional(),
    initial_option: plainOption.optional(),
  })
  .superRefine((el, ctx) => {
    optionsXorGroups(el, ctx);
    initialsAmong(el, ctx);
  });
const multiStaticSelect = z
  .strictObject({
    type: z.literal('multi_static_select'),
    ...common,
    placeholder,
    options: z.array(plainOption).min(1).max(100, 'no more than 100 items allowed').optional(),
    option_groups: z.array(optionGroup).min(1).max(100, 'no more than 100 items allowed').optional(),
    initial_options: z.array(plainOption).optional(),
    max_selected_items: maxSelected,
  })
  .superRefine((el, ctx) => {
    optionsXorGroups(el, ctx);
    initialsAmong(el, ctx);
  });
const externalSelect = z.strictObject({
  type: z.literal('external_select'),
  ...common,
  placeholder,
  initial_option: plainOption.optional(),
  min_query_length: z.number().int().min(0).optional(),
});
const multiExternalSelect = z.strictObject({
  type: z.literal('multi_external_select'),
  ...common,
  placeholder,
  initial_options: z.array(plainOption).optional(),
  min_query_length: z.number().int().min(0).optional(),
  max_selected_items: maxSelected,
});
const conversationFilter = z
  .strictObject({
    include: z.array(z.enum(['im', 'mpim', 'private', 'public'])).optional(),
    exclude_external_shared_channels: z.boolean().optional(),
    exclude_bot_users: z.boolean().optional(),
  })
  .optional();
const usersSelect = z.strictObject({ type: z.literal('users_select'), ...common, placeholder, initial_user: z.string().optional() });
const multiUsersSelect = z.strictObject({
  type: z.literal('multi_users_select'),
  ...common,
  placeholder,
  initial_users: z.array(z.string()).optional(),
  max_selected_items: maxSelected,
});
const conversationsSelect = z.strictObject({
  type: z.literal('conversations_select'),
  ...common,
  placeholder,
  initial_conversation: z.string().optional(),
  default_to_current_conversation: z.boolean().optional(),
  response_url_enabled: z.boolean().optional(),
  filter: conversationFilter,
});
const multiConversationsSelect = z.strictObject({
  type: z.literal('multi_conversations_select'),
  ...common,
  placeholder,
  initial_conversations: z.array(z.string()).optional(),
  default_to_current_conversation: z.boolean().optional(),
  max_selected_items: maxSelected,
  filter: conversationFilter,
});
const channelsSelect = z.strictObject({
  type: z.literal('channels_select'),
  ...common,
  placeholder,
  initial_channel: z.string().optional(),
  response_url_enabled: z.boolean().optional(),
});
const multiChannelsSelect = z.strictObject({
  type: z.literal('multi_channels_select'),
  ...common,
  placeholder,
  initial_channels: z.array(z.string()).optional(),
  max_selected_items: maxSelected,
});
const overflow = z.strictObject({
  type: z.literal('overflow'),
  action_id: actionId.optional(),
  confirm: confirm.optional(),
  options: z.array(plainOption).min(1).max(5, 'no more than 5 items allowed'),
});
const checkboxes = z
  .strictObject({
    type: z.literal('checkboxes'),
    ...common,
    options: z.array(anyOption).min(1).max(10, 'no more than 10 items allowed'),
    initial_options: z.array(anyOption).optional(),
  })
  .superRefine((el, ctx) => initialsAmong(el, ctx));
const radioButtons = z
  .strictObject({
    type: z.literal('radio_buttons'),
    ...common,
    options: z.array(anyOption).min(1).max(10, 'no more than 10 items allowed'),
    initial_option: anyOption.optional(),
  })
  .superRefine((el, ctx) => initialsAmong(el, ctx));
const datepicker = z.strictObject({
  type: z.literal('datepicker'),
  ...common,
  placeholder,
  initial_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
});
const timepicker = z.strictObject({
  type: z.literal('timepicker'),
  ...common,
  placeholder,
  initial_time: z.string().regex(/^\d{2}:\d{2}$/, 'must be HH:mm').optional(),
  timezone: z.string().optional(),
});
const datetimepicker = z.strictObject({
  type: z.literal('datetimepicker'),
  ...common,
  initial_date_time: z.number().int().optional(),
});
const plainTextInput = z
  .strictObject({
    type: z.literal('plain_text_input'),
    ...common,
    placeholder,
    initial_value: z.string().optional(),
    multiline: z.boolean().optional(),
    min_length: z.number().int().min(0).max(3000).optional(),
    max_length: z.number().int().min(1).max(3000).optional(),
    dispatch_action_config: dispatchConfig,
  })
  .superRefine((el, ctx) => {
    if (el.min_length !== undefined && el.max_length !== undefined && el.min_length > el.max_length) {
      ctx.addIssue({ code: 'custom', path: ['min_length'], message: 'min_length must not exceed max_length' });
    }
  });
const emailInput = z.strictObject({
  type: z.literal('email_text_input'),
  ...common,
  placeholder,
  initial_value: z.string().optional(),
  dispatch_action_config: dispatchConfig,
});
const urlInput = z.strictObject({
  type: z.literal('url_text_input'),
  ...common,
  placeholder,
  initial_value: z.string().optional(),
  dispatch_action_config: dispatchConfig,
});
const numberInput = z.strictObject({
  type: z.literal('number_input'),
  ...common,
  placeholder,
  is_decimal_allowed: z.boolean(),
  initial_value: z.string().optional(),
  min_value: z.string().optional(),
  max_value: z.string().optional(),
  dispatch_action_config: dispatchConfig,
});
const richTextInput = z.strictObject({
  type: z.literal('rich_text_input'),
  ...common,
  placeholder,
  initial_value: z.looseObject({ type: z.literal('rich_text') }).optional(),
  dispatch_action_config: dispatchConfig,
  min_lines: z.number().int().optional(),
  max_lines: z.number().int().optional(),
});
const fileInput = z.strictObject({
  type: z.literal('file_input'),
  action_id: actionId.optional(),
  filetypes: z.array(z.string()).optional(),
  max_files: z.number().int().min(1).max(10, 'must be 10 or less').optional(),
});
export const imageElement = z.strictObject({
  type: z.literal('image'),
  alt_text: chars(2000),
  image_url: chars(3000).optional(),
  slack_file: z.looseObject({}).optional(),
});
const workflowButton = z.looseObject({ type: z.literal('workflow_button'), text: plainText(75), action_id: actionId.optional() });
const feedbackButtons = z.looseObject({ type: z.literal('feedback_buttons'), action_id: actionId.optional() });
const iconButton = z.looseObject({
  type: z.literal('icon_button'),
  icon: z.string(),
  text: plainText(75),
  action_id: actionId.optional(),
  value: chars(2000).optional(),
});

const selects = [
  staticSelect,
  multiStaticSelect,
  externalSelect,
  multiExternalSelect,
  usersSelect,
  multiUsersSelect,
  conversationsSelect,
  multiConversationsSelect,
  channelsSelect,
  multiChannelsSelect,
] as const;
const pickers = [checkboxes, radioButtons, datepicker, timepicker, datetimepicker] as const;

export const actionsElement = z.discriminatedUnion('type', [button, overflow, workflowButton, ...selects, ...pickers]);
export const sectionAccessory = z.discriminatedUnion('type', [button, overflow, workflowButton, imageElement, ...selects, ...pickers]);
export const inputElement = z.discriminatedUnion('type', [
  plainTextInput,
  emailInput,
  urlInput,
  numberInput,
  richTextInput,
  fileInput,
  ...selects,
  ...pickers,
]);
export const contextElement = z.discriminatedUnion('type', [imageElement, plainText(3000), mrkdwn(3000)]);
export const contextActionsElement = z.discriminatedUnion('type', [feedbackButtons, iconButton]);
