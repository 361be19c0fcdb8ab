/**
 * The bot under test in a process of its own, so that its event-loop lag and RSS are its own: the fakes and the load
 * generator stay in the bench's process. Forked by bench/bot-handle.ts; talks over IPC (bench/bot-protocol.ts).
 */
import { writeHeapSnapshot } from 'node:v8';
import type { BotChildConfig, ChildMessage, ParentMessage } from './bot-protocol.js';
import { buildBot } from './bot-factory.js';

const send = (message: ChildMessage) => process.send?.(message);

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as BotChildConfig;
  const { bot, port, probe } = await buildBot(config);

  process.on('message', (raw) => {
    const m = raw as ParentMessage;
    switch (m.type) {
      case 'reset':
        probe.reset();
        send({ type: 'reply', id: m.id });
        return;
      case 'stats':
        if (m.gc && typeof globalThis.gc === 'function') globalThis.gc();
        send({ type: 'reply', id: m.id, stats: probe.stats() });
        return;
      case 'profile':
        void (m.action === 'start' ? probe.startProfile() : probe.stopProfile(m.file ?? 'bot.cpuprofile')).then(
          () => send({ type: 'reply', id: m.id }),
          () => send({ type: 'reply', id: m.id }),
        );
        return;
      case 'snapshot':
        writeHeapSnapshot(m.file);
        send({ type: 'reply', id: m.id });
        return;
      case 'stop': {
        probe.disable();
        const done = () => {
          send({ type: 'reply', id: m.id });
          // process.exit (not a signal) so that a --cpu-prof profile is written.
          setTimeout(() => process.exit(0), 50);
        };
        if (!m.graceful) return done();
        const giveUp = setTimeout(done, 5_000);
        void bot.stop().finally(() => {
          clearTimeout(giveUp);
          done();
        });
        return;
      }
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  setTimeout(() => process.exit(1), 50);
});
