import type { ModalView } from '@slack/types';
import * as L from '../../src/forms/limits.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string {
  return isObj(v) && typeof v.text === 'string' ? v.text : '';
}

function checkOption(o: unknown, where: string, problems: string[]): void {
  if (!isObj(o)) return void problems.push(`${where}: option is not an object`);
  const t = text(o.text);
  if (t.length === 0 || t.length > L.OPTION_TEXT) problems.push(`${where}: option text length ${t.length}`);
  if (typeof o.value !== 'string' || o.value.length > L.OPTION_VALUE) problems.push(`${where}: option value`);
}

/** Every Slack limit the modal builder must keep; returns what is broken (empty when the view is fine). */
export function viewProblems(view: ModalView): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => void (ok || problems.push(message));
  check(view.title.text.length <= L.MODAL_TITLE && view.title.text.length > 0, `title ${view.title.text.length}`);
  check((view.submit?.text.length ?? 0) <= L.MODAL_BUTTON, 'submit');
  check((view.close?.text.length ?? 0) <= L.MODAL_BUTTON, 'close');
  check((view.private_metadata?.length ?? 0) <= L.PRIVATE_METADATA, 'private_metadata');
  check((view.callback_id?.length ?? 0) <= L.CALLBACK_ID, 'callback_id');
  check(view.blocks.length <= L.MODAL_BLOCKS, `blocks ${view.blocks.length}`);
  check(Buffer.byteLength(JSON.stringify(view)) <= L.VIEW_MAX_BYTES, 'view bytes');
  const blockIds = new Set<string>();
  view.blocks.forEach((raw, i) => {
    const b = raw as unknown as Json;
    const where = `block ${i} (${String(b.block_id)})`;
    if (typeof b.block_id === 'string') {
      check(!blockIds.has(b.block_id), `${where}: duplicate block_id`);
      blockIds.add(b.block_id);
      check(b.block_id.length <= L.BLOCK_ID, `${where}: block_id length`);
    }
    if (b.type === 'context') {
      const els = b.elements as unknown[];
      check(els.length >= 1 && els.length <= L.CONTEXT_ELEMENTS, `${where}: context elements`);
      for (const e of els) check(text(e).length > 0 && text(e).length <= L.SECTION_TEXT, `${where}: context text`);
    }
    if (b.type === 'input') {
      const label = text(b.label);
      check(label.length > 0 && label.length <= L.INPUT_LABEL, `${where}: label ${label.length}`);
      if (b.hint !== undefined) check(text(b.hint).length <= L.INPUT_HINT && text(b.hint).length > 0, `${where}: hint`);
      const el = b.element as Json;
      check(typeof el.action_id === 'string' && el.action_id.length <= L.ACTION_ID, `${where}: action_id`);
      if (el.placeholder !== undefined) check(text(el.placeholder).length <= L.PLACEHOLDER, `${where}: placeholder`);
      if (el.type === 'plain_text_input' && el.max_length !== undefined) {
        check(Number(el.max_length) <= L.PLAIN_TEXT_INPUT_MAX, `${where}: max_length`);
      }
      if (Array.isArray(el.options)) {
        const max = el.type === 'checkboxes' ? L.CHECKBOX_OPTIONS : L.STATIC_SELECT_OPTIONS;
        check(el.options.length >= 1 && el.options.length <= max, `${where}: ${el.options.length} options`);
        el.options.forEach((o) => checkOption(o, where, problems));
      }
      if (el.type === 'static_select' || el.type === 'multi_static_select') check(Array.isArray(el.options), `${where}: no options`);
      if (el.initial_option !== undefined) checkOption(el.initial_option, where, problems);
      if (Array.isArray(el.initial_options)) el.initial_options.forEach((o) => checkOption(o, where, problems));
    }
  });
  return problems;
}
