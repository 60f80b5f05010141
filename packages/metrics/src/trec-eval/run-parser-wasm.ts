/**
 * The WebAssembly build of the run line parser (`run-parser.as`), and the memory it works in.
 *
 * The package's TypeScript settings have no DOM library, so the few parts of the `WebAssembly` global used here
 * are described by local types and reached through `globalThis` (which also makes "no WebAssembly" a normal case:
 * the JavaScript parser of `RunReader` then does the work).
 *
 * @module
 */
import { runParserWasmBase64 } from './run-parser-wasm.generated.js';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** The functions `run-parser.as` exports (pointers are byte offsets into the memory). */
export interface RunParserExports {
  readonly setup: (powers: number, comments: number, float32: number) => void;
  readonly setColumns: (...regions: [hashes: number, scores: number, starts: number, bytes: number, records: number, byteRoom: number]) => void;
  readonly setQidArea: (base: number) => void;
  readonly setTable: (base: number, slots: number) => void;
  readonly topicHasDuplicate: () => number;
  readonly topicScoresDescending: () => number;
  readonly beginTopic: (start: number, length: number, keepDocuments: number) => void;
  readonly endTopic: () => void;
  readonly setPendingScore: (value: number) => void;
  readonly documentCount: () => number;
  readonly documentBytes: () => number;
  readonly contentLineCount: () => number;
  readonly physicalLineCount: () => number;
  readonly setLineCounts: (content: number, physical: number) => void;
  readonly lastRunidStart: () => number;
  readonly lastRunidEnd: () => number;
  readonly event: () => number;
  readonly eventFieldStart: () => number;
  readonly eventFieldEnd: () => number;
  readonly parse: (start: number, end: number) => number;
}

/** What `parse` returns (see run-parser.as). */
export const parseStatus = { done: 0, newTopic: 1, malformed: 2, slowScore: 3, full: 4 } as const;

const pageBytes = 65536;
const powersBytes = 256;
/** Bytes after the input that `parse` may read (and ignore). */
const inputOverread = 64;

let compiled: object | null | undefined;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function compiledModule(api: WebAssemblyApi): object | undefined {
  if (compiled === undefined) {
    try {
      compiled = new api.Module(decodeBase64(runParserWasmBase64));
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

function align(value: number): number {
  return Math.ceil(value / 8) * 8;
}

/**
 * One parser instance and its memory: the powers of ten, then the regions for the current query id, the input (the
 * chunk being read) and the current topic's columns. A region that must grow is placed anew at the end of the memory
 * (the input only between chunks, so that positions in a chunk stay valid); the query id and the columns keep their
 * contents when they move.
 */
export class WasmRunParser {
  readonly exports: RunParserExports;
  private readonly memory: WasmMemory;
  view: Uint8Array;
  private top = powersBytes;
  private qidBase = 0;
  private qidRoom = 0;
  inputBase = 0;
  private inputRoom = 0;
  hashesBase = 0;
  scoresBase = 0;
  startsBase = 0;
  bytesBase = 0;
  private records = 0;
  private byteRoom = 0;

  private constructor(api: WebAssemblyApi, module: object, comments: boolean, float32: boolean) {
    this.memory = new api.Memory({ initial: 1 });
    this.exports = new api.Instance(module, { env: { memory: this.memory } }).exports as RunParserExports;
    this.view = new Uint8Array(this.memory.buffer);
    const powers = new Float64Array(this.memory.buffer, 0, 23);
    for (let exponent = 0; exponent < 23; exponent++) powers[exponent] = Number(`1e${String(exponent)}`);
    this.exports.setup(0, comments ? 1 : 0, float32 ? 1 : 0);
    this.placeQid(4096);
    this.placeInput(1 << 16);
    this.placeColumns(16384, 1 << 19);
  }

  /** A parser, or undefined where WebAssembly is missing or refuses the module (the JavaScript parser is used). */
  static create(comments: boolean, float32: boolean): WasmRunParser | undefined {
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (typeof api !== 'object') return undefined;
    const module = compiledModule(api);
    if (module === undefined) return undefined;
    try {
      return new WasmRunParser(api, module, comments, float32);
    } catch {
      return undefined;
    }
  }

  /**
   * Makes the input region hold at least `size` bytes and returns where it starts (the caller then writes the
   * input there itself, e.g. a file read straight into {@link view}).
   */
  prepareInput(size: number): number {
    if (size > this.inputRoom) this.placeInput(Math.max(size, this.inputRoom * 2));
    return this.inputBase;
  }

  /** Copies `bytes[start, end)` into the input region and returns where it starts. */
  load(bytes: Uint8Array, start: number, end: number): number {
    if (end - start > this.inputRoom) this.placeInput(Math.max(end - start, this.inputRoom * 2));
    this.view.set(bytes.subarray(start, end), this.inputBase);
    return this.inputBase;
  }

  /** Makes room for a query id of `length` bytes. */
  fitQid(length: number): void {
    if (length > this.qidRoom) this.placeQid(Math.max(length, this.qidRoom * 2));
  }

  /** Doubles the columns (a topic with more documents, or longer ids, than they hold). */
  growColumns(): void {
    this.placeColumns(this.records * 2, this.byteRoom * 2);
  }

  /** A fresh region of `size` bytes at the end of the memory (grown as needed). */
  private allocate(size: number): number {
    const base = align(this.top);
    this.top = base + size;
    const pages = Math.ceil(this.top / pageBytes) - this.memory.buffer.byteLength / pageBytes;
    if (pages > 0) this.memory.grow(pages);
    this.view = new Uint8Array(this.memory.buffer);
    return base;
  }

  private placeQid(room: number): void {
    const base = this.allocate(room);
    if (this.qidRoom > 0) this.view.copyWithin(base, this.qidBase, this.qidBase + this.qidRoom);
    this.qidBase = base;
    this.qidRoom = room;
    this.exports.setQidArea(base);
  }

  private placeInput(room: number): void {
    // The parser reads up to 64 bytes past the end of its input (whole lines at once): they must be memory.
    this.inputBase = this.allocate(room + inputOverread);
    this.inputRoom = room;
  }

  private placeColumns(records: number, byteRoom: number): void {
    const count = this.records > 0 ? this.exports.documentCount() : 0;
    const documentBytes = this.records > 0 ? this.exports.documentBytes() : 0;
    const hashesBase = this.allocate(records * 4);
    const scoresBase = this.allocate(records * 8);
    const startsBase = this.allocate((records + 1) * 4);
    const bytesBase = this.allocate(byteRoom);
    if (this.records > 0) {
      this.view.copyWithin(hashesBase, this.hashesBase, this.hashesBase + count * 4);
      this.view.copyWithin(scoresBase, this.scoresBase, this.scoresBase + count * 8);
      this.view.copyWithin(startsBase, this.startsBase, this.startsBase + (count + 1) * 4);
      this.view.copyWithin(bytesBase, this.bytesBase, this.bytesBase + documentBytes);
    }
    Object.assign(this, { hashesBase, scoresBase, startsBase, bytesBase, records, byteRoom });
    this.exports.setColumns(hashesBase, scoresBase, startsBase, bytesBase, records, byteRoom);
    // The document table: twice as many slots as records (a power of two), fresh (zeroed) memory.
    let slots = 1;
    while (slots < records * 2) slots *= 2;
    this.exports.setTable(this.allocate(slots * 8), slots);
  }
}
