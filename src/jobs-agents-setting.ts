import { slugify } from './providers/slug.js';

/** One agent the jobs API may be sent work for, as `JOBS_AGENTS` names it. */
export interface JobsAgent {
  id: string;
  label: string;
}

const SHOWN = 40;

/**
 * `JOBS_AGENTS`: comma-separated `agent_id=Label` pairs (the jobs API lists no agents, so the operator names them).
 * Resolves with the agents, or with one problem per malformed pair (by its position, never the whole value), an agent
 * id given twice, or two labels that would address the same task.
 */
export function parseJobsAgents(text: string): { agents: JobsAgent[]; problems: string[] } {
  const agents: JobsAgent[] = [];
  const problems: string[] = [];
  const pairs = text.split(',').map((pair) => pair.trim());
  pairs.forEach((pair, index) => {
    const at = `pair ${index + 1}`;
    if (pair === '') return void problems.push(`${at} is empty (a stray comma?)`);
    const separator = pair.indexOf('=');
    const id = separator < 0 ? '' : pair.slice(0, separator).trim();
    const label = separator < 0 ? '' : pair.slice(separator + 1).trim();
    if (separator < 0) return void problems.push(`${at} ("${pair.slice(0, SHOWN)}") is not agent_id=Label`);
    if (!/^[\w.:-]+$/.test(id)) return void problems.push(`${at} has no agent id before "=" (letters, digits, "_", "-", "." or ":")`);
    if (slugify(label) === '') return void problems.push(`${at} (${id.slice(0, SHOWN)}) has no label after "="`);
    if (agents.some((a) => a.id === id)) return void problems.push(`${at} names the agent ${id.slice(0, SHOWN)} a second time`);
    const clash = agents.find((a) => slugify(a.label) === slugify(label));
    if (clash) return void problems.push(`${at} labels ${id.slice(0, SHOWN)} "${label.slice(0, SHOWN)}", which reads the same as ${clash.id}'s label`);
    agents.push({ id, label });
  });
  return { agents, problems };
}
