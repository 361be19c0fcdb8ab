import { describe, expect, it } from 'vitest';
import { ProgressPacer, type ProgressBatch } from '../../../src/slack/thread/progress-pacer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProgressPacer', () => {
  it('writes the first change at once, then coalesces: latest step state wins, text concatenates', async () => {
    const writes: ProgressBatch[] = [];
    const pacer = new ProgressPacer(async (batch) => void writes.push(batch), () => 200);
    pacer.step({ id: 'a', label: 'Thinking', status: 'running' });
    await sleep(20);
    expect(writes).toHaveLength(1);
    pacer.step({ id: 'a', label: 'Thought for 2s', status: 'completed' });
    pacer.step({ id: 'b', label: 'Writing', status: 'running' });
    pacer.step({ id: 'b', label: 'Writing more', status: 'running' });
    await sleep(50);
    expect(writes).toHaveLength(1);
    await sleep(250);
    expect(writes).toHaveLength(2);
    expect(writes[1]?.steps).toEqual([
      { id: 'a', label: 'Thought for 2s', status: 'completed' },
      { id: 'b', label: 'Writing more', status: 'running' },
    ]);
    // The first text goes at once (see below); what follows within the interval is merged into one write.
    for (let i = 0; i < 50; i++) pacer.append(`${i} `);
    await sleep(20);
    expect(writes[2]?.text).toBe('0 ');
    await sleep(250);
    expect(writes).toHaveLength(4);
    expect(writes[3]?.text).toBe(Array.from({ length: 49 }, (_, i) => `${i + 1} `).join(''));
  });

  it('never overlaps writes, and loses nothing that arrives while a slow write is in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let text = '';
    const pacer = new ProgressPacer(async (batch) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(30);
      text += batch.text;
      inFlight--;
    }, () => 0);
    for (let i = 0; i < 100; i++) {
      pacer.append(String(i % 10));
      if (i % 7 === 0) await sleep(5);
    }
    await sleep(100);
    const rest = await pacer.settle();
    text += rest.text;
    expect(maxInFlight).toBe(1);
    expect(text).toBe(Array.from({ length: 100 }, (_, i) => String(i % 10)).join(''));
  });

  it('makes at most about one write per interval under a steady stream', async () => {
    let writes = 0;
    const pacer = new ProgressPacer(async () => void writes++, () => 100);
    const until = Date.now() + 500;
    while (Date.now() < until) {
      pacer.append('x');
      await sleep(5);
    }
    await pacer.settle();
    expect(writes).toBeGreaterThanOrEqual(4);
    expect(writes).toBeLessThanOrEqual(8);
  });
});

describe('ProgressPacer.settle', () => {
  it('waits for the write in flight and hands back the rest unwritten; nothing is written after', async () => {
    const writes: ProgressBatch[] = [];
    const pacer = new ProgressPacer(async (batch) => {
      await sleep(30);
      writes.push(batch);
    }, () => 1_000);
    pacer.append('a');
    await sleep(5);
    pacer.append('b');
    pacer.step({ id: 's', label: 'Done', status: 'completed' });
    const rest = await pacer.settle();
    expect(writes.map((w) => w.text)).toEqual(['a']);
    expect(rest).toEqual({ steps: [{ id: 's', label: 'Done', status: 'completed' }], text: 'b' });
    pacer.append('c');
    await sleep(50);
    expect(writes).toHaveLength(1);
  });
});

describe('ProgressPacer interval', () => {
  it('asks for the interval before each write, so a run slows down when more runs share the budget', async () => {
    let interval = 50;
    let writes = 0;
    const pacer = new ProgressPacer(async () => void writes++, () => interval);
    const run = async (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        pacer.append('x');
        await sleep(5);
      }
    };
    await run(300);
    const fast = writes;
    interval = 1_000;
    await sleep(60);
    writes = 0;
    await run(300);
    await pacer.settle();
    expect(fast).toBeGreaterThanOrEqual(4);
    expect(writes).toBeLessThanOrEqual(1);
  });
});

describe('ProgressPacer first text', () => {
  it('writes the first text at once, without waiting out the interval after a step', async () => {
    const writes: ProgressBatch[] = [];
    const pacer = new ProgressPacer(async (batch) => void writes.push(batch), () => 1_000);
    pacer.step({ id: 's', label: 'Thinking', status: 'running' });
    await sleep(20);
    pacer.append('Hello');
    await sleep(20);
    expect(writes.map((w) => w.text)).toEqual(['', 'Hello']);
    pacer.append(' world');
    await sleep(20);
    expect(writes).toHaveLength(2);
    await pacer.settle();
  });
});
