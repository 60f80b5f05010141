import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Application, DeclarationReflection, ReflectionKind } from 'typedoc';
import type { GeneratedPage } from './cli-reference.js';

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

/**
 * Makes TypeDoc's markdown safe and tidy as a VitePress page: the body goes inside a `v-pre` block so that `{{` in
 * a comment stays text, and links between generated files become links between the pages written here.
 */
function toPage(markdown: string, entry: EntryPoint, linkTargets: ReadonlyMap<string, string>): string {
  const withLinks = markdown.replace(/\]\(([^)\s]+?\.md)(#[^)\s]*)?\)/g, (whole, target: string, anchor: string | undefined) => {
    const slug = linkTargets.get(target.replace(/^(\.\.\/)+|^\.\//, ''));
    return slug === undefined ? whole : `](/reference/api/${slug}${anchor ?? ''})`;
  });
  const body = withLinks.replace(/^# .*\n/m, '').trim();
  return [
    '---',
    `title: ${JSON.stringify(entry.specifier)}`,
    'outline: [2, 3]',
    '---',
    '',
    `<!-- Generated at build time by TypeDoc from the TSDoc of ${entry.specifier}; do not edit. -->`,
    '',
    `# ${entry.specifier}`,
    '',
    '```ts',
    `import { … } from '${entry.specifier}';`,
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

function indexPage(entryPoints: readonly EntryPoint[]): string {
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
    ...entryPoints.map((entry) => `| \`${entry.specifier}\` | [${entry.specifier}](./${entry.slug}) |`),
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
      disableGit: true,
      basePath: resolve(docsRoot, '..', '..'),
      sourceLinkTemplate: 'https://github.com/benchline/benchline/blob/main/{path}#L{line}',
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
    const linkTargets = new Map<string, string>();
    for (const file of files) {
      const slug = relative(scratch, file).split(sep).join('/').replace(/\.md$/, '');
      if (entryPoints.some((entry) => entry.slug === slug)) linkTargets.set(`${slug}.md`, slug);
    }
    const folder = join(docsRoot, 'reference', 'api');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'index.md'), indexPage(entryPoints));
    for (const entry of entryPoints) {
      const file = join(scratch, `${entry.slug}.md`);
      const markdown = await readFile(file, 'utf8').catch(() => {
        throw new Error(`TypeDoc wrote no page for ${entry.specifier} (expected ${file}; found ${files.map((found) => relative(scratch, found)).join(', ')})`);
      });
      await writeFile(join(folder, `${entry.slug}.md`), toPage(markdown, entry, linkTargets));
    }
    return entryPoints.map((entry) => ({ title: entry.specifier, link: `/reference/api/${entry.slug}` }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
