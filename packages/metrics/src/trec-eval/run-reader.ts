import { ParseError, TrecEvalError, quoteFound } from '../errors.js';
import { bytesToBinaryString, decodeUtf8, parseCDouble } from './c-parse.js';
import { WasmRunParser, parseStatus } from './run-parser-wasm.js';

const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** The documents of one topic that appeared on consecutive lines of a run file, in file order, columnar. */
export interface RunBlock {
  /** Query id as a binary string (one character per byte). */
  readonly qid: string;
  readonly count: number;
  /** Document id bytes; document `i` is `docnoBytes[docnoStarts[i], docnoStarts[i + 1])`. */
  readonly docnoBytes: Uint8Array;
  readonly docnoStarts: Int32Array;
  /** FNV-1a hash of each document id. */
  readonly hashes: Int32Array;
  /** `atof` of the score column (rounded to float32 when reading as trec_eval 9.0.8). */
  readonly scores: Float64Array;
  /** Known: no document id repeats in the block (undefined: not checked). */
  readonly uniqueDocnos?: boolean;
  /** Known: no score is NaN or above the one before it (undefined: not checked). */
  readonly scoresDescending?: boolean;
}

export interface RunReaderOptions {
  /** Name of the input in error messages. */
  readonly source: string;
  /** 10.0 skips `#` comment lines; 9.0.8 has no comments. */
  readonly comments: boolean;
  /** 9.0.8 stores scores as C `float`: scores equal after rounding to float32 tie. */
  readonly float32Scores: boolean;
  /**
   * Called for each finished block. A topic whose lines are not consecutive arrives in several blocks. Unless
   * `copyBlocks`, the block's arrays are views of the reader's buffers, valid only during the call.
   */
  readonly onBlock: (block: RunBlock) => void;
  /** Topics whose documents are not needed (absent from the qrels): lines are checked, documents not kept. */
  readonly wanted?: (qid: string) => boolean;
  /** False: blocks come without documents (count 0): no measure needs them. Default true. */
  readonly keepDocuments?: boolean;
  /** Give each block its own arrays (default true); false lends views of the reader's buffers. */
  readonly copyBlocks?: boolean;
  /**
   * `'wasm'` (default): parse in WebAssembly (run-parser.as) where the engine has it, about twice as fast;
   * `'javascript'`: always parse here. Both read every input identically.
   */
  readonly parser?: 'wasm' | 'javascript';
}

/**
 * A push parser for TREC run files (`qid iter docno rank score runid`) with trec_eval's rules
 * (`get_trec_results.c`): at least six whitespace-separated fields, extra fields ignored, blank lines skipped,
 * `iter` and `rank` ignored. Feed it chunks of bytes in order, then call {@link end}; it never holds more than
 * the current topic's documents and the unfinished last line. Throws {@link TrecEvalError} (exit 2) on a line
 * with fewer than six fields.
 */
export class RunReader {
  /** Run tag of the last content line, as a binary string. */
  runid = '';
  /** Content lines read so far (blank and comment lines excluded). */
  contentLines = 0;
  /** The physical line number the next line will have (1-based). */
  physicalLine = 1;
  private pending: Uint8Array | undefined;
  private readonly options: RunReaderOptions;
  private readonly keepDocuments: boolean;
  private readonly copyBlocks: boolean;
  private currentQid: Uint8Array = new Uint8Array(0);
  private currentQidLength = -1;
  private currentQidText = '';
  private keep = false;
  private store = false;
  private count = 0;
  private docnoBytes = new Uint8Array(16384);
  private docnoLength = 0;
  private docnoStarts = new Int32Array(1025);
  private hashes = new Int32Array(1024);
  private scores = new Float64Array(1024);
  private ended = false;
  private readonly wasm: WasmRunParser | undefined;

  constructor(options: RunReaderOptions) {
    this.options = options;
    this.keepDocuments = options.keepDocuments ?? true;
    this.copyBlocks = options.copyBlocks ?? true;
    this.wasm = options.parser === 'javascript' ? undefined : WasmRunParser.create(options.comments, options.float32Scores);
  }

  /** Parses every complete line of `chunk` (plus what was left over from the previous chunk). */
  push(chunk: Uint8Array): void {
    const data = chunk;
    let offset = 0;
    if (this.pending !== undefined) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        this.pending = concat(this.pending, chunk);
        return;
      }
      const joined = concat(this.pending, chunk.subarray(0, newline + 1));
      this.pending = undefined;
      this.parse(joined, 0, joined.length);
      offset = newline + 1;
    }
    const lastNewline = data.lastIndexOf(10);
    if (lastNewline < offset) {
      if (offset < data.length) this.pending = data.slice(offset);
      return;
    }
    this.parse(data, offset, lastNewline + 1);
    if (lastNewline + 1 < data.length) this.pending = data.slice(lastNewline + 1);
  }

  /**
   * Where the next `size` bytes of input may be written directly (a file read into it), or undefined when the
   * reader has no such memory (the JavaScript parser): then use {@link push}. Follow with {@link pushWritten}.
   * This saves copying each chunk into the WebAssembly parser's memory.
   */
  inputTarget(size: number): Uint8Array | undefined {
    const wasm = this.wasm;
    if (wasm === undefined) return undefined;
    const pending = this.pending;
    const pendingLength = pending === undefined ? 0 : pending.length;
    const base = wasm.prepareInput(pendingLength + size);
    if (pending !== undefined) wasm.view.set(pending, base);
    return wasm.view.subarray(base + pendingLength, base + pendingLength + size);
  }

  /** Parses the `count` bytes written into the last {@link inputTarget} (after what was left of the previous chunk). */
  pushWritten(count: number): void {
    const wasm = this.wasm as WasmRunParser;
    const pendingLength = this.pending === undefined ? 0 : this.pending.length;
    const base = wasm.inputBase;
    const end = base + pendingLength + count;
    const view = wasm.view;
    const lastNewline = view.lastIndexOf(10, end - 1);
    if (lastNewline < base) {
      this.pending = view.slice(base, end);
      return;
    }
    this.pending = undefined;
    this.parseInPlace(wasm, base, lastNewline + 1);
    // The parser may have grown its memory: the rest is read from the current view.
    if (lastNewline + 1 < end) this.pending = wasm.view.slice(lastNewline + 1, end);
  }

  /** After {@link end}: reads on, as the start of a new range of the file (a new line, a new block). */
  restart(): void {
    this.ended = false;
    this.pending = undefined;
  }

  /** Parses the last line (which may lack a newline) and emits the last block. Calling it again does nothing. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.pending !== undefined && this.pending.length > 0) {
      const last = concat(this.pending, new Uint8Array([10]));
      this.pending = undefined;
      this.parse(last, 0, last.length);
    }
    this.flush();
  }

  private parse(bytes: Uint8Array, start: number, end: number): void {
    if (this.wasm !== undefined) {
      this.parseInWasm(this.wasm, bytes, start, end);
      return;
    }
    // One pass per line. Every line in [start, end) ends with '\n', which stops every field loop. C's isspace
    // bytes are 9-13 and 32; a byte above 32 is the common case of a field byte, tested first.
    const comments = this.options.comments;
    const float32 = this.options.float32Scores;
    let position = start;
    let runidStart = -1;
    let runidEnd = -1;
    while (position < end) {
      let byte = bytes[position] as number;
      while (byte === 32 || (byte >= 9 && byte <= 13 && byte !== 10)) byte = bytes[++position] as number;
      if (byte === 10) {
        position++;
        this.physicalLine++;
        continue;
      }
      if (comments && byte === 35) {
        position = bytes.indexOf(10, position) + 1;
        this.physicalLine++;
        continue;
      }
      const lineStart = position;
      this.contentLines++;
      // Field 1, qid: most lines repeat the current topic's id, compared byte by byte.
      const current = this.currentQid;
      const currentLength = this.currentQidLength;
      let same = currentLength > 0;
      if (same) {
        for (let offset = 0; offset < currentLength; offset++) {
          if (bytes[position + offset] !== current[offset]) {
            same = false;
            break;
          }
        }
      }
      if (same) {
        position += currentLength;
        byte = bytes[position] as number;
        if (byte > 32 || (byte !== 32 && (byte < 9 || byte > 13))) same = false;
      }
      while (byte > 32 || (byte !== 32 && (byte < 9 || byte > 13))) byte = bytes[++position] as number;
      const qidEnd = position;
      // Field 2, iter: skipped.
      while (byte === 32 || (byte >= 9 && byte <= 13 && byte !== 10)) byte = bytes[++position] as number;
      if (byte === 10) this.malformed(bytes, lineStart);
      do byte = bytes[++position] as number;
      while (byte > 32 || (byte !== 32 && (byte < 9 || byte > 13)));
      // Field 3, docno.
      while (byte === 32 || (byte >= 9 && byte <= 13 && byte !== 10)) byte = bytes[++position] as number;
      if (byte === 10) this.malformed(bytes, lineStart);
      const docnoStart = position;
      do byte = bytes[++position] as number;
      while (byte > 32 || (byte !== 32 && (byte < 9 || byte > 13)));
      const docnoEnd = position;
      // Field 4, rank: skipped.
      while (byte === 32 || (byte >= 9 && byte <= 13 && byte !== 10)) byte = bytes[++position] as number;
      if (byte === 10) this.malformed(bytes, lineStart);
      do byte = bytes[++position] as number;
      while (byte > 32 || (byte !== 32 && (byte < 9 || byte > 13)));
      // Field 5, score: digits, a point, digits read directly (exact while they fit 15 digits); else atof.
      while (byte === 32 || (byte >= 9 && byte <= 13 && byte !== 10)) byte = bytes[++position] as number;
      if (byte === 10) this.malformed(bytes, lineStart);
      const scoreStart = position;
      let negative = false;
      if (byte === 45) {
        negative = true;
        byte = bytes[++position] as number;
      }
      let mantissa = 0;
      let digits = 0;
      while (byte >= 48 && byte <= 57) {
        mantissa = mantissa * 10 + (byte - 48);
        digits++;
        byte = bytes[++position] as number;
      }
      let fractionDigits = 0;
      if (byte === 46) {
        byte = bytes[++position] as number;
        while (byte >= 48 && byte <= 57) {
          mantissa = mantissa * 10 + (byte - 48);
          fractionDigits++;
          byte = bytes[++position] as number;
        }
        digits += fractionDigits;
      }
      let score: number;
      if ((byte === 32 || (byte >= 9 && byte <= 13)) && digits > 0 && digits <= 15) {
        score = fractionDigits === 0 ? mantissa : mantissa / (powersOfTen[fractionDigits] as number);
        if (negative) score = -score;
      } else {
        while (byte > 32 || (byte !== 32 && (byte < 9 || byte > 13))) byte = bytes[++position] as number;
        score = parseCDouble(bytes, scoreStart, position);
      }
      if (float32) score = Math.fround(score);
      // Field 6, runid; anything after it is ignored.
      while (byte === 32 || (byte >= 9 && byte <= 13 && byte !== 10)) byte = bytes[++position] as number;
      if (byte === 10) this.malformed(bytes, lineStart);
      runidStart = position;
      do byte = bytes[++position] as number;
      while (byte > 32 || (byte !== 32 && (byte < 9 || byte > 13)));
      runidEnd = position;
      if (byte !== 10) position = bytes.indexOf(10, position);
      position++;
      this.physicalLine++;
      if (!same) this.startBlock(bytes, lineStart, qidEnd);
      if (this.store) this.addDocument(bytes, docnoStart, docnoEnd, score);
    }
    if (runidStart >= 0) this.runid = bytesToBinaryString(bytes, runidStart, runidEnd);
  }

  /** {@link parse} by the WebAssembly parser: it stops at each event (new topic, odd score...) handled here. */
  private parseInWasm(wasm: WasmRunParser, bytes: Uint8Array, start: number, end: number): void {
    const position = wasm.load(bytes, start, end);
    this.parseInPlace(wasm, position, position + (end - start));
  }

  /** Parses the complete lines at [position, limit) of the WebAssembly parser's input region. */
  private parseInPlace(wasm: WasmRunParser, start: number, limit: number): void {
    const exports = wasm.exports;
    let position = start;
    let runidStart = -1;
    let runidEnd = -1;
    exports.setLineCounts(this.contentLines, this.physicalLine - 1);
    for (;;) {
      const status = exports.parse(position, limit);
      if (exports.lastRunidStart() >= 0) {
        runidStart = exports.lastRunidStart();
        runidEnd = exports.lastRunidEnd();
      }
      if (status === parseStatus.done) break;
      position = exports.event();
      if (status === parseStatus.newTopic) {
        this.flush();
        const qidStart = exports.eventFieldStart();
        const qidLength = exports.eventFieldEnd() - qidStart;
        wasm.fitQid(qidLength);
        this.currentQidText = bytesToBinaryString(wasm.view, qidStart, qidStart + qidLength);
        this.currentQidLength = qidLength;
        this.keep = this.options.wanted === undefined || this.options.wanted(this.currentQidText);
        this.store = this.keep && this.keepDocuments;
        exports.beginTopic(qidStart, qidLength, this.store ? 1 : 0);
      } else if (status === parseStatus.slowScore) {
        exports.setPendingScore(parseCDouble(wasm.view, exports.eventFieldStart(), exports.eventFieldEnd()));
      } else if (status === parseStatus.full) {
        wasm.growColumns();
      } else {
        // The line's number counts the line itself, as the JavaScript parser's counters do when it stops there.
        this.contentLines = exports.contentLineCount() + 1;
        this.physicalLine = exports.physicalLineCount() + 1;
        this.malformed(wasm.view, position);
      }
    }
    this.contentLines = exports.contentLineCount();
    this.physicalLine = exports.physicalLineCount() + 1;
    if (runidStart >= 0) this.runid = bytesToBinaryString(wasm.view, runidStart, runidEnd);
  }

  /** Throws trec_eval's "Malformed line" error for the line starting at `lineStart` (fewer than 6 fields). */
  private malformed(bytes: Uint8Array, lineStart: number): never {
    const lineEnd = bytes.indexOf(10, lineStart);
    const text = decodeUtf8(bytes, lineStart, lineEnd);
    const fieldCount = text.trim() === '' ? 0 : text.trim().split(/[ \t\v\f\r]+/).length;
    const error = new ParseError({
      source: this.options.source,
      line: this.physicalLine,
      expected: '6 whitespace-separated fields (qid iter docno rank score runid)',
      found: `${String(fieldCount)} field${fieldCount === 1 ? '' : 's'}: ${quoteFound(text)}`,
    });
    throw new TrecEvalError({
      message: error.message,
      exitCode: 2,
      trecEvalMessage: `trec_eval.get_results: Malformed line ${String(this.contentLines)}\ntrec_eval: Quit in file '${this.options.source}'\n`,
      cause: error,
    });
  }

  /** Appends one document of the current topic, hashing its id as it is copied. */
  private addDocument(bytes: Uint8Array, docnoStart: number, docnoEnd: number, score: number): void {
    const index = this.count;
    if (index === this.scores.length) this.growRecords();
    const length = docnoEnd - docnoStart;
    if (this.docnoLength + length > this.docnoBytes.length) this.growDocnos(length);
    const target = this.docnoBytes;
    let write = this.docnoLength;
    let hash = 0x811c9dc5;
    for (let position = docnoStart; position < docnoEnd; position++) {
      const byte = bytes[position] as number;
      target[write++] = byte;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    this.docnoLength = write;
    this.docnoStarts[index + 1] = write;
    this.hashes[index] = hash;
    this.scores[index] = score;
    this.count = index + 1;
  }

  private startBlock(bytes: Uint8Array, start: number, end: number): void {
    this.flush();
    const length = end - start;
    if (this.currentQid.length < length) this.currentQid = new Uint8Array(Math.max(length, 64));
    this.currentQid.set(bytes.subarray(start, end));
    this.currentQidLength = length;
    this.currentQidText = bytesToBinaryString(bytes, start, end);
    this.keep = this.options.wanted === undefined || this.options.wanted(this.currentQidText);
    this.store = this.keep && this.keepDocuments;
    this.count = 0;
    this.docnoLength = 0;
    this.docnoStarts[0] = 0;
  }

  private flush(): void {
    if (this.currentQidLength < 0) return;
    const wasm = this.wasm;
    if (wasm !== undefined) {
      // The block's columns live in the WebAssembly memory: views of it, or copies.
      if (this.keep) {
        const count = wasm.exports.documentCount();
        const buffer = wasm.view.buffer;
        const docnoBytes = new Uint8Array(buffer, wasm.bytesBase, wasm.exports.documentBytes());
        const docnoStarts = new Int32Array(buffer, wasm.startsBase, count + 1);
        const hashes = new Int32Array(buffer, wasm.hashesBase, count);
        const scores = new Float64Array(buffer, wasm.scoresBase, count);
        const copy = this.copyBlocks;
        this.options.onBlock({
          qid: this.currentQidText,
          count,
          docnoBytes: copy ? docnoBytes.slice() : docnoBytes,
          docnoStarts: copy ? docnoStarts.slice() : docnoStarts,
          hashes: copy ? hashes.slice() : hashes,
          scores: copy ? scores.slice() : scores,
          uniqueDocnos: wasm.exports.topicHasDuplicate() === 0,
          scoresDescending: wasm.exports.topicScoresDescending() !== 0,
        });
      }
      wasm.exports.endTopic();
      this.currentQidLength = -1;
      return;
    }
    const count = this.count;
    if (this.keep) {
      const copy = this.copyBlocks;
      this.options.onBlock({
        qid: this.currentQidText,
        count,
        docnoBytes: copy ? this.docnoBytes.slice(0, this.docnoLength) : this.docnoBytes.subarray(0, this.docnoLength),
        docnoStarts: copy ? this.docnoStarts.slice(0, count + 1) : this.docnoStarts.subarray(0, count + 1),
        hashes: copy ? this.hashes.slice(0, count) : this.hashes.subarray(0, count),
        scores: copy ? this.scores.slice(0, count) : this.scores.subarray(0, count),
      });
    }
    this.currentQidLength = -1;
    this.count = 0;
  }

  private growRecords(): void {
    const size = this.scores.length * 2;
    const starts = new Int32Array(size + 1);
    starts.set(this.docnoStarts);
    this.docnoStarts = starts;
    const hashes = new Int32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const scores = new Float64Array(size);
    scores.set(this.scores);
    this.scores = scores;
  }

  private growDocnos(extra: number): void {
    let size = this.docnoBytes.length * 2;
    while (size < this.docnoLength + extra) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.docnoBytes.subarray(0, this.docnoLength));
    this.docnoBytes = bytes;
  }
}

function concat(left: Uint8Array, right: Uint8Array): Uint8Array {
  const joined = new Uint8Array(left.length + right.length);
  joined.set(left, 0);
  joined.set(right, left.length);
  return joined;
}
