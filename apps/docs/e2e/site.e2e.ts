import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, declaredIds, fileForPath, references } from './site-files.js';
import { artifacts, openSite, siteRoot, watchedPage } from './site-context.js';
import type { SiteContext } from './site-context.js';

describe('every page of the built site', () => {
  let site: SiteContext;
  const pages = builtPages(siteRoot);

  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('has the pages the site is made of', () => {
    const paths = new Set(pages.map((page) => page.path));
    for (const path of ['/', '/guide/getting-started', '/guide/evaluate', '/guide/compare', '/guide/lora', '/tools/lora-calculator', '/tools/recall-playground', '/tools/significance', '/reference/cli/', '/reference/cli/lora', '/reference/cli/trec-eval', '/reference/api/', '/reference/api/metrics/', '/reference/api/metrics/functions', '/reference/api/lora/', '/reference/api/lora/functions', '/reference/api/glossary', '/glossary/', '/zh/', '/zh/glossary/', '/glossary/recall-at-k', '/zh/glossary/recall-at-k']) {
      expect(paths, path).toContain(path);
    }
    const englishEntries = pages.filter((page) => /^\/glossary\/[^/]+$/.test(page.path)).length;
    const chineseEntries = pages.filter((page) => /^\/zh\/glossary\/[^/]+$/.test(page.path)).length;
    expect(englishEntries).toBeGreaterThan(10);
    expect(chineseEntries).toBe(englishEntries);
  });

  it('documents every command and subcommand of the CLI it was built with', async () => {
    const cli = fileURLToPath(new URL('../../cli/dist/cli.mjs', import.meta.url));
    const commandsOf = (path: string[]): string[] => {
      const help = execFileSync(process.execPath, [cli, ...path, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const section = /\nCommands:\n((?: {2}.*\n?)+)/.exec(help)?.[1] ?? '';
      return [...section.matchAll(/^ {2}([a-z][a-z0-9-]*)/gm)].map((match) => match[1] as string).filter((name) => name !== 'help');
    };
    const groups = commandsOf([]);
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const group of groups) {
      const file = fileForPath(siteRoot, `/reference/cli/${group}`);
      expect(file, `a page for benchline ${group}`).toBeDefined();
      const ids = declaredIds(await readFile(file as string, 'utf8'));
      for (const subcommand of commandsOf([group])) expect(ids, `benchline ${group} ${subcommand}`).toContain(`${group}-${subcommand}`);
    }
  });

  it('has no broken internal link, fragment or asset on any page', async () => {
    const broken: string[] = [];
    const idsByFile = new Map<string, Set<string>>();
    const idsOf = async (file: string): Promise<Set<string>> => {
      let ids = idsByFile.get(file);
      if (ids === undefined) {
        ids = declaredIds(await readFile(file, 'utf8'));
        idsByFile.set(file, ids);
      }
      return ids;
    };
    let checked = 0;
    for (const page of pages) {
      const html = await readFile(page.file, 'utf8');
      for (const reference of references(html)) {
        const target = new URL(reference.url, `http://site.invalid${page.path}`);
        if (target.host !== 'site.invalid') continue;
        checked++;
        const file = fileForPath(siteRoot, target.pathname);
        if (file === undefined) {
          broken.push(`${page.path}: ${reference.kind} ${reference.url} → no such file`);
          continue;
        }
        const fragment = decodeURIComponent(target.hash.slice(1));
        if (reference.kind === 'link' && fragment !== '' && file.endsWith('.html') && !(await idsOf(file)).has(fragment)) {
          broken.push(`${page.path}: link ${reference.url} → no element with id "${fragment}"`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(pages.length * 10);
    console.info(`checked ${String(checked)} internal links and assets on ${String(pages.length)} pages`);
  });

  it('serves every page with status 200, an h1, and no console error or failed request', async () => {
    const failures: string[] = [];
    const queue = [...pages];
    const started = Date.now();
    let visited = 0;
    // Two tabs in one browser: enough to overlap network and rendering on two cores (a third measured no faster).
    const worker = async (): Promise<void> => {
      const { page, problems } = await watchedPage(site.browser);
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        problems.length = 0;
        const response = await page.goto(`${site.url}${next.path}`, { waitUntil: 'domcontentloaded' });
        if (response?.status() !== 200) failures.push(`${next.path}: status ${String(response?.status())}`);
        const heading = (await page.locator('h1').first().textContent({ timeout: 5_000 }).catch(() => null))?.trim() ?? '';
        if (heading === '') failures.push(`${next.path}: no h1`);
        // Let hydration finish, so its mismatches and errors are seen.
        await page.waitForFunction(() => '__vue_app__' in (document.querySelector('#app') ?? {}), undefined, { timeout: 10_000 }).catch(() => failures.push(`${next?.path ?? ''}: the app did not mount`));
        failures.push(...problems.map((problem) => `${next?.path ?? ''}: ${problem}`));
        visited++;
      }
      await page.close();
    };
    await Promise.all([worker(), worker()]);
    console.info(`loaded ${String(visited)} pages in Chromium in ${String(Date.now() - started)} ms`);
    expect(failures).toEqual([]);
    expect(visited).toBe(pages.length);
  }, 180_000);

  it('shows the home page', async () => {
    const { page, problems } = await watchedPage(site.browser);
    await page.goto(`${site.url}/`);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Benchline');
    await page.screenshot({ path: `${artifacts}/home.png` });
    expect(problems).toEqual([]);
    await page.close();
  });
});
