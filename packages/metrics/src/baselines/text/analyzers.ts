import { InvalidArgumentError } from '../../errors.js';
import { luceneEnglishStopwords } from './english-stopwords.js';
import { porterStem } from './porter-stemmer.js';

/** Turns a text into the terms an index stores and a query looks up. The same analyzer must serve both. */
export interface Analyzer {
  /** A short description of the analysis, reported with a run's configuration (e.g. `english(ascii,lucene-stop,porter)`). */
  readonly name: string;
  /** The terms of `text`, in order, repeated terms kept. */
  analyze(text: string): string[];
}

/** The analyzers {@link resolveAnalyzer} knows by name, for command lines and configuration files. */
export type AnalyzerName = 'english' | 'english-no-stem' | 'cjk' | 'whitespace';

/** Every {@link AnalyzerName}, for validation and help texts. */
export const analyzerNames: readonly AnalyzerName[] = Object.freeze(['english', 'english-no-stem', 'cjk', 'whitespace']);

/** Options of {@link englishAnalyzer}. */
export interface EnglishAnalyzerOptions {
  /**
   * How words are found in the lower-cased text. `'unicode'` (default): maximal runs of letters, combining marks and
   * digits of any script. `'ascii'`: maximal runs of `[a-z0-9]`, exactly as the script behind the reference scores
   * (`bm25_classic_eval.py`) splits; the two agree on ASCII text.
   */
  readonly tokenizer?: 'unicode' | 'ascii';
  /** Words removed after lower-casing and before stemming: Lucene's 33-word English set (default), none (`false`), or a list. */
  readonly stopwords?: readonly string[] | false;
  /** Porter stemming as Lucene's `PorterStemFilter` does it (default `true`). */
  readonly stem?: boolean;
}

const unicodeWord = /[\p{L}\p{M}\p{N}]+/gu;
const asciiWord = /[a-z0-9]+/g;
/** Above this many distinct words the term cache starts over, so memory stays bounded on huge vocabularies. */
const termCacheLimit = 200_000;

/**
 * The English analyzer of Lucene/Anserini in the form the reference BM25 scores use: lower-case, split into words,
 * drop stopwords, Porter-stem. Possessives are not treated apart (`dewey's` gives `dewey` and `s`), as in the
 * reference scores' tokenizer.
 *
 * @param options - tokenizer, stopwords and stemming; every combination is valid.
 * @returns an analyzer; it caches the term of every word it has seen, so reuse one instance for a corpus and its
 *   queries.
 */
export function englishAnalyzer(options: EnglishAnalyzerOptions = {}): Analyzer {
  const tokenizer = options.tokenizer ?? 'unicode';
  if (tokenizer !== 'unicode' && tokenizer !== 'ascii') {
    throw new InvalidArgumentError('tokenizer', `tokenizer must be 'unicode' or 'ascii', not ${JSON.stringify(tokenizer)}`);
  }
  const stopwordList = options.stopwords === undefined ? luceneEnglishStopwords : options.stopwords === false ? [] : options.stopwords;
  const stopwords = new Set(stopwordList.map((word) => word.toLowerCase()));
  const stem = options.stem ?? true;
  const pattern = tokenizer === 'unicode' ? unicodeWord : asciiWord;
  const termOfWord = new Map<string, string>();
  const stopwordLabel =
    options.stopwords === undefined ? 'lucene-stop' : stopwords.size === 0 ? 'no-stop' : `custom-stop(${stopwords.size})`;
  const name = `english(${tokenizer},${stopwordLabel},${stem ? 'porter' : 'no-stem'})`;

  const analyze = (text: string): string[] => {
    const terms: string[] = [];
    for (const match of text.toLowerCase().matchAll(pattern)) {
      const word = match[0];
      // One lookup per word: the cache maps each word seen to its term, or to '' for a stopword.
      let term = termOfWord.get(word);
      if (term === undefined) {
        if (termOfWord.size >= termCacheLimit) termOfWord.clear();
        term = stopwords.has(word) ? '' : stem ? porterStem(word) : word;
        termOfWord.set(word, term);
      }
      if (term !== '') terms.push(term);
    }
    return terms;
  };
  return { name, analyze };
}

/** Options of {@link cjkAnalyzer}. */
export interface CjkAnalyzerOptions {
  /** How the non-CJK parts of the text (Latin words, digits) are analyzed; default {@link englishAnalyzer}'s defaults. */
  readonly english?: EnglishAnalyzerOptions;
}

/** Han (including the iteration mark 々), Hiragana, Katakana (and the prolonged sound mark ー), Hangul. */
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;

/**
 * An analyzer for Chinese, Japanese and Korean text mixed with English, in the manner of Lucene's `CJKAnalyzer`:
 * the text is NFKC-normalised (full-width Latin letters and digits become ASCII), each run of CJK characters gives
 * its overlapping character bigrams (一个词 → 一个, 个词), a run of one character gives that character, and the
 * text between runs goes through the English analyzer.
 *
 * @param options - how the English parts are analyzed.
 * @returns an analyzer whose terms are CJK bigrams/unigrams and English terms, in text order.
 */
export function cjkAnalyzer(options: CjkAnalyzerOptions = {}): Analyzer {
  const english = englishAnalyzer(options.english);
  const analyze = (text: string): string[] => {
    const normalized = text.normalize('NFKC');
    const terms: string[] = [];
    let englishStart = 0;
    for (const match of normalized.matchAll(cjkRun)) {
      const start = match.index;
      if (start > englishStart) terms.push(...english.analyze(normalized.slice(englishStart, start)));
      const characters = Array.from(match[0]);
      if (characters.length === 1) terms.push(characters[0]!);
      for (let index = 0; index + 1 < characters.length; index++) terms.push(characters[index]! + characters[index + 1]!);
      englishStart = start + match[0].length;
    }
    if (englishStart < normalized.length) terms.push(...english.analyze(normalized.slice(englishStart)));
    return terms;
  };
  return { name: `cjk(bigrams,${english.name})`, analyze };
}

/** Options of {@link whitespaceAnalyzer}. */
export interface WhitespaceAnalyzerOptions {
  /** Lower-case before splitting (default `true`). */
  readonly lowercase?: boolean;
}

/**
 * Splits on white space and nothing else (punctuation stays attached), optionally lower-casing: the tokenisation of
 * the toy reference corpus in `bm25_toy.json` and of many quick experiments.
 *
 * @param options - lower-casing.
 * @returns an analyzer.
 */
export function whitespaceAnalyzer(options: WhitespaceAnalyzerOptions = {}): Analyzer {
  const lowercase = options.lowercase ?? true;
  const analyze = (text: string): string[] =>
    (lowercase ? text.toLowerCase() : text).split(/\s+/u).filter((word) => word.length > 0);
  return { name: lowercase ? 'whitespace(lowercase)' : 'whitespace', analyze };
}

/**
 * The analyzer for a name or an analyzer object (returned as is).
 *
 * @param analyzer - `'english'` (Porter-stemmed), `'english-no-stem'` (the reference scores' analysis), `'cjk'`,
 *   `'whitespace'`, or an {@link Analyzer}.
 * @returns a fresh analyzer for a name; the object itself otherwise.
 * @throws {InvalidArgumentError} for an unknown name.
 */
export function resolveAnalyzer(analyzer: Analyzer | AnalyzerName): Analyzer {
  if (typeof analyzer !== 'string') return analyzer;
  switch (analyzer) {
    case 'english':
      return englishAnalyzer();
    case 'english-no-stem':
      return englishAnalyzer({ stem: false });
    case 'cjk':
      return cjkAnalyzer();
    case 'whitespace':
      return whitespaceAnalyzer();
    default:
      throw new InvalidArgumentError(
        'analyzer',
        `unknown analyzer ${JSON.stringify(analyzer)}; expected one of ${analyzerNames.join(', ')}`,
      );
  }
}
