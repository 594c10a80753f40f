import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

// The package's defaults suit a sandboxed server; a test should have the same-origin rules a
// developer's browser has, so the ones that turn them off are left out.
const UNSAFE = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/** A real headless Chromium from the npm registry (@sparticuz/chromium), driven by playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args.filter((arg) => !UNSAFE.has(arg)),
    headless: true,
  });
}
