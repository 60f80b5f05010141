// The TREC run line parser of @benchline/metrics in AssemblyScript (https://www.assemblyscript.org), compiled by
// `scripts/build-wasm.mjs` into `run-parser-wasm.generated.ts`. This file is not TypeScript: it has its own
// extension so that tsc and ESLint leave it alone.
//
// It does in WebAssembly what `RunReader` does in JavaScript (run-reader.ts, the reference): trec_eval's rules for
// `qid iter docno rank score runid` lines, C's isspace separators, the topic's documents kept columnar (FNV-1a hash
// of the id, score, id bytes). Every pointer is a byte offset into the memory the module imports; the caller lays
// out the regions (`setColumns`, `setQidArea`). `parse` stops at each event the caller must handle — a malformed
// line, a score that needs C's atof, a line of a new topic, full columns — before counting the line concerned, and
// is called again from that line afterwards, so a line is never half-counted.

/** The whole range was read. */
const done: i32 = 0;
/** A complete line of another topic starts at `eventPosition`; its query id is [eventStart, eventEnd). */
const newTopic: i32 = 1;
/** The line at `eventPosition` has fewer than six fields. */
const malformed: i32 = 2;
/** The score of the line at `eventPosition`, [eventStart, eventEnd), is not a plain decimal: the caller reads it. */
const slowScore: i32 = 3;
/** The columns cannot take the document of the line at `eventPosition`. */
const full: i32 = 4;

// Regions.
let powersBase: usize = 0;
let qidBase: usize = 0;
let qidLength: i32 = -1;
let hashesBase: usize = 0;
let scoresBase: usize = 0;
let startsBase: usize = 0;
let bytesBase: usize = 0;
let recordCapacity: i32 = 0;
let bytesCapacity: i32 = 0;
// An open-addressing table of the current topic's documents (index per slot, stamped with the topic), to know at
// once whether an id repeats; and whether the scores never rise (no sort needed then).
let tableBase: usize = 0;
let tableMask: i32 = 0;
let topicStamp: i32 = 0;
let duplicate: bool = false;
let descending: bool = true;
// The current topic's documents.
let count: i32 = 0;
let docnoLength: i32 = 0;
let keep: bool = false;
// Settings.
let comments: bool = false;
let float32: bool = false;
// Counters and results of the last call.
let contentLines: f64 = 0;
let physicalLines: f64 = 0;
let runidStart: i32 = -1;
let runidEnd: i32 = -1;
let eventPosition: i32 = 0;
let eventStart: i32 = 0;
let eventEnd: i32 = 0;
let pendingScore: f64 = 0;
let hasPendingScore: bool = false;

// @ts-ignore: decorator
@inline function isSpace(byte: u32): bool {
  return byte == 32 || byte - 9 <= 4;
}

// @ts-ignore: decorator
@inline function isBlank(byte: u32): bool {
  // Space, tab, vertical tab, form feed, carriage return: C's isspace without the newline.
  return byte == 32 || (byte - 9 <= 4 && byte != 10);
}

export function setup(powers: usize, commentLines: bool, roundToFloat32: bool): void {
  powersBase = powers;
  comments = commentLines;
  float32 = roundToFloat32;
}

export function setColumns(hashes: usize, scores: usize, starts: usize, bytes: usize, records: i32, byteRoom: i32): void {
  hashesBase = hashes;
  scoresBase = scores;
  startsBase = starts;
  bytesBase = bytes;
  recordCapacity = records;
  bytesCapacity = byteRoom;
}

/**
 * The document table: `slots` (a power of two, at least twice the records) pairs of i32 (stamp, index) at `base`,
 * zeroed by the caller. The current topic's documents are entered again (after the columns moved).
 */
export function setTable(base: usize, slots: i32): void {
  tableBase = base;
  tableMask = slots - 1;
  topicStamp++;
  for (let index: i32 = 0; index < count; index++) enter(index);
}

/** Enters document `index` of the columns in the table; notes a repeated id. */
// @ts-ignore: decorator
@inline function enter(index: i32): void {
  const hash = load<i32>(hashesBase + (<usize>index << 2));
  const start = load<i32>(startsBase + (<usize>index << 2));
  const length = load<i32>(startsBase + ((<usize>index + 1) << 2)) - start;
  let slot = hash & tableMask;
  for (;;) {
    const entry = tableBase + (<usize>slot << 3);
    if (load<i32>(entry) != topicStamp) {
      store<i32>(entry, topicStamp);
      store<i32>(entry + 4, index);
      return;
    }
    const other = load<i32>(entry + 4);
    if (load<i32>(hashesBase + (<usize>other << 2)) == hash) {
      const otherStart = load<i32>(startsBase + (<usize>other << 2));
      if (load<i32>(startsBase + ((<usize>other + 1) << 2)) - otherStart == length && memory.compare(bytesBase + <usize>otherStart, bytesBase + <usize>start, <usize>length) == 0) {
        duplicate = true;
        return;
      }
    }
    slot = (slot + 1) & tableMask;
  }
}

export function topicHasDuplicate(): bool {
  return duplicate;
}
export function topicScoresDescending(): bool {
  return descending;
}

export function setQidArea(base: usize): void {
  qidBase = base;
}

/** Starts a topic whose id is [start, start + length) of the input; `keepDocuments` keeps its documents. */
export function beginTopic(start: usize, length: i32, keepDocuments: bool): void {
  memory.copy(qidBase, start, <usize>length);
  qidLength = length;
  keep = keepDocuments;
  count = 0;
  docnoLength = 0;
  store<i32>(startsBase, 0);
  duplicate = false;
  descending = true;
  if (topicStamp == 0x7fffffff) {
    memory.fill(tableBase, 0, (<usize>tableMask + 1) << 3);
    topicStamp = 0;
  }
  topicStamp++;
}

/** Ends the current topic (its documents were handed on): the next line starts a new one. */
export function endTopic(): void {
  qidLength = -1;
  count = 0;
  docnoLength = 0;
}

export function setPendingScore(value: f64): void {
  pendingScore = value;
  hasPendingScore = true;
}

export function documentCount(): i32 {
  return count;
}
export function documentBytes(): i32 {
  return docnoLength;
}
export function contentLineCount(): f64 {
  return contentLines;
}
export function physicalLineCount(): f64 {
  return physicalLines;
}
export function setLineCounts(content: f64, physical: f64): void {
  contentLines = content;
  physicalLines = physical;
}
export function lastRunidStart(): i32 {
  return runidStart;
}
export function lastRunidEnd(): i32 {
  return runidEnd;
}
export function event(): i32 {
  return eventPosition;
}
export function eventFieldStart(): i32 {
  return eventStart;
}
export function eventFieldEnd(): i32 {
  return eventEnd;
}

/** Whether the `length` bytes at `left` and `right` are equal (eight at a time, then one at a time). */
// @ts-ignore: decorator
@inline function sameBytes(left: usize, right: usize, length: i32): bool {
  // Up to 8 bytes: one masked comparison (both sides have 8 readable bytes: the line's window, the id's room).
  if (length <= 8) return ((load<u64>(left) ^ load<u64>(right)) & (<u64>-1 >> (<u64>(64 - (length << 3))))) == 0;
  let offset: usize = 0;
  const words = <usize>(length & ~7);
  for (; offset < words; offset += 8) if (load<u64>(left + offset) != load<u64>(right + offset)) return false;
  for (; offset < <usize>length; offset++) if (load<u8>(left + offset) != load<u8>(right + offset)) return false;
  return true;
}

/** The `count` lowest bits set (count below 64). */
// @ts-ignore: decorator
@inline function lowBits(count: u64): u64 {
  return (<u64>1 << count) - 1;
}

/**
 * Reads the complete lines of [start, end) (the byte before `end` is a newline); returns an event or `done`.
 * The 64 bytes after `end` must be readable memory (the caller leaves that much room after the input).
 */
export function parse(start: usize, end: usize): i32 {
  runidStart = -1;
  let position = start;
  const spaceByte = i8x16.splat(32);
  const newlineByte = i8x16.splat(10);
  const tabByte = i8x16.splat(9);
  const four = i8x16.splat(4);
  while (position < end) {
    // Fast path: a line of at most 63 bytes with six fields or more (nearly every line of a run). The separators
    // of 64 bytes are found at once (C's isspace bytes: 32 and 9-13, the newline included), the fields taken from
    // the bit masks. Anything else (blank and comment lines, too few fields, longer lines) is read byte by byte
    // below, which is the reference.
    const chunk0 = v128.load(position);
    const chunk1 = v128.load(position, 16);
    const chunk2 = v128.load(position, 32);
    const chunk3 = v128.load(position, 48);
    const newlines =
      <u64>(<u32>i8x16.bitmask(i8x16.eq(chunk0, newlineByte))) |
      (<u64>(<u32>i8x16.bitmask(i8x16.eq(chunk1, newlineByte))) << 16) |
      (<u64>(<u32>i8x16.bitmask(i8x16.eq(chunk2, newlineByte))) << 32) |
      (<u64>(<u32>i8x16.bitmask(i8x16.eq(chunk3, newlineByte))) << 48);
    if (newlines != 0) {
      const newlineAt = ctz(newlines);
      const spaces =
        <u64>(<u32>i8x16.bitmask(v128.or(i8x16.eq(chunk0, spaceByte), i8x16.le_u(i8x16.sub(chunk0, tabByte), four)))) |
        (<u64>(<u32>i8x16.bitmask(v128.or(i8x16.eq(chunk1, spaceByte), i8x16.le_u(i8x16.sub(chunk1, tabByte), four)))) << 16) |
        (<u64>(<u32>i8x16.bitmask(v128.or(i8x16.eq(chunk2, spaceByte), i8x16.le_u(i8x16.sub(chunk2, tabByte), four)))) << 32) |
        (<u64>(<u32>i8x16.bitmask(v128.or(i8x16.eq(chunk3, spaceByte), i8x16.le_u(i8x16.sub(chunk3, tabByte), four)))) << 48);
      const fieldBytes = ~spaces & lowBits(newlineAt);
      let starts = fieldBytes & ~(fieldBytes << 1);
      let ends = fieldBytes & ~(fieldBytes >> 1);
      if (popcnt(starts) >= 6 && !(comments && load<u8>(position + <usize>ctz(starts)) == 35)) {
        const lineStart = position + <usize>ctz(starts);
        starts &= starts - 1;
        const qidEnd = position + <usize>ctz(ends) + 1;
        ends &= ends - 1;
        starts &= starts - 1;
        ends &= ends - 1;
        const docnoStart = position + <usize>ctz(starts);
        starts &= starts - 1;
        const docnoEnd = position + <usize>ctz(ends) + 1;
        ends &= ends - 1;
        starts &= starts - 1;
        ends &= ends - 1;
        const scoreStart = position + <usize>ctz(starts);
        starts &= starts - 1;
        const scoreEnd = position + <usize>ctz(ends) + 1;
        ends &= ends - 1;
        const tagStart = position + <usize>ctz(starts);
        const tagEnd = position + <usize>ctz(ends) + 1;
        const qidFieldLength = <i32>(qidEnd - lineStart);
        const same = qidLength > 0 && qidFieldLength == qidLength && sameBytes(lineStart, qidBase, qidLength);
        let hash: u32 = 0x811c9dc5;
        for (let cursor = docnoStart; cursor < docnoEnd; cursor++) hash = (hash ^ <u32>load<u8>(cursor)) * 0x01000193;
        // Field 5, score, as below; the digits are gathered in an integer (exact, as the double is below while
        // they fit 15 digits: both give the same value, the integer sooner).
        let cursor = scoreStart;
        let byte = <u32>load<u8>(cursor);
        let negative = false;
        if (byte == 45) {
          negative = true;
          byte = <u32>load<u8>(++cursor);
        }
        let mantissa: u64 = 0;
        let digits: i32 = 0;
        while (byte - 48 <= 9) {
          mantissa = mantissa * 10 + <u64>(byte - 48);
          digits++;
          byte = <u32>load<u8>(++cursor);
        }
        let fractionDigits: i32 = 0;
        if (byte == 46) {
          byte = <u32>load<u8>(++cursor);
          while (byte - 48 <= 9) {
            mantissa = mantissa * 10 + <u64>(byte - 48);
            fractionDigits++;
            byte = <u32>load<u8>(++cursor);
          }
          digits += fractionDigits;
        }
        let score: f64;
        if (cursor == scoreEnd && digits > 0 && digits <= 15) {
          score = fractionDigits == 0 ? <f64>mantissa : <f64>mantissa / load<f64>(powersBase + (<usize>fractionDigits << 3));
          if (negative) score = -score;
        } else {
          if (!hasPendingScore) {
            eventPosition = <i32>lineStart;
            eventStart = <i32>scoreStart;
            eventEnd = <i32>scoreEnd;
            return slowScore;
          }
          score = pendingScore;
        }
        if (float32) score = <f64>(<f32>score);
        if (!same) {
          eventPosition = <i32>lineStart;
          eventStart = <i32>lineStart;
          eventEnd = <i32>qidEnd;
          return newTopic;
        }
        if (keep && !keepDocument(docnoStart, docnoEnd, hash, score)) {
          eventPosition = <i32>lineStart;
          return full;
        }
        hasPendingScore = false;
        contentLines += 1;
        physicalLines += 1;
        runidStart = <i32>tagStart;
        runidEnd = <i32>tagEnd;
        position += <usize>newlineAt + 1;
        continue;
      }
    }
    let byte = <u32>load<u8>(position);
    while (isBlank(byte)) byte = <u32>load<u8>(++position);
    if (byte == 10) {
      position++;
      physicalLines += 1;
      continue;
    }
    if (comments && byte == 35) {
      while (load<u8>(position) != 10) position++;
      position++;
      physicalLines += 1;
      continue;
    }
    const lineStart = position;
    // Field 1, qid: compared with the current topic's.
    let same = qidLength > 0;
    if (same) {
      for (let offset: i32 = 0; offset < qidLength; offset++) {
        if (load<u8>(position + <usize>offset) != load<u8>(qidBase + <usize>offset)) {
          same = false;
          break;
        }
      }
      if (same && !isSpace(<u32>load<u8>(position + <usize>qidLength))) same = false;
    }
    if (same) {
      position += <usize>qidLength;
      byte = <u32>load<u8>(position);
    } else {
      while (!isSpace(byte)) byte = <u32>load<u8>(++position);
    }
    const qidEnd = position;
    // Field 2, iter.
    while (isBlank(byte)) byte = <u32>load<u8>(++position);
    if (byte == 10) return malformedAt(lineStart);
    do byte = <u32>load<u8>(++position);
    while (!isSpace(byte));
    // Field 3, docno, hashed.
    while (isBlank(byte)) byte = <u32>load<u8>(++position);
    if (byte == 10) return malformedAt(lineStart);
    const docnoStart = position;
    let hash: u32 = 0x811c9dc5;
    do {
      hash = (hash ^ byte) * 0x01000193;
      byte = <u32>load<u8>(++position);
    } while (!isSpace(byte));
    const docnoEnd = position;
    // Field 4, rank.
    while (isBlank(byte)) byte = <u32>load<u8>(++position);
    if (byte == 10) return malformedAt(lineStart);
    do byte = <u32>load<u8>(++position);
    while (!isSpace(byte));
    // Field 5, score: digits, a point, digits, read directly while they fit 15 digits; else C's atof (the caller).
    while (isBlank(byte)) byte = <u32>load<u8>(++position);
    if (byte == 10) return malformedAt(lineStart);
    const scoreStart = position;
    let negative = false;
    if (byte == 45) {
      negative = true;
      byte = <u32>load<u8>(++position);
    }
    let mantissa: f64 = 0;
    let digits: i32 = 0;
    while (byte - 48 <= 9) {
      mantissa = mantissa * 10 + <f64>(byte - 48);
      digits++;
      byte = <u32>load<u8>(++position);
    }
    let fractionDigits: i32 = 0;
    if (byte == 46) {
      byte = <u32>load<u8>(++position);
      while (byte - 48 <= 9) {
        mantissa = mantissa * 10 + <f64>(byte - 48);
        fractionDigits++;
        byte = <u32>load<u8>(++position);
      }
      digits += fractionDigits;
    }
    let score: f64;
    if (isSpace(byte) && digits > 0 && digits <= 15) {
      score = fractionDigits == 0 ? mantissa : mantissa / load<f64>(powersBase + (<usize>fractionDigits << 3));
      if (negative) score = -score;
    } else {
      while (!isSpace(byte)) byte = <u32>load<u8>(++position);
      if (!hasPendingScore) {
        eventPosition = <i32>lineStart;
        eventStart = <i32>scoreStart;
        eventEnd = <i32>position;
        return slowScore;
      }
      score = pendingScore;
    }
    if (float32) score = <f64>(<f32>score);
    // Field 6, runid; anything after it is ignored.
    while (isBlank(byte)) byte = <u32>load<u8>(++position);
    if (byte == 10) return malformedAt(lineStart);
    const tagStart = position;
    do byte = <u32>load<u8>(++position);
    while (!isSpace(byte));
    const tagEnd = position;
    while (byte != 10) byte = <u32>load<u8>(++position);
    // The line is complete. Another topic's line is handed to the caller first (as the JavaScript parser, which
    // starts a block only after reading a whole line).
    if (!same) {
      eventPosition = <i32>lineStart;
      eventStart = <i32>lineStart;
      eventEnd = <i32>qidEnd;
      return newTopic;
    }
    // Keep the document, count the line.
    if (keep && !keepDocument(docnoStart, docnoEnd, hash, score)) {
      eventPosition = <i32>lineStart;
      return full;
    }
    hasPendingScore = false;
    contentLines += 1;
    physicalLines += 1;
    runidStart = <i32>tagStart;
    runidEnd = <i32>tagEnd;
    position++;
  }
  return done;
}

/** Adds a document to the current topic's columns; false when they are full (nothing is added then). */
// @ts-ignore: decorator
@inline function keepDocument(docnoStart: usize, docnoEnd: usize, hash: u32, score: f64): bool {
  const length = <i32>(docnoEnd - docnoStart);
  if (count >= recordCapacity || docnoLength + length > bytesCapacity) return false;
  const target = bytesBase + <usize>docnoLength;
  if (length <= 8 && docnoLength + 8 <= bytesCapacity) {
    // An id of up to 8 bytes in one store (the bytes after it are overwritten by the next id or never read).
    store<u64>(target, load<u64>(docnoStart));
  } else {
    // Ids are short: a byte loop beats the bulk-memory call.
    for (let offset: usize = 0; offset < <usize>length; offset++) store<u8>(target + offset, load<u8>(docnoStart + offset));
  }
  docnoLength += length;
  store<i32>(hashesBase + (<usize>count << 2), <i32>hash);
  store<f64>(scoresBase + (<usize>count << 3), score);
  if (count > 0 && !(load<f64>(scoresBase + ((<usize>count - 1) << 3)) >= score)) descending = false;
  count++;
  store<i32>(startsBase + (<usize>count << 2), docnoLength);
  enter(count - 1);
  return true;
}

function malformedAt(lineStart: usize): i32 {
  eventPosition = <i32>lineStart;
  return malformed;
}
