/**
 * PNGs of rendered pages with the distribution's headless Chromium, driven by playwright-core (no browser of its own
 * is downloaded). Where no Chromium is installed, says so and takes none: the HTML is still written.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export interface Camera {
  shoot(html: string, pngPath: string): Promise<void>;
  close(): Promise<void>;
}

export async function openCamera(executablePath: string): Promise<Camera> {
  // The flags keep Chromium off the network (this machine's is closed) and work as root in a container.
  const browser: Browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 680, height: 400 }, deviceScaleFactor: 1 });
  return {
    async shoot(html, pngPath) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.locator('#surface').screenshot({ path: pngPath });
    },
    close: () => browser.close(),
  };
}
