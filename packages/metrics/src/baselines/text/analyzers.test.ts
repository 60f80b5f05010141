import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.js';
import { cjkAnalyzer, englishAnalyzer, resolveAnalyzer, whitespaceAnalyzer } from './analyzers.js';
import { luceneEnglishStopwords } from './english-stopwords.js';

describe('englishAnalyzer', () => {
  it('lower-cases, drops Lucene stopwords and Porter-stems, keeping repeats in order', () => {
    expect(englishAnalyzer().analyze('The Flows of the heated WINGS, and flows again.')).toEqual([
      'flow', 'heat', 'wing', 'flow', 'again',
    ]);
  });

  it('splits like the reference scores\' [a-z0-9]+ tokenizer (no possessive handling, digits kept)', () => {
    const analyzer = englishAnalyzer({ tokenizer: 'ascii', stem: false });
    expect(analyzer.analyze("In spite of the DDC's long life: 18 editions, 1876-1971.")).toEqual([
      'spite', 'ddc', 's', 'long', 'life', '18', 'editions', '1876', '1971',
    ]);
    expect(analyzer.analyze('café naïve')).toEqual(['caf', 'na', 've']);
    expect(englishAnalyzer({ stem: false }).analyze('café naïve')).toEqual(['café', 'naïve']);
  });

  it('uses Lucene\'s 33-word English stop set by default, or none, or a given list', () => {
    expect(luceneEnglishStopwords).toHaveLength(33);
    expect(englishAnalyzer().analyze(luceneEnglishStopwords.join(' '))).toEqual([]);
    expect(englishAnalyzer({ stopwords: false, stem: false }).analyze('the fox')).toEqual(['the', 'fox']);
    expect(englishAnalyzer({ stopwords: ['Fox'], stem: false }).analyze('the fox')).toEqual(['the']);
  });

  it('names its configuration', () => {
    expect(englishAnalyzer().name).toBe('english(unicode,lucene-stop,porter)');
    expect(englishAnalyzer({ tokenizer: 'ascii', stopwords: false, stem: false }).name).toBe('english(ascii,no-stop,no-stem)');
  });

  it('rejects an unknown tokenizer', () => {
    expect(() => englishAnalyzer({ tokenizer: 'icu' as 'ascii' })).toThrow(InvalidArgumentError);
  });
});

describe('cjkAnalyzer', () => {
  it('turns runs of CJK characters into overlapping bigrams and single characters into unigrams', () => {
    expect(cjkAnalyzer().analyze('信息检索')).toEqual(['信息', '息检', '检索']);
    expect(cjkAnalyzer().analyze('书')).toEqual(['书']);
    expect(cjkAnalyzer().analyze('日本語のテキスト')).toEqual(['日本', '本語', '語の', 'のテ', 'テキ', 'キス', 'スト']);
    expect(cjkAnalyzer().analyze('한국어')).toEqual(['한국', '국어']);
  });

  it('analyzes the Latin text in between as English, after folding full-width characters', () => {
    expect(cjkAnalyzer().analyze('BM25 检索模型 ranks the documents，ＢＭ２５')).toEqual([
      'bm25', '检索', '索模', '模型', 'rank', 'document', 'bm25',
    ]);
    expect(cjkAnalyzer({ english: { stem: false } }).analyze('用 retrieval 的')).toEqual(['用', 'retrieval', '的']);
  });

  it('keeps characters outside the Basic Multilingual Plane whole', () => {
    expect(cjkAnalyzer().analyze('𠀀𠀁')).toEqual(['𠀀𠀁']);
  });
});

describe('whitespaceAnalyzer and resolveAnalyzer', () => {
  it('splits on white space only', () => {
    expect(whitespaceAnalyzer().analyze('  The  quick,\tBrown\nfox ')).toEqual(['the', 'quick,', 'brown', 'fox']);
    expect(whitespaceAnalyzer({ lowercase: false }).analyze('The Fox')).toEqual(['The', 'Fox']);
  });

  it('resolves names and passes analyzers through', () => {
    expect(resolveAnalyzer('english-no-stem').analyze('flows')).toEqual(['flows']);
    expect(resolveAnalyzer('english').analyze('flows')).toEqual(['flow']);
    expect(resolveAnalyzer('cjk').name).toMatch(/^cjk/);
    const custom = { name: 'custom', analyze: (text: string) => [text] };
    expect(resolveAnalyzer(custom)).toBe(custom);
    expect(() => resolveAnalyzer('french' as 'english')).toThrow(/unknown analyzer "french"/);
  });
});
