import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer.js';

// The first 150 entries of Martin Porter's published sample vocabulary (voc.txt) and the output of his reference
// implementation for them (output.txt), https://tartarus.org/martin/PorterStemmer/.
const publishedVocabulary = `
a aaron abaissiez abandon abandoned abase abash abate abated abatement abatements abates abbess abbey abbeys
abbominable abbot abbots abbreviated abed abel aberga abergavenny abet abetting abhominable abhor abhorr
abhorred abhorring abhors abhorson abide abides abilities ability abject abjectly abjects abjur abjure able
abler aboard abode aboded abodements aboding abominable abominably abominations abortive abortives abound
abounding about above abr abraham abram abreast abridg abridge abridged abridgment abroach abroad abrogate
abrook abrupt abruption abruptly absence absent absey absolute absolutely absolv absolver abstains abstemious
abstinence abstract absurd absyrtus abundance abundant abundantly abus abuse abused abuser abuses abusing
abutting aby abysm ac academe academes accent accents accept acceptable acceptance accepted accepts access
accessary accessible accidence accident accidental accidentally accidents accite accited accites acclamations
accommodate accommodated accommodation accommodations accommodo accompanied accompany accompanying
accomplices accomplish accomplished accomplishing accomplishment accompt accord accordant accorded accordeth
according accordingly accords accost accosted account accountant accounted accounts accoutred accoutrement
accoutrements accrue
`;
const publishedOutput = `
a aaron abaissiez abandon abandon abas abash abat abat abat abat abat abbess abbei abbei abbomin abbot abbot
abbrevi ab abel aberga abergavenni abet abet abhomin abhor abhorr abhor abhor abhor abhorson abid abid abil
abil abject abjectli abject abjur abjur abl abler aboard abod abod abod abod abomin abomin abomin abort abort
abound abound about abov abr abraham abram abreast abridg abridg abridg abridg abroach abroad abrog abrook
abrupt abrupt abruptli absenc absent absei absolut absolut absolv absolv abstain abstemi abstin abstract
absurd absyrtu abund abund abundantli abu abus abus abus abus abus abut abi abysm ac academ academ accent
accent accept accept accept accept accept access accessari access accid accid accident accident accid accit
accit accit acclam accommod accommod accommod accommod accommodo accompani accompani accompani accomplic
accomplish accomplish accomplish accomplish accompt accord accord accord accordeth accord accordingli accord
accost accost account account account account accoutr accoutr accoutr accru
`;

// The examples of Porter (1980), "An algorithm for suffix stripping", run through every step of the algorithm.
const paperExamples: readonly (readonly [string, string])[] = [
  ['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'ti'], ['caress', 'caress'], ['cats', 'cat'],
  ['feed', 'feed'], ['agreed', 'agre'], ['plastered', 'plaster'], ['bled', 'bled'], ['motoring', 'motor'],
  ['sing', 'sing'], ['conflated', 'conflat'], ['troubled', 'troubl'], ['sized', 'size'], ['hopping', 'hop'],
  ['tanned', 'tan'], ['falling', 'fall'], ['hissing', 'hiss'], ['fizzed', 'fizz'], ['failing', 'fail'],
  ['filing', 'file'], ['happy', 'happi'], ['sky', 'sky'], ['relational', 'relat'], ['conditional', 'condit'],
  ['rational', 'ration'], ['valenci', 'valenc'], ['hesitanci', 'hesit'], ['digitizer', 'digit'],
  ['conformabli', 'conform'], ['radicalli', 'radic'], ['differentli', 'differ'], ['vileli', 'vile'],
  ['analogousli', 'analog'], ['vietnamization', 'vietnam'], ['predication', 'predic'], ['operator', 'oper'],
  ['feudalism', 'feudal'], ['decisiveness', 'decis'], ['hopefulness', 'hope'], ['callousness', 'callous'],
  ['formaliti', 'formal'], ['sensitiviti', 'sensit'], ['sensibiliti', 'sensibl'], ['triplicate', 'triplic'],
  ['formative', 'form'], ['formalize', 'formal'], ['electriciti', 'electr'], ['electrical', 'electr'],
  ['hopeful', 'hope'], ['goodness', 'good'], ['revival', 'reviv'], ['allowance', 'allow'], ['inference', 'infer'],
  ['airliner', 'airlin'], ['gyroscopic', 'gyroscop'], ['adjustable', 'adjust'], ['defensible', 'defens'],
  ['irritant', 'irrit'], ['replacement', 'replac'], ['adjustment', 'adjust'], ['dependent', 'depend'],
  ['adoption', 'adopt'], ['homologou', 'homolog'], ['communism', 'commun'], ['activate', 'activ'],
  ['angulariti', 'angular'], ['homologous', 'homolog'], ['effective', 'effect'], ['bowdlerize', 'bowdler'],
  ['probate', 'probat'], ['rate', 'rate'], ['cease', 'ceas'], ['controll', 'control'], ['roll', 'roll'],
  ['generalizations', 'gener'], ['oscillators', 'oscil'],
];

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

describe('porterStem', () => {
  it('reproduces the published output of the reference implementation for its sample vocabulary', () => {
    const vocabulary = words(publishedVocabulary);
    const output = words(publishedOutput);
    expect(vocabulary).toHaveLength(150);
    expect(output).toHaveLength(150);
    expect(vocabulary.map(porterStem)).toEqual(output);
  });

  it.each(paperExamples)('stems %s to %s as in Porter (1980)', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('applies the reference implementation\'s two departures from the paper (-bli → -ble, -logi → -log)', () => {
    expect(porterStem('possibli')).toBe('possibl');
    expect(porterStem('archaeologi')).toBe('archaeolog');
  });

  it('leaves words of one or two letters alone', () => {
    expect(porterStem('as')).toBe('as');
    expect(porterStem('is')).toBe('is');
    expect(porterStem('y')).toBe('y');
  });

  it('handles the words that broke early versions (aed, eed, ion) and long runs of y', () => {
    expect(porterStem('aed')).toBe('a');
    expect(porterStem('eed')).toBe('eed');
    expect(porterStem('ion')).toBe('ion');
    expect(porterStem('y'.repeat(100_000))).toHaveLength(100_000);
  });
});
