/**
 * Compiles the bot (src/**) and the bench's bot-process files to plain JavaScript in bench/.build/, as the Docker image
 * runs it (compiled JS, not tsx): no loader in the process, no esbuild `__name` helpers, the same memory footprint.
 * Uses TypeScript's transpileModule (the repo is isolatedModules), so it takes well under a second and checks nothing;
 * `npx tsc --noEmit` is what checks types.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOT_FILES = ['bench/bot-child.ts', 'bench/bot-factory.ts', 'bench/bot-protocol.ts', 'bench/stats.ts'];

/** Returns the path of the compiled bench/bot-child.js. */
export function compileBot(extra: readonly string[] = []): string {
  const out = join(ROOT, 'bench', '.build');
  rmSync(out, { recursive: true, force: true });
  const files = [...walk(join(ROOT, 'src')), ...[...BOT_FILES, ...extra].map((f) => join(ROOT, f))];
  for (const file of files) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, esModuleInterop: true, sourceMap: false },
    });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module", "private": true }\n');
  return join(out, 'bench', 'bot-child.js');
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}
