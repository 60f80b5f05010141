/**
 * Porter's suffix-stripping algorithm (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980),
 * in the form of Martin Porter's own reference implementation (ANSI C / Java "Release 3"), which is also what
 * Lucene's `PorterStemFilter` (and so Anserini's and Pyserini's English analyzer) runs. It differs from the 1980
 * paper at the two points the reference implementation marks as departures: `-bli` → `-ble` (the paper has
 * `-abli` → `-able`) and the extra rule `-logi` → `-log`.
 *
 * The input is expected in lower case. Characters other than `a`–`z` count as consonants, as in the reference.
 */

const letterA = 0x61;
const letterE = 0x65;
const letterI = 0x69;
const letterL = 0x6c;
const letterO = 0x6f;
const letterS = 0x73;
const letterT = 0x74;
const letterU = 0x75;
const letterW = 0x77;
const letterX = 0x78;
const letterY = 0x79;
const letterZ = 0x7a;

/**
 * The word being stemmed: `chars[0..end]` is the current word (the reference implementation's `k`), `stemEnd` the
 * last index before the suffix most recently matched by {@link PorterWord.endsWith} (the reference's `j`).
 */
class PorterWord {
  readonly chars: number[];
  end: number;
  stemEnd = 0;

  constructor(word: string) {
    this.chars = new Array<number>(word.length);
    for (let index = 0; index < word.length; index++) this.chars[index] = word.charCodeAt(index);
    this.end = word.length - 1;
  }

  isConsonant(index: number): boolean {
    const code = this.chars[index]!;
    if (code === letterA || code === letterE || code === letterI || code === letterO || code === letterU) return false;
    if (code !== letterY) return true;
    // A y is a consonant at the start of the word or after a vowel, a vowel after a consonant. The reference
    // recurses; a run of y's alternates, so walk back to the start of the run instead (no deep recursion).
    let runStart = index;
    while (runStart > 0 && this.chars[runStart - 1] === letterY) runStart--;
    const firstIsConsonant = runStart === 0 ? true : !this.isConsonant(runStart - 1);
    return (index - runStart) % 2 === 0 ? firstIsConsonant : !firstIsConsonant;
  }

  /** The number of vowel-consonant sequences in `chars[0..stemEnd]` (the paper's m). */
  measure(): number {
    let count = 0;
    let index = 0;
    const last = this.stemEnd;
    while (true) {
      if (index > last) return count;
      if (!this.isConsonant(index)) break;
      index++;
    }
    index++;
    while (true) {
      while (true) {
        if (index > last) return count;
        if (this.isConsonant(index)) break;
        index++;
      }
      index++;
      count++;
      while (true) {
        if (index > last) return count;
        if (!this.isConsonant(index)) break;
        index++;
      }
      index++;
    }
  }

  /** Whether `chars[0..stemEnd]` contains a vowel. */
  hasVowelInStem(): boolean {
    for (let index = 0; index <= this.stemEnd; index++) if (!this.isConsonant(index)) return true;
    return false;
  }

  /** Whether `chars[index - 1]` and `chars[index]` are the same consonant. */
  endsWithDoubleConsonant(index: number): boolean {
    if (index < 1) return false;
    if (this.chars[index] !== this.chars[index - 1]) return false;
    return this.isConsonant(index);
  }

  /**
   * Whether `chars[index - 2..index]` is consonant-vowel-consonant with the last consonant not `w`, `x` or `y`
   * (restores the `e` of short words: cav(e), lov(e), hop(e), but not snow, box, tray).
   */
  isConsonantVowelConsonant(index: number): boolean {
    if (index < 2 || !this.isConsonant(index) || this.isConsonant(index - 1) || !this.isConsonant(index - 2)) {
      return false;
    }
    const code = this.chars[index];
    return code !== letterW && code !== letterX && code !== letterY;
  }

  /** Whether the word ends with `suffix`; on success `stemEnd` is set to the index before the suffix. */
  endsWith(suffix: string): boolean {
    const length = suffix.length;
    const offset = this.end - length + 1;
    if (offset < 0) return false;
    for (let index = 0; index < length; index++) {
      if (this.chars[offset + index] !== suffix.charCodeAt(index)) return false;
    }
    this.stemEnd = this.end - length;
    return true;
  }

  /** Replaces everything after `stemEnd` with `replacement`. */
  replaceSuffix(replacement: string): void {
    const offset = this.stemEnd + 1;
    for (let index = 0; index < replacement.length; index++) {
      this.chars[offset + index] = replacement.charCodeAt(index);
    }
    this.end = this.stemEnd + replacement.length;
  }

  /** Replaces the suffix only when the stem before it has m > 0. */
  replaceSuffixIfMeasured(replacement: string): void {
    if (this.measure() > 0) this.replaceSuffix(replacement);
  }

  toString(): string {
    let text = '';
    for (let index = 0; index <= this.end; index++) text += String.fromCharCode(this.chars[index]!);
    return text;
  }
}

/** Step 1ab: plurals, `-ed` and `-ing` (caresses → caress, ponies → poni, agreed → agree, hopping → hop). */
function removePluralsAndParticiples(word: PorterWord): void {
  if (word.chars[word.end] === letterS) {
    if (word.endsWith('sses')) word.end -= 2;
    else if (word.endsWith('ies')) word.replaceSuffix('i');
    else if (word.chars[word.end - 1] !== letterS) word.end--;
  }
  if (word.endsWith('eed')) {
    if (word.measure() > 0) word.end--;
  } else if ((word.endsWith('ed') || word.endsWith('ing')) && word.hasVowelInStem()) {
    word.end = word.stemEnd;
    if (word.endsWith('at')) word.replaceSuffix('ate');
    else if (word.endsWith('bl')) word.replaceSuffix('ble');
    else if (word.endsWith('iz')) word.replaceSuffix('ize');
    else if (word.endsWithDoubleConsonant(word.end)) {
      const last = word.chars[word.end];
      word.end--;
      if (last === letterL || last === letterS || last === letterZ) word.end++;
    } else if (word.measure() === 1 && word.isConsonantVowelConsonant(word.end)) word.replaceSuffix('e');
  }
}

/** Step 1c: a final `y` becomes `i` when the stem has another vowel (happy → happi, sky → sky). */
function replaceFinalY(word: PorterWord): void {
  if (word.endsWith('y') && word.hasVowelInStem()) word.chars[word.end] = letterI;
}

/** Suffix → replacement rules of step 2, grouped by the penultimate letter as the reference implementation tests them. */
const doubleSuffixRules: ReadonlyMap<string, readonly (readonly [string, string])[]> = new Map([
  ['a', [['ational', 'ate'], ['tional', 'tion']]],
  ['c', [['enci', 'ence'], ['anci', 'ance']]],
  ['e', [['izer', 'ize']]],
  ['l', [['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous']]],
  ['o', [['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate']]],
  ['s', [['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous']]],
  ['t', [['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble']]],
  ['g', [['logi', 'log']]],
]);

/** Suffix → replacement rules of step 3, grouped by the last letter. */
const singleSuffixRules: ReadonlyMap<string, readonly (readonly [string, string])[]> = new Map([
  ['e', [['icate', 'ic'], ['ative', ''], ['alize', 'al']]],
  ['i', [['iciti', 'ic']]],
  ['l', [['ical', 'ic'], ['ful', '']]],
  ['s', [['ness', '']]],
]);

/** Suffixes step 4 removes when m > 1, grouped by the penultimate letter (`-ion` is handled apart). */
const removableSuffixes: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['al']],
  ['c', ['ance', 'ence']],
  ['e', ['er']],
  ['i', ['ic']],
  ['l', ['able', 'ible']],
  ['n', ['ant', 'ement', 'ment', 'ent']],
  ['s', ['ism']],
  ['t', ['ate', 'iti']],
  ['u', ['ous']],
  ['v', ['ive']],
  ['z', ['ize']],
]);

/** Applies the first rule whose suffix matches; the replacement happens only when the remaining stem has m > 0. */
function applyFirstMatchingRule(word: PorterWord, rules: readonly (readonly [string, string])[] | undefined): void {
  if (rules === undefined) return;
  for (const [suffix, replacement] of rules) {
    if (word.endsWith(suffix)) {
      word.replaceSuffixIfMeasured(replacement);
      return;
    }
  }
}

/** Step 2: double suffixes to single ones (-ization → -ize, -ational → -ate...). */
function reduceDoubleSuffixes(word: PorterWord): void {
  if (word.end === 0) return;
  applyFirstMatchingRule(word, doubleSuffixRules.get(String.fromCharCode(word.chars[word.end - 1]!)));
}

/** Step 3: -ic-, -full, -ness and the like. */
function reduceSingleSuffixes(word: PorterWord): void {
  applyFirstMatchingRule(word, singleSuffixRules.get(String.fromCharCode(word.chars[word.end]!)));
}

/** Step 4: removes -ant, -ence, -ion (after s or t)... when the stem has m > 1. */
function removeSuffixes(word: PorterWord): void {
  if (word.end === 0) return;
  const penultimate = word.chars[word.end - 1]!;
  let matched = false;
  if (penultimate === letterO) {
    if (word.endsWith('ion') && word.stemEnd >= 0) {
      const before = word.chars[word.stemEnd];
      matched = before === letterS || before === letterT;
    }
    if (!matched) matched = word.endsWith('ou');
  } else {
    const suffixes = removableSuffixes.get(String.fromCharCode(penultimate));
    if (suffixes !== undefined) matched = suffixes.some((suffix) => word.endsWith(suffix));
  }
  if (matched && word.measure() > 1) word.end = word.stemEnd;
}

/** Step 5: removes a final -e when m > 1 (or m = 1 and not *o), and -ll → -l when m > 1. */
function tidyEnding(word: PorterWord): void {
  word.stemEnd = word.end;
  if (word.chars[word.end] === letterE) {
    const measure = word.measure();
    if (measure > 1 || (measure === 1 && !word.isConsonantVowelConsonant(word.end - 1))) word.end--;
  }
  if (word.chars[word.end] === letterL && word.endsWithDoubleConsonant(word.end) && word.measure() > 1) word.end--;
}

/**
 * Stems one lower-case English word with Porter's algorithm, exactly as Lucene's `PorterStemFilter` does.
 *
 * @param word - a single lower-case token.
 * @returns the stem; words of one or two characters are returned unchanged.
 */
export function porterStem(word: string): string {
  if (word.length <= 2) return word;
  const state = new PorterWord(word);
  removePluralsAndParticiples(state);
  replaceFinalY(state);
  reduceDoubleSuffixes(state);
  reduceSingleSuffixes(state);
  removeSuffixes(state);
  tidyEnding(state);
  return state.toString();
}
