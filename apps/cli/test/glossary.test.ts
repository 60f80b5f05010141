import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { displayWidth, formatWideTable, wrapToWidth } from '../src/output/format.js';
import { memoryIo } from './memory-io.js';

describe('benchline glossary show', () => {
  it('prints the Chinese entry for r@1 with --lang zh: headword 中文（English, ABBR）, the formula, the worked example with computed numbers', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'show', 'r@1', '--lang', 'zh'], io)).toBe(0);
    const text = io.stdout.text();
    expect(text.split('\n')[0]).toBe('Top-1 命中率（R@1）');
    for (const expected of ['定义', '公式', '例子', '常见错误', '参考文献', 'Success@1', 'Karpukhin', 'arXiv:2004.04906']) expect(text).toContain(expected);
    // Cranfield figures come from the data: TREC R@1 0.05 against Success@1 0.28, 5.6 times apart.
    expect(text).toMatch(/TREC R@1\s*=\s*0\.05，\s*Success@1\s*=\s*0\.28/);
    expect(text).toMatch(/相差\s*5\.6\s*倍/);
    expect(text).not.toContain('{{');
    expect(io.stderr.text()).toBe('');
  });

  it('finds the baseline entry by 基线模型 and answers in Chinese', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'show', '基线模型'], io)).toBe(0);
    const text = io.stdout.text();
    expect(text.split('\n')[0]).toBe('基线模型（baseline）');
    expect(text).toContain('基准（不推荐');
  });

  it('says that 基准 also names the baseline, as a discouraged rendering', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'show', '基准'], io)).toBe(0);
    expect(io.stdout.text().split('\n')[0]).toBe('基准测试（benchmark）');
    expect(io.stdout.text()).toContain('也匹配：基线模型 (baseline)');
  });

  it('renders the LoRA example from the data: 240,000 instead of 200,000,000, 0.12%, 833.3×', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'show', 'low rank adaptation', '--lang', 'en'], io)).toBe(0);
    const text = io.stdout.text();
    for (const expected of ['LoRA (低秩自适应)', '200,000,000', '240,000', '0.12%', '833.3×', 'h = W₀x + α/r B A x'.replace('W₀x', 'W₀ x')]) expect(text).toContain(expected);
  });

  it('gives the entry as JSON with the example text filled in and a plain-text formula', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'show', 'ndcg', '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout.text()) as { id: string; example: { text: { en: string; zh: string } }; formula: { plain: string } };
    expect(json.id).toBe('ndcg');
    expect(json.example.text.en).toContain('0.5013');
    expect(json.example.text.zh).toContain('0.5013');
    expect(json.formula.plain).toContain('nDCG@K = DCG@K/IDCG@K');
  });

  it('exits 2 for an unknown term, with the closest suggestions and no stack trace', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'show', 'precission'], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/^error: no glossary entry for "precission"; did you mean "precision"/);
    expect(io.stderr.text().trim().split('\n')).toHaveLength(1);
    expect(io.stdout.text()).toBe('');
  });

  it('rejects an unknown --lang', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'show', 'lora', '--lang', 'fr'], io)).toBe(2);
    expect(io.stderr.text()).toContain("'fr' is invalid");
  });
});

describe('benchline glossary list', () => {
  it('lists one topic, Chinese first, aligned in terminal columns', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'list', '--topic', 'statistics', '--lang', 'zh'], io)).toBe(0);
    const lines = io.stdout.text().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+术语\s+English\s+主题$/);
    expect(lines.some((line) => line.startsWith('paired-t-test') && line.includes('配对 t 检验') && line.includes('paired t-test'))).toBe(true);
    // Every row's "English" column starts at the same terminal column, although the Chinese terms differ in length.
    const header = lines[0] as string;
    const englishColumn = displayWidth(header.slice(0, header.indexOf('English')));
    for (const line of lines.slice(2)) {
      const topicStart = line.lastIndexOf('statistics');
      expect(displayWidth(line.slice(0, topicStart))).toBe(displayWidth(header.slice(0, header.indexOf('主题'))));
      expect(displayWidth(line)).toBeGreaterThan(englishColumn);
    }
    expect(io.stderr.text()).toMatch(/^\d+ 个条目\n$/);
  });

  it('gives JSON with every entry and rejects an unknown topic with exit 2', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'list', '--json'], io)).toBe(0);
    const rows = JSON.parse(io.stdout.text()) as { id: string; term: { en: string; zh: string } }[];
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.find((row) => row.id === 'baseline')?.term.zh).toBe('基线模型');
    const bad = memoryIo();
    expect(await runCli(['glossary', 'list', '--topic', 'astrology'], bad)).toBe(2);
    expect(bad.stderr.text()).toContain('--topic expects one of benchmarking, retrieval-metric, statistics');
  });
});

describe('benchline glossary search', () => {
  it('ranks with BM25 for a paraphrase', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'search', 'harmonic', 'mean', 'of', 'precision', 'and', 'recall', '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout.text()) as { ranker: string; results: { id: string; matchedBy: string }[] };
    expect(json.ranker).toContain('BM25');
    expect(json.results[0]).toMatchObject({ id: 'f1-score', matchedBy: 'bm25' });
  });

  it('puts an exact name first and searches Chinese text', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'search', '召回率', '--limit', '3'], io)).toBe(0);
    const lines = io.stdout.text().trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^1\s+recall\s+召回率\s+recall\s+name$/);
  });

  it('falls back to the closest names for a typo BM25 cannot match', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'search', 'bonferoni', '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout.text()) as { results: { id: string; matchedBy: string }[] };
    expect(json.results[0]).toMatchObject({ id: 'bonferroni-correction', matchedBy: 'suggestion' });
  });

  it('rejects --limit 0', async () => {
    const io = memoryIo();
    expect(await runCli(['glossary', 'search', 'lora', '--limit', '0'], io)).toBe(2);
    expect(io.stderr.text()).toBe('error: --limit expects a positive integer, got "0"\n');
  });
});

describe('CJK-aware formatting', () => {
  it('counts East Asian wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('召回率')).toBe(6);
    expect(displayWidth('ｒ＠１')).toBe(6);
    expect(displayWidth('x̄')).toBe(1);
    expect(displayWidth('\u001b[1mbold\u001b[22m')).toBe(4);
  });

  it('aligns tables holding Chinese text', () => {
    const table = formatWideTable(
      [
        ['recall', '召回率'],
        ['ndcg', '归一化折损累计增益'],
      ],
      { header: ['id', 'term'] },
    );
    const lines = table.trimEnd().split('\n');
    expect(lines).toEqual(['id      term', '------  ------------------', 'recall  召回率', 'ndcg    归一化折损累计增益']);
    expect(displayWidth(lines[1] as string)).toBe(displayWidth('recall  ') + displayWidth('归一化折损累计增益'));
  });

  it('wraps Chinese between characters and English at spaces, within the width', () => {
    const wrapped = wrapToWidth('基线模型是参照点，而不是数据集：文本检索里的 BM25、表示学习里的线性探测。', 20, '  ');
    for (const line of wrapped.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    expect(wrapped.replace(/\n {2}/g, '').replace(/^ {2}/, '')).toBe('基线模型是参照点，而不是数据集：文本检索里的 BM25、表示学习里的线性探测。');
    expect(wrapToWidth('召回率、recall、top-1 recall、R@K', 18).split('\n')).toEqual(['召回率、recall、', 'top-1 recall、R@K']);
    const english = wrapToWidth('the quick brown fox jumps over the lazy dog', 16);
    expect(english.split('\n')).toEqual(['the quick brown', 'fox jumps over', 'the lazy dog']);
  });
});
