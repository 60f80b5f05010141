/** Input of the parsers: text, or bytes (UTF-8, an optional byte-order mark is dropped). */
export type TextInput = string | Uint8Array;

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The text of an input, without a leading byte-order mark. */
export function inputText(input: TextInput): string {
  const text = typeof input === 'string' ? input : decoder.decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines without their terminators (LF or CRLF); a final empty line after the last newline is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Splits a line on runs of white space, ignoring leading and trailing white space. */
export function fields(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}
