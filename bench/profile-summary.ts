/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by function and by package, so a
 * missed target can be traced to its cause. Usage: node --import tsx bench/profile-summary.ts FILE [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summariseProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const idle = functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)';
    if (functionName !== '(idle)') busy += us;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = idle ? functionName : packageOf(url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
  };
  const inclusive = new Map<string, number>();
  const callersOf = new Map<string, Map<string, number>>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    let child: string | undefined;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const key = label(node);
      if (child !== undefined) {
        const m = callersOf.get(child) ?? new Map<string, number>();
        m.set(key, (m.get(key) ?? 0) + us);
        callersOf.set(child, m);
      }
      child = key;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1)}%`.padStart(6);
  const lines = [`${file}: ${(totalUs / 1e6).toFixed(1)} s profiled, ${pct(busy)} not idle`, '', 'self time by package:'];
  for (const [k, us] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(us)}  ${k}`);
  lines.push('', 'self time by function (and its main caller):');
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const caller = [...(callersOf.get(k) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0];
    lines.push(`  ${pct(us)}  ${k}${caller ? `   <- ${caller[0]}` : ''}`);
  }
  const skip = /^\((root|program|idle|garbage collector)\)/;
  lines.push('', 'inclusive time (the function and what it calls):');
  for (const [k, us] of [...inclusive].filter(([k]) => !skip.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${k}`);
  return lines.join('\n');
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) return url.slice(nm + 'node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src !== -1) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const src = url.indexOf('/src/');
  if (src !== -1) return `src/${url.slice(src + 5).split('/')[0]}`;
  return url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${summariseProfile(file, Number(process.argv[3] ?? 25))}\n`);
}
