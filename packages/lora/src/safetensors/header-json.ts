/**
 * A strict JSON parser for safetensors headers. `JSON.parse` is not enough to apply the reference reader's rules:
 * it keeps the last of two duplicate keys silently, it turns `2.0` and `1e3` into integers (serde rejects them
 * where a `usize` is expected), and it rounds integers above 2^53. This parser keeps every number's source text,
 * rejects duplicate keys, and reports where a problem is (character offset, line and column in the header).
 */

/** A JSON number, kept as its source text so that the caller decides whether it is an exact integer. */
export class JsonNumber {
  constructor(readonly text: string) {}

  /** The value when the text is a plain non-negative integer that is exactly representable; otherwise undefined. */
  get safeUnsignedInteger(): number | undefined {
    if (!/^(0|[1-9]\d*)$/.test(this.text)) return undefined;
    const value = Number(this.text);
    return Number.isSafeInteger(value) ? value : undefined;
  }
}

/** A parsed JSON value; objects are `Map`s in document order. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

/** Where and why the text is not the JSON the parser accepts. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly position: number,
    /** `duplicate-key` for a key repeated in one object (valid JSON, refused here); `syntax` otherwise. */
    readonly kind: 'syntax' | 'duplicate-key',
  ) {
    super(message);
  }
}

/**
 * Parses `text` as one JSON value with optional surrounding whitespace (space, tab, line feed, carriage return).
 *
 * @throws {JsonSyntaxError} on invalid JSON, a duplicate key in an object, a raw control character or an unpaired
 *   surrogate escape in a string (both refused by serde_json too).
 */
export function parseStrictJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.parseValue(0);
  parser.skipWhitespace();
  if (parser.position !== text.length) parser.fail('unexpected text after the JSON value');
  return value;
}

/** Deeper nesting is refused, as serde_json does past 128 levels, so a hostile header cannot exhaust the stack. */
const maximumDepth = 128;

class Parser {
  position = 0;
  constructor(private readonly text: string) {}

  fail(message: string, at: number = this.position, kind: 'syntax' | 'duplicate-key' = 'syntax'): never {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < at; index++) {
      if (this.text.charCodeAt(index) === 10) {
        line++;
        lineStart = index + 1;
      }
    }
    const found = at < this.text.length ? JSON.stringify(this.text.slice(at, at + 12)) : 'the end of the header';
    const where = `at character ${String(at)} (line ${String(line)}, column ${String(at - lineStart + 1)})`;
    throw new JsonSyntaxError(kind === 'syntax' ? `${message} ${where}, found ${found}` : `${message} ${where}`, at, kind);
  }

  skipWhitespace(): void {
    const text = this.text;
    let position = this.position;
    for (;;) {
      const code = text.charCodeAt(position);
      if (code === 32 || code === 10 || code === 13 || code === 9) position++;
      else break;
    }
    this.position = position;
  }

  parseValue(depth: number): JsonValue {
    const code = this.text.charCodeAt(this.position);
    switch (code) {
      case 123: // {
        return this.parseObject(depth + 1);
      case 91: // [
        return this.parseArray(depth + 1);
      case 34: // "
        return this.parseString();
      case 116: // t
        return this.parseLiteral('true', true);
      case 102: // f
        return this.parseLiteral('false', false);
      case 110: // n
        return this.parseLiteral('null', null);
      default:
        if (code === 45 || (code >= 48 && code <= 57)) return this.parseNumber();
        return this.fail('expected a JSON value');
    }
  }

  private parseLiteral<T extends JsonValue>(word: string, value: T): T {
    if (this.text.startsWith(word, this.position)) {
      this.position += word.length;
      return value;
    }
    return this.fail(`expected ${word}`);
  }

  private parseNumber(): JsonNumber {
    const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    match.lastIndex = this.position;
    const found = match.exec(this.text);
    if (found === null) return this.fail('expected a number');
    this.position += found[0].length;
    return new JsonNumber(found[0]);
  }

  parseString(): string {
    const text = this.text;
    const start = this.position + 1;
    let position = start;
    let result = '';
    let chunkStart = start;
    for (;;) {
      if (position >= text.length) return this.fail('unterminated string', this.position);
      const code = text.charCodeAt(position);
      if (code === 34) {
        result += text.slice(chunkStart, position);
        this.position = position + 1;
        return result;
      }
      if (code < 0x20) return this.fail('a raw control character is not allowed in a JSON string (escape it)', position);
      if (code !== 92) {
        position++;
        continue;
      }
      result += text.slice(chunkStart, position);
      const escape = text.charCodeAt(position + 1);
      switch (escape) {
        case 34:
          result += '"';
          break;
        case 92:
          result += '\\';
          break;
        case 47:
          result += '/';
          break;
        case 98:
          result += '\b';
          break;
        case 102:
          result += '\f';
          break;
        case 110:
          result += '\n';
          break;
        case 114:
          result += '\r';
          break;
        case 116:
          result += '\t';
          break;
        case 117: {
          const unit = this.hexUnit(position + 2);
          if (unit >= 0xd800 && unit <= 0xdbff) {
            // A leading surrogate must be followed by an escaped trailing one (serde_json refuses lone surrogates).
            const low = text.startsWith('\\u', position + 6) ? this.hexUnit(position + 8) : -1;
            if (low < 0xdc00 || low > 0xdfff) return this.fail('an unpaired surrogate escape is not allowed', position);
            result += String.fromCharCode(unit, low);
            position += 12;
            chunkStart = position;
            continue;
          }
          if (unit >= 0xdc00 && unit <= 0xdfff) return this.fail('an unpaired surrogate escape is not allowed', position);
          result += String.fromCharCode(unit);
          position += 6;
          chunkStart = position;
          continue;
        }
        default:
          return this.fail('invalid escape in a JSON string', position);
      }
      position += 2;
      chunkStart = position;
    }
  }

  private hexUnit(at: number): number {
    const digits = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) return this.fail('expected four hex digits after \\u', at);
    return Number.parseInt(digits, 16);
  }

  private parseArray(depth: number): JsonValue[] {
    if (depth > maximumDepth) this.fail(`nesting deeper than ${String(maximumDepth)} levels`);
    this.position++;
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.position) === 93) {
      this.position++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue(depth));
      this.skipWhitespace();
      const code = this.text.charCodeAt(this.position);
      if (code === 44) {
        this.position++;
        continue;
      }
      if (code === 93) {
        this.position++;
        return items;
      }
      return this.fail("expected ',' or ']' in an array");
    }
  }

  private parseObject(depth: number): JsonObject {
    if (depth > maximumDepth) this.fail(`nesting deeper than ${String(maximumDepth)} levels`);
    this.position++;
    const object: JsonObject = new Map();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.position) === 125) {
      this.position++;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.position) !== 34) return this.fail('expected a string key in an object');
      const keyPosition = this.position;
      const key = this.parseString();
      if (object.has(key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyPosition, 'duplicate-key');
      this.skipWhitespace();
      if (this.text.charCodeAt(this.position) !== 58) return this.fail("expected ':' after an object key");
      this.position++;
      this.skipWhitespace();
      object.set(key, this.parseValue(depth));
      this.skipWhitespace();
      const code = this.text.charCodeAt(this.position);
      if (code === 44) {
        this.position++;
        continue;
      }
      if (code === 125) {
        this.position++;
        return object;
      }
      return this.fail("expected ',' or '}' in an object");
    }
  }
}
