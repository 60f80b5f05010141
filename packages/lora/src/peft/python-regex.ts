import { AdapterFormatError } from '../errors.js';

/**
 * Compiles a Python `re` pattern (as found in `adapter_config.json`) into a JavaScript RegExp with the same meaning
 * for the patterns PEFT configs use: `(?P<name>…)` becomes `(?<name>…)` and `(?P=name)` becomes `\k<name>`; the
 * rest of the common syntax (classes, quantifiers, anchors, `\d`, `\w`, alternation) is shared. `anchor` wraps
 * it the way PEFT calls it: `full` for `re.fullmatch`, `start` for `re.match`.
 *
 * @throws {AdapterFormatError} naming the field when the pattern does not compile.
 */
export function compilePythonRegex(pattern: string, anchor: 'full' | 'start', field: string, file?: string): RegExp {
  const translated = pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  const source = anchor === 'full' ? `^(?:${translated})$` : `^(?:${translated})`;
  try {
    return new RegExp(source, 'u');
  } catch {
    try {
      // Python accepts escapes (`\-`, `\_`) that the `u` flag refuses; without it they mean the character itself, as in Python.
      return new RegExp(source);
    } catch (error) {
      throw new AdapterFormatError(`${file ?? 'adapter_config.json'}: ${field}: the regular expression ${JSON.stringify(pattern)} does not compile (${(error as Error).message})`, { file });
    }
  }
}
