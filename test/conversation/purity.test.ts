import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/conversation');
// inputs/ is pure too (test/inputs/purity.test.ts); forms/ is beside this layer, not below it. Nothing here may reach Slack, the network, the store or a clock.
const allowed = [/^\.\/[\w-]+\.js$/, /^\.\.\/inputs\/[\w-]+\.js$/, /^\.\.\/providers\/(types|slug)\.js$/, /^zod$/];

describe('conversation/ is pure', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s imports only pure modules', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/^(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) expect(allowed.some((re) => re.test(spec ?? '')), `${file} imports ${spec}`).toBe(true);
    expect(source).not.toMatch(/Date\.now|new Date\(|Math\.random|process\./);
  });
});
