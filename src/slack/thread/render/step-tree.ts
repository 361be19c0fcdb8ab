import type { StepState } from '../progress-pacer.js';

export interface NestedStep {
  step: StepState;
  /** 0 for the run's own steps, 1 under one of them (or under the upstream job itself), and so on. */
  depth: number;
  /** The step it is shown under, when that is one of the run's steps. */
  parent?: StepState;
}

/**
 * Steps in the order a person reads them: each step followed by the subjobs under it, depth first. A subjob whose
 * parent is not a step (the upstream job itself, or one not reported yet) goes at the end, one level in.
 */
export function nestSteps(steps: readonly StepState[]): NestedStep[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const children = new Map<string, StepState[]>();
  const orphans: StepState[] = [];
  const roots: StepState[] = [];
  for (const step of steps) {
    if (step.parentId === undefined) roots.push(step);
    else if (byId.has(step.parentId) && step.parentId !== step.id) children.set(step.parentId, [...(children.get(step.parentId) ?? []), step]);
    else orphans.push(step);
  }
  const out: NestedStep[] = [];
  const seen = new Set<string>();
  const visit = (step: StepState, depth: number, parent?: StepState) => {
    if (seen.has(step.id)) return;
    seen.add(step.id);
    out.push({ step, depth, ...(parent ? { parent } : {}) });
    for (const child of children.get(step.id) ?? []) visit(child, depth + 1, step);
  };
  for (const root of roots) visit(root, 0);
  for (const orphan of orphans) visit(orphan, 1);
  // A parent cycle leaves steps unreached: shown one level in rather than lost.
  for (const step of steps) visit(step, 1);
  return out;
}

/** The indent a nested step's line starts with (em spaces: Slack keeps them at the start of a line). */
export function stepIndent(depth: number): string {
  return depth === 0 ? '' : `${'\u2003'.repeat(depth - 1)}↳ `;
}
