/**
 * Escapes text for HTML inside a VitePress page. VitePress compiles every page as a Vue template, so `{` is escaped
 * too: a `{{` in glossary prose or TSDoc must stay text, not become a Vue interpolation.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('{', '&#123;')
    .replaceAll('}', '&#125;');
}

/** Groups an integer's digits by thousands, as the guides print counts (240000 → "240,000"). */
export function groupDigits(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 20 });
}
