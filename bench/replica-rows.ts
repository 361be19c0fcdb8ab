/** The table rows of the replicas scenario: per configuration, then the throughput ratio. */
import type { TargetRow } from './report.js';
import type { ReplicasResult } from './scenarios/replicas.js';

const s = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v} s`);

export function replicaRows(r: ReplicasResult): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const c of r.configurations) {
    const label = `${c.replicas} replica${c.replicas === 1 ? '' : 's'}`;
    rows.push({
      figure: `${label}: ${c.runs} runs in ${c.channels} channels, first submit → last Done`,
      value: `${s(c.wallS)} = ${c.runsPerSecond} runs/s`,
      target: 'report',
      note: `${c.completed}/${c.runs} done${c.completed < c.runs ? ` (deadline ${c.deadlineS} s)` : ''}, ${c.outputsWhole} outputs whole and once; runs worked on per replica: ${c.workedOn.join(' / ')}; Slack rates ×${r.rateScale} (SLACK_RATE_SCALE), ${r.outputChars}-char outputs`,
    });
    rows.push({ figure: `  ${label}: submit → Done (p50 / p99)`, value: `${s(c.submitToDoneS.p50)} / ${s(c.submitToDoneS.p99)}`, target: 'report' });
    rows.push({
      figure: `  ${label}: Slack calls per channel per second (mean / max in 1 s)`,
      value: `${c.slackPerChannel.meanPerSecond} / ${c.slackPerChannel.maxInOneSecond}`,
      target: 'report',
      note: `${c.slackCalls} calls at the gate; in the channels: ${Object.entries(c.slackPerChannel.byMethod).map(([m, n]) => `${m.replace('chat.', '')} ${n}`).join(', ')}`,
    });
    rows.push({
      figure: `  ${label}: 429s at the Slack gate`,
      value: String(c.slack429),
      target: '0',
      met: c.slack429 === 0,
      ...(c.slack429 > 0 ? { note: Object.entries(c.slack429By).map(([k, n]) => `${k} ${n}`).join(', ') } : {}),
    });
  }
  if (r.configurations.length > 1) {
    const [first, last] = [r.configurations[0]!, r.configurations.at(-1)!];
    rows.push({
      figure: `throughput, ${last.replicas} replicas / ${first.replicas}`,
      value: Number.isNaN(r.throughputRatio) ? 'n/a' : `${r.throughputRatio}×`,
      target: 'report',
      note: `${last.runsPerSecond} vs ${first.runsPerSecond} runs/s${
        r.slackBound
          ? `; Slack's budget for the workspace allows at most ${r.slackBound.maxRunsPerSecond} runs/s whatever the replica count (one chat.startStream and one chat.stopStream per run, Tier 2 ×${r.rateScale} = ${r.slackBound.tier2PerMinute}/min: ≥ ${r.slackBound.minWallS} s for ${first.runs} runs)`
          : ''
      }; each channel's ${Math.ceil(first.runs / first.channels)} roots are paced over ≥ ${r.channelRootsSpanS} s (Slack's per-channel limit, not scaled), plus a run's own time`,
    });
  }
  return rows;
}
