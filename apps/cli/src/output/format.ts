/** 200000000 → "200,000,000": grouping that reads the same in every locale the CLI runs in. */
export function formatInteger(value: number): string {
  const digits = Math.round(Math.abs(value)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${grouped}` : grouped;
}

/** A fraction as a percentage with the fewest decimals that show two significant digits (0.0012 → "0.12%"). */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent === 0) return '0%';
  const decimals = Math.max(0, Math.min(6, 1 - Math.floor(Math.log10(Math.abs(percent)))));
  return `${percent.toFixed(decimals)}%`;
}

/**
 * Rows of cells as an aligned plain-text table: the first column left-aligned, the others right-aligned.
 * Width counts code points, which is right for the ASCII and CJK-free text the CLI's tables hold.
 */
export function formatTable(rows: readonly (readonly string[])[], options: { header?: readonly string[] } = {}): string {
  const allRows = options.header === undefined ? rows : [options.header, ...rows];
  const widths: number[] = [];
  for (const row of allRows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, [...cell].length);
    });
  }
  const lines = allRows.map((row) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd(),
  );
  if (options.header !== undefined) {
    lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  }
  return `${lines.join('\n')}\n`;
}

// East Asian Wide and Fullwidth characters take two terminal columns (Unicode UAX #11): CJK ideographs, kana, Hangul,
// CJK punctuation and the fullwidth forms. Combining marks take none.
const wideCharacter =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const zeroWidthCharacter = /[\p{Mn}\p{Me}\u200b-\u200f]/u;
// eslint-disable-next-line no-control-regex -- ANSI colour sequences are control characters by definition.
const ansiSequence = /\u001b\[[0-9;]*m/g;

/**
 * The number of terminal columns a text occupies: East Asian wide characters (中文, ｆｕｌｌｗｉｄｔｈ) count 2,
 * combining marks and ANSI colour codes 0, everything else 1.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text.replace(ansiSequence, '')) {
    if (zeroWidthCharacter.test(character)) continue;
    width += wideCharacter.test(character) ? 2 : 1;
  }
  return width;
}

/** Pads a text with spaces on the right to `width` terminal columns (see {@link displayWidth}). */
export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Like {@link formatTable}, but columns are measured in terminal columns, so tables holding Chinese text line up.
 * Every column is left-aligned unless listed in `rightAligned`.
 */
export function formatWideTable(
  rows: readonly (readonly string[])[],
  options: { header?: readonly string[]; rightAligned?: readonly number[] } = {},
): string {
  const allRows = options.header === undefined ? rows : [options.header, ...rows];
  const widths: number[] = [];
  for (const row of allRows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, displayWidth(cell));
    });
  }
  const right = new Set(options.rightAligned ?? []);
  const lines = allRows.map((row) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(cell)));
        return right.has(column) ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd(),
  );
  if (options.header !== undefined) lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return `${lines.join('\n')}\n`;
}

/**
 * Wraps text to `width` terminal columns after `indent`: Latin text breaks at spaces, Chinese text between any two
 * characters (but not before closing punctuation). Existing line breaks are kept.
 */
export function wrapToWidth(text: string, width: number, indent = ''): string {
  const available = Math.max(10, width - displayWidth(indent));
  const output: string[] = [];
  for (const paragraph of text.split('\n')) {
    // Tokens: a run of non-space, non-wide characters (a word), a single wide character, or spaces.
    const tokens = paragraph.match(/[^\s\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+|./gu) ?? [];
    let line = '';
    for (const token of tokens) {
      const isSpace = /^\s+$/.test(token);
      const noBreakBefore = /^[，。、；：？！）」』》,.;:?!)]/.test(token);
      if (line !== '' && !isSpace && displayWidth(line + token) > available) {
        // Closing punctuation may not start a line: carry the word or wide character before it down too.
        const lastWord = noBreakBefore ? (/(?:[^\s\u2e80-\u9fff\uac00-\ud7a3\uff00-\uffe6]+|[\u2e80-\u9fff\uac00-\ud7a3\uff00-\uffe6])$/u.exec(line)?.[0] ?? '') : '';
        if (!noBreakBefore || (lastWord !== '' && lastWord.length < line.length)) {
          output.push(indent + line.slice(0, line.length - lastWord.length).trimEnd());
          line = lastWord;
        }
      }
      if (line === '' && isSpace) continue;
      line += isSpace ? ' ' : token;
    }
    output.push(indent + line.trimEnd());
  }
  return output.join('\n');
}
