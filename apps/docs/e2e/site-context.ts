import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { serveStatic } from './serve.js';

export const siteRoot = fileURLToPath(new URL('../.vitepress/dist', import.meta.url));
export const artifacts = fileURLToPath(new URL('../test-results', import.meta.url));

/** The built site served on 127.0.0.1 and one Chromium shared by a test file's tests. */
export interface SiteContext {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function openSite(): Promise<SiteContext> {
  const site = await serveStatic(siteRoot);
  const browser = await launchBrowser();
  await mkdir(artifacts, { recursive: true });
  return {
    url: site.url,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}

/**
 * A new page that records what should never happen on the site: console errors, uncaught exceptions, failed
 * requests, HTTP errors and requests to any other host.
 */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  // The site must work offline: no CDN, no web fonts, no remote images. Only the local server may be asked.
  page.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '127.0.0.1') problems.push(`external request: ${request.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'unknown';
    // Leaving a page cancels its in-flight prefetches of linked pages; a missing file shows up as an HTTP 404 instead.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${String(response.status())}: ${response.url()}`);
  });
  return { page, problems };
}
