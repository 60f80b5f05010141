import katex from 'katex';

/**
 * Typesets LaTeX into static HTML (with MathML for screen readers) at build time, so a formula reads without
 * JavaScript. A formula KaTeX cannot parse stops the build with the entry that holds it: a page must never show
 * raw LaTeX or KaTeX's red error text.
 *
 * @param latex - the formula as a paper would typeset it.
 * @param where - what holds the formula, for the error message (`glossary entry "recall"`).
 * @throws {Error} naming `where` and KaTeX's complaint when the formula does not parse.
 */
export function renderFormula(latex: string, where: string, displayMode = true): string {
  try {
    return katex.renderToString(latex, { displayMode, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore' });
  } catch (error) {
    throw new Error(`${where}: the formula ${JSON.stringify(latex)} does not typeset: ${(error as Error).message}`, { cause: error });
  }
}
