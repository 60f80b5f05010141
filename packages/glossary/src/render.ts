import type { Computation } from './computation.js';
import type { GlossaryEntry, Locale } from './schema.js';

const placeholderPattern = /\{\{([A-Za-z0-9_.@]+)(?:\|([a-z]+))?\}\}/g;

/** The placeholders `{{path}}` / `{{path|format}}` of a template, in order of appearance. */
export function templatePlaceholders(template: string): { path: string; format: string | undefined }[] {
  return [...template.matchAll(placeholderPattern)].map((match) => ({ path: match[1] as string, format: match[2] }));
}

/**
 * Fills a worked example's placeholders with the numbers of its computation. A placeholder whose path does not
 * name a number, or whose format is unknown, is left as written, so the validator can report it.
 *
 * @returns the text with every resolvable placeholder replaced.
 */
export function fillTemplate(template: string, computation: Computation): string {
  return template.replace(placeholderPattern, (whole, path: string, format: string | undefined) => {
    const value = valueAtPath(computation, path);
    if (typeof value !== 'number') return whole;
    const text = formatNumber(value, format);
    return text ?? whole;
  });
}

/** The worked example of an entry in one language, with its numbers filled in. */
export function exampleText(entry: GlossaryEntry, locale: Locale): string {
  return fillTemplate(entry.example.text[locale], entry.example.computation);
}

/** Reads `a.b.0.c` from plain data; undefined when any step is missing. */
export function valueAtPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const step of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** Decimal places of a number as JavaScript writes it (0.3066 → 4, 240000 → 0). */
export function writtenDecimals(value: number): number {
  const text = String(value);
  const exponent = /e([+-]\d+)$/.exec(text);
  if (exponent !== null) {
    const mantissa = text.slice(0, exponent.index);
    const mantissaDecimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    return Math.max(0, mantissaDecimals - Number(exponent[1]));
  }
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}

function formatNumber(value: number, format: string | undefined): string | undefined {
  switch (format) {
    case undefined: {
      const decimals = writtenDecimals(value);
      const text = value.toFixed(decimals);
      return Number.isInteger(value) && Math.abs(value) >= 10_000 ? groupThousands(text) : text;
    }
    case 'plain':
      return value.toFixed(writtenDecimals(value));
    case 'percent': {
      const decimals = Math.max(0, writtenDecimals(value) - 2);
      return `${(value * 100).toFixed(decimals)}%`;
    }
    default:
      return undefined;
  }
}

function groupThousands(digits: string): string {
  const negative = digits.startsWith('-');
  const grouped = (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/**
 * The headword as the glossary prints it: `中文（English, ABBR）` in Chinese, `English (ABBR; 中文)` in English,
 * following the bilingual convention of Google's Chinese glossary and d2l-zh.
 */
export function headword(entry: GlossaryEntry, locale: Locale): string {
  const abbreviations = entry.abbreviations.filter((abbreviation) => abbreviation !== entry.term.en);
  if (locale === 'zh') {
    const inside = [entry.term.en, ...abbreviations].join(', ');
    return `${entry.term.zh}（${inside}）`;
  }
  const inside = abbreviations.length === 0 ? entry.term.zh : `${abbreviations.join(', ')}; ${entry.term.zh}`;
  return `${entry.term.en} (${inside})`;
}

const symbolCommands: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', theta: 'θ', lambda: 'λ', mu: 'μ',
  pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', chi: 'χ', omega: 'ω', Delta: 'Δ', Sigma: 'Σ',
  Phi: 'Φ', Pi: 'Π', Omega: 'Ω',
  cdot: '·', times: '×', div: '÷', pm: '±', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈',
  ll: '≪', gg: '≫', in: '∈', notin: '∉', subseteq: '⊆', subset: '⊂', cap: '∩', cup: '∪', emptyset: '∅', infty: '∞',
  mid: '|', lvert: '|', rvert: '|', lVert: '‖', rVert: '‖', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉',
  langle: '⟨', rangle: '⟩', to: '→', rightarrow: '→', leftarrow: '←', mapsto: '↦', sim: '~', ldots: '…', cdots: '⋯',
  dots: '…', sum: 'Σ', prod: 'Π', top: 'ᵀ', prime: '′', odot: '⊙', circ: '∘', forall: '∀', exists: '∃', neg: '¬',
  land: '∧', lor: '∨', partial: '∂', nabla: '∇', quad: '  ', qquad: '    ', ',': ' ', ';': ' ', ':': ' ', '!': '',
  ' ': ' ', '{': '{', '}': '}', '%': '%', '_': '_', '#': '#', '&': '&', '|': '‖',
  log: 'log', ln: 'ln', cos: 'cos', sin: 'sin', iff: '⇔', implies: '⇒', Rightarrow: '⇒', Leftrightarrow: '⇔', exp: 'exp', min: 'min', max: 'max', arg: 'arg', Pr: 'Pr', det: 'det', left: '', right: '',
  big: '', Big: '', bigl: '', bigr: '', Bigl: '', Bigr: '',
};

const fontCommands = new Set(['mathcal', 'mathrm', 'text', 'textrm', 'operatorname', 'mathit', 'mathbf', 'boldsymbol', 'mathsf', 'texttt']);
const blackboard: Readonly<Record<string, string>> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', E: '𝔼', Q: 'ℚ', '1': '𝟙' };
const accents: Readonly<Record<string, string>> = { bar: '\u0304', hat: '\u0302', tilde: '\u0303', overline: '\u0304', vec: '\u20d7', dot: '\u0307' };
const superscripts: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺',
  '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', k: 'ᵏ', r: 'ʳ', t: 'ᵗ', T: 'ᵀ', x: 'ˣ', '*': '*', '′': '′',
};
const subscripts: Readonly<Record<string, string>> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊',
  '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ',
  n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
};

/**
 * A plain-text rendering of a LaTeX formula for terminals: Greek letters and operators as Unicode, `\frac{a}{b}` as
 * `(a)/(b)`, `\sqrt{x}` as `√(x)`, sub- and superscripts as Unicode where every character has a form and as
 * `_(…)`/`^(…)` otherwise. Covers the subset of LaTeX the glossary's formulas use; an unknown command is kept as
 * written (with its backslash), so a test can find it.
 */
export function latexToPlain(latex: string): string {
  const parser = new LatexReader(latex);
  return parser
    .readSequence(undefined)
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

class LatexReader {
  private position = 0;

  constructor(private readonly source: string) {}

  /** Reads until the closing character (or the end), rendering as it goes. */
  readSequence(closing: string | undefined): string {
    let output = '';
    while (this.position < this.source.length) {
      const character = this.source[this.position] as string;
      if (character === closing) {
        this.position++;
        return output;
      }
      output += this.readItem();
    }
    return output;
  }

  /** One character, group, command or script, rendered. */
  private readItem(): string {
    const character = this.source[this.position] as string;
    if (character === '{') {
      this.position++;
      return this.readSequence('}');
    }
    if (character === '\\') return this.readCommand();
    if (character === '^' || character === '_') {
      this.position++;
      const argument = this.readArgument();
      return script(argument, character === '^' ? superscripts : subscripts, character);
    }
    this.position++;
    return character === '-' ? '−' : character;
  }

  /** A braced group or a single item, rendered. */
  private readArgument(): string {
    while (this.source[this.position] === ' ') this.position++;
    if (this.position >= this.source.length) return '';
    return this.readItem();
  }

  private readCommand(): string {
    const start = this.position;
    this.position++;
    const letters = /^[A-Za-z]+/.exec(this.source.slice(this.position));
    const name = letters === null ? (this.source[this.position] ?? '') : letters[0];
    this.position += name.length;
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const numerator = this.readArgument();
      const denominator = this.readArgument();
      return `${wrap(numerator)}/${wrap(denominator)}`;
    }
    if (name === 'binom') {
      const top = this.readArgument();
      const bottom = this.readArgument();
      return `C(${top}, ${bottom})`;
    }
    if (name === 'sqrt') return `√${wrap(this.readArgument())}`;
    if (name === 'mathbb') {
      const argument = this.readArgument();
      return blackboard[argument] ?? argument;
    }
    if (fontCommands.has(name)) return this.readArgument();
    const accent = accents[name];
    if (accent !== undefined) return `${this.readArgument()}${accent}`;
    const symbol = symbolCommands[name];
    if (symbol !== undefined) return symbol;
    return this.source.slice(start, this.position);
  }
}

function wrap(text: string): string {
  const trimmed = text.trim();
  return /^[\p{L}\p{N}\p{M}.′@*]+$/u.test(trimmed) ? trimmed : `(${trimmed})`;
}

function script(text: string, table: Readonly<Record<string, string>>, marker: string): string {
  const characters = [...text.replace(/\s+/g, '')];
  if (characters.length > 0 && characters.every((character) => table[character] !== undefined)) {
    return characters.map((character) => table[character] as string).join('');
  }
  return characters.length === 1 ? `${marker}${text}` : `${marker}(${text.trim()})`;
}
