import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');
const dir = join(src, 'slack/listeners');
/** The raw store and what works on it directly; listeners reach them only through services (slack/services/). */
const forbidden = [/^store\/claims\.js$/, /^store\/key-value-store\.js$/, /^store\/[^/]+-store\.js$/];

const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

describe('slack/listeners/ do not touch the store', () => {
  it.each(files)('%s imports no store module', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/^(?:import|export)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
    for (const spec of imports.filter((s) => s.startsWith('.'))) {
      const target = relative(src, resolve(dirname(join(dir, file)), spec)).replaceAll('\\', '/');
      expect(forbidden.some((re) => re.test(target)), `${file} imports ${spec}`).toBe(false);
    }
  });
});
