import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { escapeHtml } from '../lib/html.js';
import { cliPath } from '../lib/run-cli.js';
import { parseHelp, subcommandNames } from './cli-help.js';
import type { ParsedHelp } from './cli-help.js';

const run = promisify(execFile);

/** A generated page and its sidebar entry. */
export interface GeneratedPage {
  readonly title: string;
  readonly link: string;
  readonly items?: readonly GeneratedPage[];
}

interface CommandNode {
  readonly path: readonly string[];
  readonly help: ParsedHelp;
  readonly raw: string;
}

async function helpOf(entry: string, path: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [entry, ...path, '--help'], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 4 * 1024 * 1024,
  });
  return stdout;
}

/** Every command reachable from `benchline --help`, found by following each help's `Commands:` section. */
async function collectCommands(entry: string): Promise<CommandNode[]> {
  const nodes: CommandNode[] = [];
  const pending: (readonly string[])[] = [[]];
  while (pending.length > 0) {
    const level = pending.splice(0);
    const raws = await Promise.all(level.map((path) => helpOf(entry, path)));
    level.forEach((path, index) => {
      const raw = raws[index] as string;
      let help: ParsedHelp;
      try {
        help = parseHelp(raw);
      } catch (error) {
        throw new Error(`benchline ${path.join(' ')} --help: ${(error as Error).message}`, { cause: error });
      }
      nodes.push({ path, help, raw });
      for (const name of subcommandNames(help)) pending.push([...path, name]);
    });
  }
  return nodes;
}

function code(text: string): string {
  // Inline code in a table: the pipe would end the cell.
  return `\`${text.replaceAll('|', '\\|')}\``;
}

function cell(text: string): string {
  return escapeHtml(text).replaceAll('|', '\\|');
}

function renderCommand(node: CommandNode, headingLevel: number): string {
  const { help } = node;
  const lines: string[] = [];
  const name = ['benchline', ...node.path].join(' ');
  lines.push(`${'#'.repeat(headingLevel)} ${name}`, '');
  if (help.description !== '') lines.push(escapeHtml(help.description), '');
  lines.push('```sh', help.usage, '```', '');
  const argumentsSection = help.sections.get('Arguments') ?? [];
  if (argumentsSection.length > 0) {
    lines.push('| argument | meaning |', '|---|---|', ...argumentsSection.map((item) => `| ${code(item.term)} | ${cell(item.description)} |`), '');
  }
  const options = help.sections.get('Options') ?? [];
  if (options.length > 0) {
    lines.push('| option | meaning |', '|---|---|', ...options.map((item) => `| ${code(item.term)} | ${cell(item.description)} |`), '');
  }
  const commands = help.sections.get('Commands') ?? [];
  const subcommands = commands.filter((item) => !item.term.startsWith('help '));
  if (subcommands.length > 0) {
    lines.push(
      '| command | what it does |',
      '|---|---|',
      ...subcommands.map((item) => {
        const sub = item.term.split(/\s+/)[0] ?? item.term;
        return `| [${code(`${name} ${item.term}`)}](#${[...node.path, sub].join('-')}) | ${cell(item.description)} |`;
      }),
      '',
    );
  }
  if (help.notes !== '') lines.push(...help.notes.split('\n\n').map((paragraph) => `${escapeHtml(paragraph)}\n`));
  if (help.examples.length > 0) lines.push('Examples:', '', '```sh', ...help.examples, '```', '');
  lines.push('<details><summary>The full <code>--help</code> output</summary>', '', '```text', node.raw.trimEnd(), '```', '', '</details>', '');
  return lines.join('\n');
}

function pageFor(top: CommandNode, all: readonly CommandNode[]): string {
  const name = top.path[0] as string;
  const descendants = all.filter((node) => node.path.length > 1 && node.path[0] === name);
  const lines = [
    '---',
    `title: benchline ${name}`,
    'editLink: false',
    '---',
    '',
    `<!-- Generated at build time from "benchline ${name} --help" and its subcommands' help; do not edit. -->`,
    '',
    renderCommand(top, 1),
  ];
  for (const node of descendants) {
    // Explicit anchors (`lora-params`) so the command tables can link to them whatever the heading's text.
    const rendered = renderCommand(node, Math.min(node.path.length, 4)).replace(/^(#+ .+)$/m, `$1 {#${node.path.join('-')}}`);
    lines.push(rendered);
  }
  return lines.join('\n');
}

function indexPage(root: CommandNode, tops: readonly CommandNode[]): string {
  const rows = tops.map((node) => {
    const name = node.path[0] as string;
    const item = (root.help.sections.get('Commands') ?? []).find((candidate) => candidate.term.split(/\s+/)[0] === name);
    return `| [${code(`benchline ${item?.term ?? name}`)}](./${name}) | ${cell(item?.description ?? node.help.description)} |`;
  });
  return [
    '---',
    'title: Command line',
    '---',
    '',
    '<!-- Generated at build time from "benchline --help"; do not edit. -->',
    '',
    '# Command line',
    '',
    'Every page of this reference is generated, when the site is built, from the `--help` of the `benchline` that the',
    'site was built with, so it always matches the command line you install.',
    '',
    '```sh',
    'npx benchline --help',
    '```',
    '',
    '| command | what it does |',
    '|---|---|',
    ...rows,
    '',
    '## Conventions',
    '',
    '- `--help` on every command, with examples; `--json` for machine-readable output on stdout.',
    '- Results and tables go to stdout; messages, warnings and progress to stderr. Colours only on a terminal, never',
    '  with `NO_COLOR`.',
    '- Exit codes: `0` success, `1` the work failed, `2` a usage or input error (one line naming the file, the line, what',
    '  was expected and what was found; never a stack trace). `benchline trec-eval` keeps trec_eval\'s own exit codes.',
    '',
    '## benchline --help',
    '',
    '```text',
    root.raw.trimEnd(),
    '```',
    '',
  ].join('\n');
}

/**
 * Writes `reference/cli/index.md` and one page per top-level command, from the built CLI's own `--help` output,
 * discovering subcommands by following the `Commands:` sections. Pages from an earlier build that no longer have a
 * command are removed.
 *
 * @returns the generated pages for the sidebar.
 * @throws {Error} when the CLI is not built or a help text cannot be parsed.
 */
export async function generateCliReference(docsRoot: string): Promise<GeneratedPage[]> {
  const entry = cliPath(docsRoot);
  const nodes = await collectCommands(entry);
  const root = nodes.find((node) => node.path.length === 0) as CommandNode;
  const tops = nodes.filter((node) => node.path.length === 1);
  const folder = join(docsRoot, 'reference', 'cli');
  await mkdir(folder, { recursive: true });
  const wanted = new Set(['index.md', ...tops.map((node) => `${node.path[0] as string}.md`)]);
  for (const file of await readdir(folder)) {
    if (file.endsWith('.md') && !wanted.has(file)) await rm(join(folder, file));
  }
  await writeFile(join(folder, 'index.md'), indexPage(root, tops));
  await Promise.all(tops.map((node) => writeFile(join(folder, `${node.path[0] as string}.md`), pageFor(node, nodes))));
  return tops.map((node) => ({ title: `benchline ${node.path[0] as string}`, link: `/reference/cli/${node.path[0] as string}` }));
}
