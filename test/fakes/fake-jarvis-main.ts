/**
 * The fake Jarvis as a process of its own: `node --import tsx test/fakes/fake-jarvis-main.ts`.
 * Environment: FAKE_JARVIS_API_KEY (default a random `jrv_` key), FAKE_JARVIS_PORT (default any free port),
 * FAKE_JARVIS_SCRIPTS (JSON object of JarvisScript by agent, e.g. `{"paperclip":{"pollsUntilDone":3}}`).
 * Prints one JSON line, `{"url":"http://127.0.0.1:<port>","apiKey":"jrv_..."}`, once it listens; stops on SIGTERM or SIGINT.
 */
import { z } from 'zod';
import { startFakeJarvis } from './fake-jarvis.js';

const count = z.number().int().nonnegative();
const scriptSchema = z.strictObject({
  pollsUntilRunning: count.optional(),
  pollsUntilDone: count.optional(),
  runningAfterMs: count.optional(),
  doneAfterMs: count.optional(),
  result: z.string().optional(),
  error: z.string().optional(),
});

const env = z
  .object({
    FAKE_JARVIS_API_KEY: z.string().min(1).optional(),
    FAKE_JARVIS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    FAKE_JARVIS_SCRIPTS: z
      .string()
      .transform((text) => JSON.parse(text) as unknown)
      .pipe(z.record(z.string(), scriptSchema))
      .optional(),
  })
  .parse(process.env);

const fake = await startFakeJarvis({ apiKey: env.FAKE_JARVIS_API_KEY, port: env.FAKE_JARVIS_PORT, scripts: env.FAKE_JARVIS_SCRIPTS });
process.stdout.write(`${JSON.stringify({ url: fake.url, apiKey: fake.apiKey })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
