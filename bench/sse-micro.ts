/**
 * CPU per upstream stream frame in the bot's Jasper adapter, and what a leaner reader would cost, as a ratio.
 * The capacity ramp shows that SSE reading dominates a streaming run's CPU; this isolates it, without HTTP:
 *   A. src as it is: readSse (fetch body -> 4 chained web TransformStreams -> eventsource-parser stream, a timer and an
 *      abort listener per read) + mapJasperFrame (tries the error, then the step schema, then the content schema);
 *   B. a sketch: one read loop (TextDecoder stream mode + eventsource-parser's createParser callback), and the frame's
 *      shape checked with `in` before one zod parse.
 * Run compiled (as production): `node --import tsx bench/sse-micro.ts` compiles and re-runs itself in plain node.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import { readSse } from '../src/providers/http/sse.js';
import { mapJasperFrame } from '../src/providers/jasper/map-jasper-event.js';
import { jasperContentFrameSchema, jasperErrorFrameSchema, jasperStepFrameSchema } from '../src/providers/jasper/jasper-schemas.js';

const FRAMES = 20_000;
const context = { serviceName: 'Jasper', secrets: ['secret-key-123456'] };

function frameBytes(): Uint8Array[] {
  const enc = new TextEncoder();
  const out: Uint8Array[] = [];
  for (let i = 0; i < FRAMES; i++) {
    const frame =
      i % 50 === 0
        ? { step: { id: `step-${i}`, status: 'loading', label: 'Generating content' } }
        : { id: 'b285e8c1-7b15-4da8-bfba-e9ccbf3b7361', content: 'agents write the campaign brief for every ', role: 'JASPER', usage: null, skillId: '365178e6-8123-4e24-936a-771def6982ce', contentId: 'b285e8c1' };
    out.push(enc.encode(`event: message\nid: ${i + 1}\ndata: ${JSON.stringify(frame)}\n\n`));
  }
  return out;
}

/** A body that yields one network chunk per frame, as the fake and a real upstream do when frames are 100 ms apart. */
function body(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

async function current(chunks: Uint8Array[]): Promise<number> {
  const signal = new AbortController().signal;
  let events = 0;
  let partial = false;
  for await (const message of readSse(body(chunks), { ...context, signal, idleTimeoutMs: 60_000 })) {
    const mapped = mapJasperFrame(message.data, { ...context, partial });
    if (mapped.event?.type === 'text') partial = true;
    if (mapped.event) events++;
  }
  return events;
}

async function lean(chunks: Uint8Array[]): Promise<number> {
  let events = 0;
  const pending: string[] = [];
  const parser = createParser({ onEvent: (e) => void pending.push(e.data) });
  const decoder = new TextDecoder();
  const reader = body(chunks).getReader();
  const idle = setTimeout(() => undefined, 60_000);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    idle.refresh();
    parser.feed(decoder.decode(value, { stream: true }));
    for (const data of pending.splice(0)) {
      const json = JSON.parse(data) as Record<string, unknown>;
      const ok =
        'statusCode' in json ? jasperErrorFrameSchema.safeParse(json).success : 'step' in json ? jasperStepFrameSchema.safeParse(json).success : jasperContentFrameSchema.safeParse(json).success;
      if (ok) events++;
    }
  }
  clearTimeout(idle);
  return events;
}

async function measure(name: string, work: (chunks: Uint8Array[]) => Promise<number>, chunks: Uint8Array[]): Promise<{ name: string; usPerFrame: number; events: number }> {
  await work(chunks.slice(0, 2_000)); // warm-up
  const before = process.cpuUsage();
  const events = await work(chunks);
  const cpu = process.cpuUsage(before);
  return { name, usPerFrame: Math.round(((cpu.user + cpu.system) / FRAMES) * 10) / 10, events };
}

export async function sseMicro(): Promise<{ currentUsPerFrame: number; leanUsPerFrame: number; ratio: number }> {
  const chunks = frameBytes();
  const a = await measure('current', current, chunks);
  const b = await measure('lean', lean, chunks);
  return { currentUsPerFrame: a.usPerFrame, leanUsPerFrame: b.usPerFrame, ratio: Math.round((a.usPerFrame / b.usPerFrame) * 10) / 10 };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] === self) {
  if (self.endsWith('.ts')) {
    // Compile (as production runs) and measure in a plain node process.
    const { compileBot } = await import('./compile-bot.js');
    const entry = compileBot(['bench/sse-micro.ts']).replace(/bot-child\.js$/, 'sse-micro.js');
    fork(entry, [], { execArgv: [], stdio: 'inherit' });
  } else if (process.argv[2] === '--json') {
    process.send?.(await sseMicro());
    process.exit(0);
  } else {
    const r = await sseMicro();
    process.stdout.write(
      `CPU per upstream frame (${FRAMES} frames, one network chunk each):\n` +
        `  src (readSse + mapJasperFrame):                ${r.currentUsPerFrame} µs\n` +
        `  one read loop + createParser + shape-first zod: ${r.leanUsPerFrame} µs\n` +
        `  ratio: ${r.ratio}×\n`,
    );
  }
}

/** Runs the measurement in a forked plain-node process from the compiled copy (bench/compile-bot.ts). */
export function sseMicroIn(compiledEntry: string): Promise<{ currentUsPerFrame: number; leanUsPerFrame: number; ratio: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(compiledEntry, ['--json'], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('message', (m) => resolve(m as { currentUsPerFrame: number; leanUsPerFrame: number; ratio: number }));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sse-micro exited with ${code} before answering`));
    });
  });
}
