import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileForPath } from './site-files.js';
import { artifacts, openSite, siteRoot, watchedPage } from './site-context.js';
import type { SiteContext } from './site-context.js';

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
}

/**
 * The text of the first element matching `selector` once it reads `expected` (Vue re-renders after the input
 * event), or whatever it reads after five seconds, so that a failing assertion shows the actual value.
 */
async function settled(page: Page, selector: string, expected: string): Promise<string> {
  await page
    .waitForFunction(([css, value]) => document.querySelector(css as string)?.textContent?.trim() === value, [selector, expected], { timeout: 5_000 })
    .catch(() => undefined);
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

const byTestId = (testId: string): string => `[data-testid="${testId}"]`;

async function mounted(page: Page): Promise<void> {
  await page.waitForFunction(() => '__vue_app__' in (document.querySelector('#app') ?? {}));
}

describe('the live tools in Chromium', () => {
  let site: SiteContext;

  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('the LoRA calculator shows the seed example without JavaScript', async () => {
    const file = fileForPath(siteRoot, '/tools/lora-calculator');
    expect(file).toBeDefined();
    const html = await readFile(file as string, 'utf8');
    expect(html).toContain('240,000');
    expect(html).toContain('200,000,000');
    expect(html).toContain('0.12%');
    expect(html).toContain('833.3×');
  });

  it('the LoRA calculator reads its inputs from the URL', async () => {
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${site.url}/tools/lora-calculator?rows=10000&cols=20000&rank=8`);
    await mounted(page);
    expect(await settled(page, byTestId('lora'), '240,000')).toBe('240,000');
    expect(await settled(page, byTestId('full'), '200,000,000')).toBe('200,000,000');
    expect(await settled(page, byTestId('fraction'), '0.12%')).toBe('0.12%');

    // Another shape from the URL: 4096 × 4096 at rank 16 is 131,072 of 16,777,216 (0.78%).
    await page.goto(`${site.url}/tools/lora-calculator?rows=4096&cols=4096&rank=16`);
    await mounted(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="lora"]')?.textContent?.trim() === '131,072');
    expect(await settled(page, byTestId('fraction'), '0.78%')).toBe('0.78%');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the LoRA calculator computes what is typed and keeps it in the URL', async () => {
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${site.url}/tools/lora-calculator?rows=1&cols=1&rank=1`);
    await mounted(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="lora"]')?.textContent?.trim() === '2');
    await page.getByTestId('rows').fill('10000');
    await page.getByTestId('cols').fill('20000');
    await page.getByTestId('rank').fill('8');
    expect(await settled(page, byTestId('lora'), '240,000')).toBe('240,000');
    expect(await settled(page, byTestId('fraction'), '0.12%')).toBe('0.12%');
    await expect(text(page, 'reduction')).resolves.toContain('833.3×');
    const query = new URL(page.url()).searchParams;
    expect([query.get('rows'), query.get('cols'), query.get('rank')]).toEqual(['10000', '20000', '8']);
    await page.locator('[data-testid="rank-chart"] svg').first().waitFor();
    await page.getByTestId('results').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}/lora-calculator.png`, fullPage: true });

    // A rank above min(rows, cols) is refused with the library's message, not a silent number.
    await page.getByTestId('rank').fill('30000');
    await expect(text(page, 'error')).resolves.toContain('rank must be at most min(rows, cols) = 10000');

    // The whole-model calculator: Llama-2-7B preset, LoRA r = 8 on q_proj and v_proj.
    expect(await settled(page, byTestId('model-total'), '6,738,415,616')).toBe('6,738,415,616');
    expect(await settled(page, byTestId('model-trainable'), '4,194,304')).toBe('4,194,304');
    await page.getByTestId('preset').selectOption('openai-community/gpt2');
    expect(await settled(page, byTestId('model-total'), '124,439,808')).toBe('124,439,808');
    expect(await settled(page, byTestId('model-trainable'), '294,912')).toBe('294,912');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the Recall@K playground recomputes every measure when the ranking changes', async () => {
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${site.url}/tools/recall-playground`);
    await mounted(page);
    const value = (measure: string, expected: string): Promise<string> => settled(page, `[data-measure="${measure}"] .value`, expected);
    // The glossary's query A: relevant documents at ranks 3, 5 and 8 of 4 relevant (d11 never retrieved).
    expect(await value('Success@1', '0.0000')).toBe('0.0000');
    expect(await value('R@1', '0.0000')).toBe('0.0000');
    expect(await value('RR', '0.3333')).toBe('0.3333');
    expect(await value('R@5', '0.5000')).toBe('0.5000');
    // Move d1 (grade 2) from rank 3 to the top.
    await page.getByRole('button', { name: 'move d1 up' }).click();
    await page.getByRole('button', { name: 'move d1 up' }).click();
    expect(await value('Success@1', '1.0000')).toBe('1.0000');
    expect(await value('R@1', '0.2500')).toBe('0.2500');
    expect(await value('RR', '1.0000')).toBe('1.0000');
    // Judge d9 (now at rank 4) relevant: five relevant documents, three of them in the top 5.
    await page.getByLabel('grade of d9').selectOption('1');
    expect(await value('R@5', '0.6000')).toBe('0.6000');
    expect(await value('P@5', '0.6000')).toBe('0.6000');
    await page.locator('[data-testid="recall-chart"] svg').first().waitFor();
    await page.screenshot({ path: `${artifacts}/recall-playground.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the significance explorer reruns the tests when the scores are edited', async () => {
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${site.url}/tools/significance`);
    await mounted(page);
    expect(await settled(page, byTestId('queries'), '20')).toBe('20');
    const before = await page.getByTestId('p-value').allTextContents();
    expect(before).toHaveLength(5);
    // Five queries where the system always wins by exactly 0.1: d̄ = 0.1, zero spread.
    await page.getByTestId('scores').fill('0.1 0.2\n0.2 0.3\n0.3 0.4\n0.4 0.5\n0.5 0.6\n0.3 0.4');
    expect(await settled(page, byTestId('queries'), '6')).toBe('6');
    expect(await settled(page, byTestId('mean-difference'), '0.1000')).toBe('0.1000');
    const after = await page.getByTestId('p-value').allTextContents();
    expect(after).not.toEqual(before);
    // Exact randomization over 2⁶ sign vectors, only the two extreme ones as extreme; exact sign test with six wins
    // and no loss: both p = 2/64 = 0.03125 (shown to four decimals, so compared to within rounding).
    const pValueOf = async (test: string): Promise<number> => Number(await page.locator(`[data-test="${test}"] [data-testid="p-value"]`).textContent());
    expect(Math.abs((await pValueOf('randomization (sign flip)')) - 0.03125)).toBeLessThan(0.0001);
    expect(Math.abs((await pValueOf('sign test')) - 0.03125)).toBeLessThan(0.0001);
    await page.getByTestId('scores').fill('0.1 0.2\nnot a number 0.3');
    await expect(text(page, 'scores-error')).resolves.toContain('line 2');
    await page.getByRole('button', { name: 'reset the example' }).click();
    expect(await settled(page, byTestId('queries'), '20')).toBe('20');
    await page.locator('[data-testid="difference-chart"] svg').first().waitFor();
    await page.screenshot({ path: `${artifacts}/significance.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders glossary formulas as static KaTeX and links the two languages', async () => {
    const english = await readFile(fileForPath(siteRoot, '/glossary/recall-at-k') as string, 'utf8');
    expect(english).toContain('class="katex-display"');
    expect(english).toContain('<math');
    expect(english).toContain('href="/zh/glossary/recall-at-k"');
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${site.url}/zh/glossary/recall-at-k`);
    await mounted(page);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/召回率/);
    await expect(page.locator('.katex').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${artifacts}/glossary-zh.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds glossary entries with the offline search, in both languages', async () => {
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${site.url}/guide/getting-started`);
    await mounted(page);
    await page.locator('.DocSearch-Button').first().click();
    await page.locator('#localsearch-input').fill('discounted cumulative gain');
    await page.locator('#localsearch-list a[href^="/glossary/ndcg"]').first().waitFor();
    await page.keyboard.press('Escape');
    await page.goto(`${site.url}/zh/glossary/`);
    await mounted(page);
    await page.locator('.DocSearch-Button').first().click();
    await page.locator('#localsearch-input').fill('召回率');
    await page.locator('#localsearch-list a[href^="/zh/glossary/recall"]').first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
