import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/forms');
const allowed = [/^\.\/[\w-]+\.js$/, /^\.\.\/providers\/(types|slug)\.js$/, /^zod$/, /^@slack\/types$/];

describe('forms/ is pure', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s imports only data-only modules', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) expect(allowed.some((re) => re.test(spec ?? '')), `${file} imports ${spec}`).toBe(true);
  });
});
