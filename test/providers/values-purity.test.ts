import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/providers/values');

/** The value checks adapters and inputs/ share: pure, and importing nothing above providers/. */
describe('providers/values is pure', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s imports only its neighbours', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/^(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) expect(/^\.\/[\w-]+\.js$/.test(spec ?? ''), `${file} imports ${spec}`).toBe(true);
    expect(source).not.toMatch(/Date\.now|new Date\(|Math\.random|process\./);
  });
});
