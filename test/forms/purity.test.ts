import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');
const dir = join(src, 'forms');
/** Pure layers forms/ may use (inputs/ is pure too; conversation/ is beside forms/, not below), and data-only packages. */
const allowedPaths = [/^forms\//, /^inputs\//, /^providers\/(types|slug)\.js$/];
const allowedPackages = ['zod', '@slack/types'];

const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

describe('forms/ is pure', () => {
  it.each(files)('%s imports only pure modules', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/^(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
    for (const spec of imports) {
      const ok = spec.startsWith('.')
        ? allowedPaths.some((re) => re.test(relative(src, resolve(dirname(join(dir, file)), spec)).replaceAll('\\', '/')))
        : allowedPackages.includes(spec);
      expect(ok, `${file} imports ${spec}`).toBe(true);
    }
  });
});
