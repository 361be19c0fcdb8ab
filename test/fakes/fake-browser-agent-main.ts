/**
 * The fake browser agent as a process of its own: `node --import tsx test/fakes/fake-browser-agent-main.ts`.
 * Environment: FAKE_BROWSER_AGENT_API_KEY (default a random `bra_` key), FAKE_BROWSER_AGENT_PORT (default any free
 * port), FAKE_BROWSER_AGENT_SCRIPT (JSON BrowserAgentScript, e.g. `{"pollsUntilDone":3}`).
 * Prints one JSON line, `{"url":"http://127.0.0.1:<port>/v1","apiKey":"bra_..."}`, once it listens (use them as
 * BROWSER_AGENT_URL and BROWSER_AGENT_API_KEY); stops on SIGTERM or SIGINT.
 */
import { z } from 'zod';
import { startFakeBrowserAgent } from './fake-browser-agent.js';

const count = z.number().int().nonnegative();
const scriptSchema = z.strictObject({
  pollsUntilRunning: count.optional(),
  pollsUntilDone: count.optional(),
  result: z.string().optional(),
  error: z.string().optional(),
  cancelled: z.boolean().optional(),
  structured: z.record(z.string(), z.unknown()).optional(),
});

const env = z
  .object({
    FAKE_BROWSER_AGENT_API_KEY: z.string().min(1).optional(),
    FAKE_BROWSER_AGENT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    FAKE_BROWSER_AGENT_SCRIPT: z
      .string()
      .transform((text) => JSON.parse(text) as unknown)
      .pipe(scriptSchema)
      .optional(),
  })
  .parse(process.env);

const fake = await startFakeBrowserAgent({ apiKey: env.FAKE_BROWSER_AGENT_API_KEY, port: env.FAKE_BROWSER_AGENT_PORT, script: env.FAKE_BROWSER_AGENT_SCRIPT });
process.stdout.write(`${JSON.stringify({ url: fake.url, apiKey: fake.apiKey })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
