import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { serveStatic } from './serve.js';

const siteRoot = fileURLToPath(new URL('../.vitepress/dist', import.meta.url));
const artifacts = fileURLToPath(new URL('../test-results', import.meta.url));

describe('the built documentation site in Chromium', () => {
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    site = await serveStatic(siteRoot);
    browser = await launchBrowser();
    await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await site.close();
  });

  it('serves the home page with a heading and no console errors', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) consoleErrors.push(`${String(response.status())} ${response.url()}`);
    });
    const response = await page.goto(`${site.url}/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Benchline');
    await page.screenshot({ path: `${artifacts}/home.png` });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
