/**
 * The heading ids VitePress gives a markdown page, computed the way it computes them (markdown-it-anchor with
 * `@mdit-vue/shared`'s slugify), so that generated pages can be split and their `#fragment` links rewritten.
 */

// eslint-disable-next-line no-control-regex -- VitePress's slugify removes control characters; so must this copy.
const controlCharacters = /[\u0000-\u001f]/g;
const specialCharacters = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g;
const combiningMarks = /[\u0300-\u036F]/g;

/** VitePress's default slugify. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(combiningMarks, '')
    .replace(controlCharacters, '')
    .replace(specialCharacters, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();
}

/**
 * The text markdown-it-anchor slugs for a heading's inline markdown: text and code spans, without emphasis
 * markers, link targets, HTML tags or backslash escapes. Covers what TypeDoc's markdown puts in headings.
 */
export function headingText(inline: string): string {
  // Code spans and escaped characters are text: set them aside before tags and markers are removed.
  const keep: string[] = [];
  const aside = (text: string): string => `\uE000${String(keep.push(text) - 1)}\uE000`;
  return inline
    .replace(/`([^`]*)`/g, (_whole, code: string) => aside(code))
    .replace(/\\([!-/:-@[-`{-~])/g, (_whole, character: string) => aside(character))
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~|\*)/g, '')
    .replace(/\uE000(\d+)\uE000/g, (_whole, index: string) => keep[Number(index)] ?? '')
    .trim();
}

/** One heading of a page with the id VitePress gives it. */
export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
  /** Line index in the markdown. */
  readonly line: number;
}

/** Every ATX heading outside fenced code blocks, with unique ids as VitePress assigns them (`x`, `x-1`, `x-2`...). */
export function headings(markdown: string): Heading[] {
  const taken = new Set<string>();
  const found: Heading[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((line, index) => {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch !== null) {
      const marker = fenceMatch[1] as string;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading === null) return;
    const text = headingText(heading[2] as string);
    const base = slugify(text);
    let anchor = base;
    for (let suffix = 1; taken.has(anchor); suffix++) anchor = `${base}-${String(suffix)}`;
    taken.add(anchor);
    found.push({ level: (heading[1] as string).length, text, anchor, line: index });
  });
  return found;
}

/** Ids set explicitly with HTML (`<a id="property-rank-2"></a>`, as TypeDoc's tables do), with their line index. */
export function explicitAnchors(markdown: string): { readonly anchor: string; readonly line: number }[] {
  const found: { anchor: string; line: number }[] = [];
  markdown.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/<a\s+(?:[^>]*\s)?id="([^"]+)"/g)) found.push({ anchor: match[1] as string, line: index });
  });
  return found;
}
