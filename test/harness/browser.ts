import { chromium, type Browser } from 'playwright-core';
import { findBinary } from './find-binary.js';

/**
 * Debian's headless Chromium, driven by playwright-core (never a downloaded browser: the
 * machines reach only Debian's and npm's servers). Playwright gives each launch a fresh
 * profile directory of its own; the flags keep the browser from calling home.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findBinary('chromium', ['chromium']);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
