/**
 * `npm run screenshots`: drives the bot through its main stories against the test fakes (real Redis, as the tests),
 * renders every surface it produced to HTML, and takes a PNG of each with headless Chromium.
 *
 *   --quick     writes to a temporary folder and takes one PNG (the CI smoke step: the renderer must not crash)
 *   --out DIR   where to write (default: screenshots/)
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHarness } from '../../test/support/bot-harness.js';
import { indexHtml, SURFACE_CSS, SURFACE_CSS_FILE, surfaceHtml } from './render-html.js';
import { findChromium, openCamera } from './shoot.js';
import { SAMPLE_OUTPUT, STORIES } from './stories.js';
import type { Surface } from './surfaces.js';

function options(argv: readonly string[]) {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--out');
  const out = at >= 0 && argv[at + 1] ? resolve(argv[at + 1]!) : quick ? mkdtempSync(join(tmpdir(), 'screenshots-')) : resolve('screenshots');
  return { quick, out };
}

async function collect(): Promise<Surface[]> {
  const surfaces: Surface[] = [];
  for (const story of STORIES) {
    // A harness of its own per story: each starts from a fresh bot and store, as a new user would.
    const h = await startHarness();
    h.jasper.setOutputText(SAMPLE_OUTPUT);
    try {
      await story.run(h, (s) => surfaces.push(s));
    } finally {
      await h.close();
    }
    console.log(`story ${story.name}: ok`);
  }
  return surfaces;
}

async function main() {
  const { quick, out } = options(process.argv.slice(2));
  const surfaces = await collect();
  const htmlDir = join(out, 'html');
  mkdirSync(htmlDir, { recursive: true });
  // Images of surfaces no longer made would mislead: the folder holds exactly this run's.
  for (const file of readdirSync(out)) if (file.endsWith('.png')) rmSync(join(out, file));
  for (const file of readdirSync(htmlDir)) rmSync(join(htmlDir, file));
  const pages = surfaces.map((s) => ({ s, html: surfaceHtml(s) }));
  writeFileSync(join(htmlDir, SURFACE_CSS_FILE), SURFACE_CSS);
  for (const { s } of pages) writeFileSync(join(htmlDir, `${s.name}.html`), surfaceHtml(s, 'linked'));
  console.log(`rendered ${pages.length} surfaces to HTML in ${htmlDir}`);

  const executable = findChromium();
  if (!executable) {
    console.log('no Chromium found (install the distribution\'s chromium, or set CHROMIUM_PATH): HTML only, no PNGs');
    writeFileSync(join(out, 'index.html'), indexHtml(surfaces, false));
    return;
  }
  let camera: Awaited<ReturnType<typeof openCamera>>;
  try {
    camera = await openCamera(executable);
  } catch (error) {
    // The smoke step checks the renderer, not the machine's browser: there a Chromium that will not start is said, not fatal.
    if (!quick) throw error;
    console.log(`Chromium at ${executable} did not start (${String(error).split('\n')[0]}): HTML only, no PNGs`);
    writeFileSync(join(out, 'index.html'), indexHtml(surfaces, false));
    return;
  }
  try {
    for (const { s, html } of quick ? pages.slice(0, 1) : pages) await camera.shoot(html, join(out, `${s.name}.png`));
  } finally {
    await camera.close();
  }
  writeFileSync(join(out, 'index.html'), indexHtml(quick ? surfaces.slice(0, 1) : surfaces, true));
  console.log(`${quick ? 1 : pages.length} PNGs and index.html in ${out}`);
}

// The stopped bots leave Redis connections (BullMQ's) open, which the test runner's forks never notice: exit when done.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('screenshots: failed', error);
    process.exit(1);
  },
);
