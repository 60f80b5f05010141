import { describe, expect, it } from 'vitest';
import { explicitAnchors, headings, headingText, slugify } from './markdown-anchors.js';

// Expected ids are the ones VitePress 1.6 rendered for these headings in the API reference.
describe('VitePress heading ids', () => {
  it('slugs as VitePress does', () => {
    expect(slugify('evaluate()')).toBe('evaluate');
    expect(slugify('Type Aliases')).toBe('type-aliases');
    expect(slugify('@benchline/lora')).toBe('benchline-lora');
    expect(slugify('2 fast')).toBe('_2-fast');
  });

  it('reads the text of inline markdown in a heading', () => {
    expect(headingText('`LoraLinear`')).toBe('LoraLinear');
    expect(headingText('~~old~~ \\<T\\>')).toBe('old <T>');
    expect(headingText('[Matrix](#matrix) <a id="x"></a>')).toBe('Matrix');
  });

  it('numbers repeated headings and skips fenced code', () => {
    const page = ['# Title', '## Parameters', '```ts', '# not a heading', '```', '## Parameters', '### Parameters'].join('\n');
    expect(headings(page).map((heading) => heading.anchor)).toEqual(['title', 'parameters', 'parameters-1', 'parameters-2']);
  });

  it('finds ids set with HTML', () => {
    expect(explicitAnchors('| <a id="property-rank-2"></a> `rank` |\ntext')).toEqual([{ anchor: 'property-rank-2', line: 0 }]);
  });
});
