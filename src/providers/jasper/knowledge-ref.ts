/**
 * A KNOWLEDGE input's value carries an optional extraction prompt per item. InputValues hold only strings, so one item
 * is written `kno_1` (the id alone) or `kno_1::Extract only the product specifications` (the first `::` separates the
 * id from the prompt; the prompt may itself contain `::`).
 */
export const KNOWLEDGE_PROMPT_SEPARATOR = '::';

export interface KnowledgeRef {
  knowledgeId: string;
  knowledgeExtractionPrompt?: string;
}

/** `kno_1::prompt` -> `{ knowledgeId: 'kno_1', knowledgeExtractionPrompt: 'prompt' }`; undefined when there is no id. */
export function parseKnowledgeValue(value: string): KnowledgeRef | undefined {
  const at = value.indexOf(KNOWLEDGE_PROMPT_SEPARATOR);
  const knowledgeId = (at < 0 ? value : value.slice(0, at)).trim();
  if (!knowledgeId) return undefined;
  const prompt = at < 0 ? '' : value.slice(at + KNOWLEDGE_PROMPT_SEPARATOR.length).trim();
  return prompt ? { knowledgeId, knowledgeExtractionPrompt: prompt } : { knowledgeId };
}

/** The inverse: what a form puts in the value for an item and its (optional) prompt. */
export function encodeKnowledgeValue(knowledgeId: string, prompt?: string): string {
  const p = prompt?.trim();
  return p ? `${knowledgeId}${KNOWLEDGE_PROMPT_SEPARATOR}${p}` : knowledgeId;
}
