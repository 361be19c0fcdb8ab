/**
 * Compiles the bot (src/**) and the bench's bot-process files to plain JavaScript in bench/.build/, as the Docker image
 * runs it (compiled JS, not tsx): no loader in the process, no esbuild `__name` helpers, the same memory footprint.
 * Uses TypeScript's transpileModule (the repo is isolatedModules), so it takes well under a second and checks nothing;
 * `npx tsc --noEmit` is what checks types.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOT_FILES = ['bench/bot-child.ts', 'bench/bot-factory.ts', 'bench/bot-protocol.ts', 'bench/stats.ts'];

/**
 * Returns the path of the compiled bench/bot-child.js. `srcRev`: compile src/ as it is at that git revision (e.g. to
 * compare before and after a change) instead of the working tree; the bench's own files always come from the tree.
 */
export function compileBot(extra: readonly string[] = [], srcRev?: string): string {
  const out = join(ROOT, 'bench', '.build');
  rmSync(out, { recursive: true, force: true });
  let srcRoot = ROOT;
  if (srcRev) {
    srcRoot = join(ROOT, 'bench', '.build-src');
    rmSync(srcRoot, { recursive: true, force: true });
    mkdirSync(srcRoot, { recursive: true });
    execSync(`git archive --format=tar ${JSON.stringify(srcRev)} src | tar -x -C ${JSON.stringify(srcRoot)}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const files = [...walk(join(srcRoot, 'src')).map((f) => ({ file: f, rel: relative(srcRoot, f) })), ...[...BOT_FILES, ...extra].map((f) => ({ file: join(ROOT, f), rel: f }))];
  for (const { file, rel } of files) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, esModuleInterop: true, sourceMap: false },
    });
    const target = join(out, rel).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module", "private": true }\n');
  return join(out, 'bench', 'bot-child.js');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
