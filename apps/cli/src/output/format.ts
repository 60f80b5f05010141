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
