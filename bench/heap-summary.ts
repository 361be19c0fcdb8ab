/**
 * Summarises a V8 .heapsnapshot (from `npm run bench -- --heap-snapshot`): retained-by-nobody self sizes grouped by
 * constructor / type, largest first, so the memory one run holds can be traced. Usage:
 * node --import tsx bench/heap-summary.ts FILE [top]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function summariseHeap(file: string, top = 30): string {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const groups = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType] as number] ?? '?';
    const name = snap.strings[snap.nodes[i + iName] as number] ?? '?';
    const size = snap.nodes[i + iSize] as number;
    total += size;
    const key = type === 'object' || type === 'closure' ? `${type} ${name}` : type === 'string' || type === 'concatenated string' || type === 'sliced string' ? type : `${type} ${name.slice(0, 40)}`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count += 1;
    g.bytes += size;
    groups.set(key, g);
  }
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`.padStart(9);
  const lines = [`${file}: ${mb(total)} in ${snap.nodes.length / width} nodes`, '', 'self size by constructor / type:'];
  for (const [k, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) lines.push(`  ${mb(g.bytes)}  ${String(g.count).padStart(8)}  ${k}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/heap-summary.ts FILE.heapsnapshot [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${summariseHeap(file, Number(process.argv[3] ?? 30))}\n`);
}
