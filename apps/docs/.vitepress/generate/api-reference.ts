import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Application, DeclarationReflection, ReflectionKind } from 'typedoc';
import type { GeneratedPage } from './cli-reference.js';
import { explicitAnchors, headings, slugify } from './markdown-anchors.js';

/** The packages whose public entry points the API reference documents, in sidebar order. */
const documentedPackages = ['@benchline/metrics', '@benchline/lora', '@benchline/glossary'] as const;

interface EntryPoint {
  /** The import specifier users write: `@benchline/metrics`, `@benchline/metrics/node`. */
  readonly specifier: string;
  /** The page's file name without `.md`: `metrics`, `metrics-node`. */
  readonly slug: string;
  /** The TypeScript source the export map's `@benchline/source` condition points at. */
  readonly source: string;
}

/**
 * The public entry points of the documented packages, read from their export maps: what users can import is
 * exactly what gets documented, and the TSDoc comes from the TypeScript source behind each entry point.
 */
function publicEntryPoints(docsRoot: string): EntryPoint[] {
  const require = createRequire(join(docsRoot, 'package.json'));
  const result: EntryPoint[] = [];
  for (const name of documentedPackages) {
    const manifestPath = require.resolve(`${name}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Record<string, unknown> };
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (subpath === './package.json' || typeof target !== 'object' || target === null) continue;
      const source = (target as Record<string, unknown>)['@benchline/source'];
      if (typeof source !== 'string') throw new Error(`${manifestPath}: export "${subpath}" has no "@benchline/source" condition to document`);
      const specifier = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
      result.push({ specifier, slug: specifier.replace('@benchline/', '').replaceAll('/', '-'), source: resolve(dirname(manifestPath), source) });
    }
  }
  return result;
}

/** Pairs each TypeDoc module with the entry point it came from, by its source file. */
function entryPointOfModule(entryPoints: readonly EntryPoint[], fileName: string | undefined): EntryPoint | undefined {
  if (fileName === undefined) return undefined;
  const normalized = resolve(fileName);
  return entryPoints.find((entry) => entry.source === normalized);
}

async function markdownFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const item of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (item.isFile() && item.name.endsWith('.md')) found.push(join(item.parentPath, item.name));
  }
  return found;
}

/** A page of the API reference: where it goes, its title, and its markdown body (TypeDoc's, links unresolved). */
interface ApiPage {
  /** Path under `reference/api/` without `.md`: `metrics`, `lora/functions`, `lora/index`. */
  readonly file: string;
  readonly title: string;
  readonly body: string;
}

/** Where each old `#anchor` of a TypeDoc file went: its page and its new id there. */
type AnchorMap = Map<string, { readonly file: string; readonly anchor: string }>;

/** The page URL of a page file: `lora/index` → `/reference/api/lora/`. */
function pageUrl(file: string): string {
  return `/reference/api/${file.replace(/(^|\/)index$/, '$1')}`;
}

/** TypeDoc's kind headings, and the page names their sections get when a module is split. */
const sectionFiles: Readonly<Record<string, string>> = {
  Classes: 'classes',
  Interfaces: 'interfaces',
  'Type Aliases': 'types',
  Variables: 'variables',
  Functions: 'functions',
  Enumerations: 'enums',
  Namespaces: 'namespaces',
};

/** Above this size an entry point's page is split into one page per kind of export (functions, classes...). */
const splitThreshold = 100_000;

function pageMarkdown(page: ApiPage): string {
  return ['# ' + page.title, '', page.body].join('\n');
}

/**
 * Splits an entry point's TypeDoc page into an index and one page per `## Kind` section (headings promoted one
 * level), and records where every heading id went. A module whose headings cannot be matched with every link of
 * the page (the simulation of VitePress's ids disagrees) stays one page: correct links matter more than size.
 */
function splitModule(entry: EntryPoint, body: string, anchors: AnchorMap): ApiPage[] {
  const single: ApiPage = { file: entry.slug, title: entry.specifier, body };
  const original = headings(pageMarkdown(single));
  const explicit = explicitAnchors(pageMarkdown(single));
  const knownAnchors = new Set([...original.map((heading) => heading.anchor), ...explicit.map((item) => item.anchor)]);
  const linkedAnchors = [...body.matchAll(/\]\(#([^)\s]+)\)/g)].map((match) => match[1] as string);
  const lines = pageMarkdown(single).split('\n');
  const sectionHeadings = original.filter((heading) => heading.level === 2);
  const splittable = body.length > splitThreshold && sectionHeadings.length > 1 && linkedAnchors.every((anchor) => knownAnchors.has(anchor));
  if (!splittable) {
    for (const { anchor } of [...original, ...explicit]) anchors.set(anchor, { file: single.file, anchor });
    return [single];
  }
  const pages: ApiPage[] = [];
  const memberLists: string[] = [];
  sectionHeadings.forEach((section, index) => {
    const end = sectionHeadings[index + 1]?.line ?? lines.length;
    const name = sectionFiles[section.text] ?? slugify(section.text);
    const file = `${entry.slug}/${name}`;
    const title = `${entry.specifier}: ${section.text.toLowerCase()}`;
    // Promote headings one level (### member → ## member), outside code blocks, so the outline lists the members.
    let fence = false;
    const sectionBody = lines
      .slice(section.line + 1, end)
      .map((line) => {
        if (/^ {0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
        return !fence && /^#{3,6}[ \t]/.test(line) ? line.slice(1) : line;
      })
      .join('\n')
      .trim();
    const page: ApiPage = { file, title, body: sectionBody };
    const moved = headings(pageMarkdown(page));
    // The same headings in the same order, the h1 first: pair them up to move every id.
    const before = original.filter((heading) => heading.line > section.line && heading.line < end);
    moved.slice(1).forEach((heading, position) => {
      const old = before[position];
      if (old !== undefined) anchors.set(old.anchor, { file, anchor: heading.anchor });
    });
    anchors.set(section.anchor, { file, anchor: moved[0]?.anchor ?? '' });
    // HTML ids keep their name; they move with their line.
    for (const item of explicit) if (item.line > section.line && item.line < end) anchors.set(item.anchor, { file, anchor: item.anchor });
    pages.push(page);
    const members = before.filter((heading) => heading.level === 3);
    memberLists.push(`## [${section.text}](${pageUrl(file)})`, '', ...members.map((member) => `- [${member.text.replaceAll('[', '\\[')}](${pageUrl(file)}#${anchors.get(member.anchor)?.anchor ?? ''})`), '');
  });
  const preamble = lines.slice(2, sectionHeadings[0]?.line ?? 2).join('\n').trim();
  const overview: ApiPage = { file: `${entry.slug}/index`, title: entry.specifier, body: [preamble, '', ...memberLists].join('\n') };
  anchors.set(original[0]?.anchor ?? '', { file: overview.file, anchor: '' });
  return [overview, ...pages];
}

/**
 * Makes a TypeDoc page safe and tidy for VitePress: links between generated files and anchors point at the pages
 * written here, and the body goes inside a `v-pre` block so that a `{{` in a comment stays text.
 */
function renderPage(page: ApiPage, moduleSlug: string, anchorsByModule: ReadonlyMap<string, AnchorMap>, specifier: string): string {
  const resolveLink = (module: string, anchor: string | undefined): string | undefined => {
    const anchors = anchorsByModule.get(module);
    if (anchors === undefined) return undefined;
    if (anchor === undefined) return pageUrl(anchors.get('__page__')?.file ?? module);
    const target = anchors.get(anchor);
    if (target === undefined) return undefined;
    return `${pageUrl(target.file)}${target.anchor === '' ? '' : `#${target.anchor}`}`;
  };
  const body = page.body
    .replace(/\]\(#([^)\s]+)\)/g, (whole, anchor: string) => {
      const url = resolveLink(moduleSlug, anchor);
      return url === undefined ? whole : `](${url})`;
    })
    .replace(/\]\(([^)\s#]+?)\.md(?:#([^)\s]*))?\)/g, (whole, target: string, anchor: string | undefined) => {
      const module = target.replace(/^(\.\.\/)+|^\.\//, '');
      const url = resolveLink(module, anchor);
      return url === undefined ? whole : `](${url})`;
    });
  return [
    '---',
    `title: ${JSON.stringify(page.title)}`,
    // A page of one kind has its members as h2 (their Parameters and Returns below); a whole module has kinds as h2.
    `outline: ${page.file.includes('/') ? '2' : '[2, 3]'}`,
    '---',
    '',
    `<!-- Generated at build time by TypeDoc from the TSDoc of ${specifier}; do not edit. -->`,
    '',
    `# ${page.title}`,
    '',
    '```ts',
    `import { … } from '${specifier}';`,
    '```',
    '',
    '<div v-pre>',
    '',
    body,
    '',
    '</div>',
    '',
  ].join('\n');
}

function indexPage(entryPoints: readonly EntryPoint[], firstPages: ReadonlyMap<string, string>): string {
  return [
    '---',
    'title: API',
    '---',
    '',
    '# API reference',
    '',
    'Generated at build time by TypeDoc from the TSDoc comments of each public entry point, so it documents exactly',
    'what `import` gives you. Libraries run in Node and in the browser; the `/node` entry points add file I/O.',
    '',
    '| import | page |',
    '|---|---|',
    ...entryPoints.map((entry) => `| \`${entry.specifier}\` | [${entry.specifier}](${pageUrl(firstPages.get(entry.slug) ?? entry.slug)}) |`),
    '',
  ].join('\n');
}

/**
 * Runs TypeDoc with typedoc-plugin-markdown over the public entry points of the three packages and writes one page
 * per entry point into `reference/api/` (git-ignored build output), plus an index.
 *
 * @returns the generated pages for the sidebar.
 * @throws {Error} when TypeDoc cannot convert the sources.
 */
export async function generateApiReference(docsRoot: string): Promise<GeneratedPage[]> {
  const entryPoints = publicEntryPoints(docsRoot);
  const scratch = await mkdtemp(join(tmpdir(), 'benchline-typedoc-'));
  try {
    const app = await Application.bootstrapWithPlugins({
      entryPoints: entryPoints.map((entry) => entry.source),
      entryPointStrategy: 'resolve',
      tsconfig: join(docsRoot, 'tsconfig.api.json'),
      plugin: ['typedoc-plugin-markdown'],
      out: scratch,
      readme: 'none',
      excludePrivate: true,
      excludeInternal: true,
      excludeExternals: true,
      // "Defined in" links point at the repository; git itself is not consulted (a fresh clone may have no remote).
      // TypeDoc 0.28 shows paths from basePath but builds {path} from the entry points' common folder (packages/).
      disableGit: true,
      basePath: resolve(docsRoot, '..', '..'),
      sourceLinkTemplate: 'https://github.com/benchline/benchline/blob/main/packages/{path}#L{line}',
      skipErrorChecking: true,
      logLevel: 'Error',
      // typedoc-plugin-markdown's options: one file per entry point, tables for parameters and members.
      outputFileStrategy: 'modules',
      hidePageHeader: true,
      hideBreadcrumbs: true,
      useCodeBlocks: true,
      parametersFormat: 'table',
      interfacePropertiesFormat: 'table',
      classPropertiesFormat: 'table',
      typeDeclarationFormat: 'table',
      enumMembersFormat: 'table',
      sanitizeComments: true,
    } as Parameters<typeof Application.bootstrapWithPlugins>[0]);
    const project = await app.convert();
    if (project === undefined) throw new Error('TypeDoc could not convert the packages\' entry points (see the messages above)');
    // Name each module after its import specifier instead of TypeDoc's path-derived "metrics/src".
    for (const module of project.getReflectionsByKind(ReflectionKind.Module)) {
      if (!(module instanceof DeclarationReflection)) continue;
      const entry = entryPointOfModule(entryPoints, module.sources?.[0]?.fullFileName);
      if (entry !== undefined) module.name = entry.slug;
    }
    await app.generateOutputs(project);

    const files = await markdownFiles(scratch);
    const anchorsByModule = new Map<string, AnchorMap>();
    const pagesByModule = new Map<string, ApiPage[]>();
    for (const entry of entryPoints) {
      const file = join(scratch, `${entry.slug}.md`);
      const markdown = await readFile(file, 'utf8').catch(() => {
        throw new Error(`TypeDoc wrote no page for ${entry.specifier} (expected ${file}; found ${files.map((found) => relative(scratch, found)).join(', ')})`);
      });
      const anchors: AnchorMap = new Map();
      const pages = splitModule(entry, markdown.replace(/^# .*\n/m, '').trim(), anchors);
      anchors.set('__page__', { file: (pages[0] as ApiPage).file, anchor: '' });
      anchorsByModule.set(entry.slug, anchors);
      pagesByModule.set(entry.slug, pages);
    }
    const folder = join(docsRoot, 'reference', 'api');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'index.md'), indexPage(entryPoints, new Map([...pagesByModule].map(([slug, pages]) => [slug, (pages[0] as ApiPage).file]))));
    const sidebar: GeneratedPage[] = [];
    for (const entry of entryPoints) {
      const pages = pagesByModule.get(entry.slug) ?? [];
      for (const page of pages) {
        const path = join(folder, `${page.file}.md`);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, renderPage(page, entry.slug, anchorsByModule, entry.specifier));
      }
      const [first, ...rest] = pages;
      sidebar.push({ title: entry.specifier, link: pageUrl((first as ApiPage).file), items: rest.map((page) => ({ title: page.title.slice(entry.specifier.length + 2), link: pageUrl(page.file) })) });
    }
    return sidebar;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
