import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');

/** Every relative import and re-export of the `.ts` files under `layer`, as paths under src/. */
function importsOf(layer: string): { file: string; target: string }[] {
  const dir = join(src, layer);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      const specs = [...source.matchAll(/^(?:import|export)[^'"]*from\s*['"](\.[^'"]+)['"]/gm)].map((m) => m[1] ?? '');
      return specs.map((spec) => ({
        file: `${layer}/${file}`,
        target: relative(src, resolve(dirname(join(dir, file)), spec)).replaceAll('\\', '/'),
      }));
    });
}

// forms/ and conversation/ both stand on inputs/; neither may lean on the other (DESIGN.md, "one direction of flow").
describe('forms/ and conversation/ do not import each other', () => {
  it.each([
    ['forms', 'conversation'],
    ['conversation', 'forms'],
  ])('%s/ imports nothing from %s/', (from, other) => {
    const crossing = importsOf(from).filter((i) => i.target.startsWith(`${other}/`));
    expect(crossing).toEqual([]);
  });

  it('inputs/ imports neither', () => {
    const upward = importsOf('inputs').filter((i) => /^(forms|conversation|slack)\//.test(i.target));
    expect(upward).toEqual([]);
  });
});
