/** One line of a help section: `--rows <n>` and what it means. */
export interface HelpItem {
  readonly term: string;
  readonly description: string;
}

/** A command's `--help` text, split into the parts Commander prints. */
export interface ParsedHelp {
  readonly usage: string;
  readonly description: string;
  /** Sections by their header (`Options`, `Arguments`, `Commands`), items in order. */
  readonly sections: ReadonlyMap<string, readonly HelpItem[]>;
  /** Command lines of the `Examples:` section, without the `$ ` prompt. */
  readonly examples: readonly string[];
  /** Free text after the sections (notes a command adds to its help), paragraphs joined by blank lines. */
  readonly notes: string;
}

const sectionHeader = /^([A-Z][A-Za-z ]*):\s*$/;

/**
 * Parses Commander's help layout: `Usage: …`, a description, then sections whose items are indented by two
 * spaces with the description after a run of spaces, continuation lines indented further.
 *
 * @throws {Error} when the text does not start with a `Usage:` line (not a Commander help text).
 */
export function parseHelp(text: string): ParsedHelp {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  const usageLine = lines[first] ?? '';
  if (!usageLine.startsWith('Usage: ')) throw new Error(`expected a help text starting with "Usage: ", found ${JSON.stringify(usageLine)}`);
  const usage = usageLine.slice('Usage: '.length).trim();
  const sections = new Map<string, HelpItem[]>();
  const examples: string[] = [];
  const descriptionLines: string[] = [];
  const noteLines: string[] = [];
  let current: HelpItem[] | undefined;
  let inExamples = false;
  let seenSection = false;
  for (const line of lines.slice(first + 1)) {
    const header = sectionHeader.exec(line);
    if (header !== null) {
      seenSection = true;
      inExamples = header[1] === 'Examples';
      current = inExamples ? undefined : [];
      if (current !== undefined) sections.set(header[1] as string, current);
      continue;
    }
    if (inExamples && line.startsWith('  $ ')) {
      examples.push(line.slice(4).trim());
      continue;
    }
    if (current !== undefined && /^ {2}\S/.test(line)) {
      const body = line.slice(2);
      const gap = /\s{2,}/.exec(body);
      current.push(gap === null ? { term: body.trim(), description: '' } : { term: body.slice(0, gap.index), description: body.slice(gap.index).trim() });
      continue;
    }
    if (current !== undefined && /^ {3,}\S/.test(line) && current.length > 0) {
      const previous = current.pop() as HelpItem;
      current.push({ term: previous.term, description: `${previous.description} ${line.trim()}`.trim() });
      continue;
    }
    // Anything else ends the section: the description before the first section, notes after.
    current = undefined;
    inExamples = false;
    (seenSection ? noteLines : descriptionLines).push(line);
  }
  return {
    usage,
    description: joinParagraphs(descriptionLines),
    sections,
    examples,
    notes: joinParagraphs(noteLines),
  };
}

/** Reflows hard-wrapped lines into paragraphs separated by blank lines. */
function joinParagraphs(lines: readonly string[]): string {
  const paragraphs: string[] = [];
  let currentParagraph: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (currentParagraph.length > 0) paragraphs.push(currentParagraph.join(' '));
      currentParagraph = [];
    } else {
      currentParagraph.push(line.trim());
    }
  }
  if (currentParagraph.length > 0) paragraphs.push(currentParagraph.join(' '));
  return paragraphs.join('\n\n');
}

/** The subcommand names listed in a help's `Commands:` section, without Commander's built-in `help`. */
export function subcommandNames(help: ParsedHelp): string[] {
  return (help.sections.get('Commands') ?? [])
    .map((item) => item.term.split(/\s+/)[0] ?? '')
    .filter((name) => name !== '' && name !== 'help');
}
