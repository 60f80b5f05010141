import type { JudgedRanking } from '../computation.js';
import type { GlossaryEntry, ValueRange } from '../schema.js';

/**
 * Two queries shared by several measure entries, so their numbers can be contrasted. Query A: four relevant
 * documents (d1 grade 2; d2, d4, d11 grade 1), found at ranks 3, 5 and 8, d11 never retrieved; d3 and d7 judged
 * non-relevant. Query B: two relevant documents, one found at rank 1.
 */
const queryA: JudgedRanking = {
  ranking: ['d3', 'd7', 'd1', 'd9', 'd2', 'd5', 'd8', 'd4', 'd6', 'd10'],
  qrels: { d1: 2, d2: 1, d4: 1, d11: 1, d3: 0, d7: 0 },
};
const queryB: JudgedRanking = { ranking: ['d2', 'd5', 'd1', 'd8', 'd3'], qrels: { d2: 1, d9: 1 } };

const queryAText = {
  en: 'Query A has four relevant documents (d1 with grade 2; d2, d4 and d11 with grade 1); the run ranks d3, d7, d1, d9, d2, d5, d8, d4, d6, d10, so relevant documents sit at ranks 3, 5 and 8 and d11 is never retrieved.',
  zh: '查询 A 有四篇相关文档（d1 等级为 2；d2、d4、d11 等级为 1）；运行结果的排序是 d3、d7、d1、d9、d2、d5、d8、d4、d6、d10，因此相关文档位于第 3、5、8 名，d11 没有被检索到。',
};
const queryBText = {
  en: 'Query B has two relevant documents (d2, d9); the run ranks d2, d5, d1, d8, d3, so its only relevant hit is at rank 1.',
  zh: '查询 B 有两篇相关文档（d2、d9）；运行结果的排序是 d2、d5、d1、d8、d3，唯一命中的相关文档位于第 1 名。',
};

const unitInterval: ValueRange = { min: 0, max: 1, better: 'higher' };

const manning = {
  title: 'Introduction to Information Retrieval',
  authors: 'Manning, Raghavan, Schütze',
  year: 2008,
  venue: 'Cambridge University Press',
  url: 'https://nlp.stanford.edu/IR-book/',
};
const vanRijsbergen = { title: 'Information Retrieval (2nd edition)', authors: 'van Rijsbergen', year: 1979, venue: 'Butterworths' };
const irMeasures = {
  title: 'Streamlining Evaluation with ir-measures',
  authors: 'MacAvaney, Macdonald, Ounis',
  year: 2022,
  venue: 'ECIR',
  arxiv: '2111.13466',
};
const treeBook = { title: 'TREC: Experiment and Evaluation in Information Retrieval', authors: 'Voorhees, Harman (eds.)', year: 2005, venue: 'MIT Press' };

export const retrievalMetricEntries: readonly GlossaryEntry[] = [
  {
    id: 'precision',
    topic: 'retrieval-metric',
    term: { en: 'precision', zh: '精确率' },
    abbreviations: [],
    aliases: {
      en: ['positive predictive value', 'PPV', 'set precision'],
      zh: ['查准率', '精度', { text: '准确率', discouraged: true, reason: '“准确率”是 accuracy 的标准译名，部分旧教材用它指 precision，容易混淆。' }],
    },
    notation: [
      { tool: 'trec_eval', name: 'set_P' },
      { tool: 'ranx', name: 'precision' },
    ],
    definition: {
      en: 'The fraction of retrieved (or predicted positive) items that are relevant.',
      zh: '检索出的（或预测为正的）条目中相关条目所占的比例。',
    },
    explanation: {
      en: 'Precision answers "of what I returned, how much is right?". It ignores what was missed, so it is always read together with recall. Chinese has two standard renderings: 精确率 (Google\'s glossary, Li Hang\'s 统计学习方法) and 查准率 (Zhou Zhihua\'s 机器学习 and IR textbooks); both are correct. 准确率 is accuracy, a different measure, although some older texts use it for precision; always give the English term when in doubt.',
      zh: '精确率回答“我返回的结果里有多少是对的”。它不管漏掉了什么，所以总要和召回率一起看。中文有两个标准译名：精确率（谷歌术语表、李航《统计学习方法》）和查准率（周志华《机器学习》及信息检索教材），两者都正确。“准确率”是 accuracy，是另一个指标，尽管一些旧教材用它指 precision；有疑问时请同时给出英文术语。',
    },
    formula: {
      latex: '\\mathrm{precision} = \\frac{TP}{TP + FP} = \\frac{|\\mathrm{Rel} \\cap \\mathrm{Ret}|}{|\\mathrm{Ret}|}',
      symbols: {
        en: 'TP: relevant items retrieved (true positives); FP: non-relevant items retrieved (false positives); Rel: the relevant set; Ret: the retrieved set.',
        zh: 'TP：检索出的相关条目（真正例）；FP：检索出的不相关条目（假正例）；Rel：相关集合；Ret：检索出的集合。',
      },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'A system returns {{expect.retrieved}} documents, {{input.truePositives}} of them relevant, while the collection holds 20 relevant ones: precision = {{input.truePositives}}/{{expect.retrieved}} = {{expect.precision}}, recall only {{expect.recall}}.',
        zh: '系统返回 {{expect.retrieved}} 篇文档，其中 {{input.truePositives}} 篇相关，而集合中共有 20 篇相关文档：精确率 = {{input.truePositives}}/{{expect.retrieved}} = {{expect.precision}}，召回率只有 {{expect.recall}}。',
      },
      computation: {
        kind: 'confusion',
        input: { truePositives: 8, falsePositives: 2, falseNegatives: 12, trueNegatives: 978 },
        expect: { precision: 0.8, recall: 0.4, retrieved: 10 },
      },
    },
    pitfalls: [
      {
        en: 'Translating precision as 准确率, which standard usage reserves for accuracy.',
        zh: '把 precision 译成“准确率”，而标准用法中“准确率”指 accuracy。',
      },
      {
        en: 'Reporting precision alone: returning a single sure hit gives precision 1.0 and is useless.',
        zh: '只报告精确率：只返回一个有把握的结果就能让精确率达到 1.0，但毫无用处。',
      },
    ],
    compareWith: ['recall', 'accuracy'],
    related: ['precision-at-k', 'f1-score', 'r-precision', 'average-precision'],
    references: [vanRijsbergen, manning],
  },
  {
    id: 'recall',
    topic: 'retrieval-metric',
    term: { en: 'recall', zh: '召回率' },
    abbreviations: [],
    aliases: { en: ['sensitivity', 'true positive rate', 'TPR', 'set recall', 'hit ratio of relevant'], zh: ['查全率', '敏感度', '真正例率'] },
    notation: [
      { tool: 'trec_eval', name: 'set_recall' },
      { tool: 'ranx', name: 'recall' },
    ],
    definition: {
      en: 'The fraction of all relevant items that were retrieved (or predicted positive).',
      zh: '所有相关条目中被检索出（或被预测为正）的比例。',
    },
    explanation: {
      en: 'Recall answers "of everything relevant, how much did I find?". Returning everything gives recall 1.0, so it is read together with precision. In ranked retrieval it is measured at a cutoff K (Recall@K, TREC\'s recall.K). Chinese: 召回率 (Google, Li Hang) and 查全率 (Zhou Zhihua, IR textbooks) are both standard.',
      zh: '召回率回答“所有相关的东西里我找到了多少”。把所有东西都返回就能让召回率达到 1.0，所以它要和精确率一起看。在排序检索中，它在截断位置 K 处度量（Recall@K，即 TREC 的 recall.K）。中文“召回率”（谷歌、李航）和“查全率”（周志华、信息检索教材）都是标准译名。',
    },
    formula: {
      latex: '\\mathrm{recall} = \\frac{TP}{TP + FN} = \\frac{|\\mathrm{Rel} \\cap \\mathrm{Ret}|}{|\\mathrm{Rel}|}',
      symbols: {
        en: 'TP: relevant items retrieved; FN: relevant items missed (false negatives).',
        zh: 'TP：检索出的相关条目；FN：漏掉的相关条目（假负例）。',
      },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'Of {{expect.relevant}} relevant documents, the system retrieves {{input.truePositives}}: recall = {{input.truePositives}}/{{expect.relevant}} = {{expect.recall}}, even though its precision is {{expect.precision}}.',
        zh: '在 {{expect.relevant}} 篇相关文档中，系统检索出 {{input.truePositives}} 篇：召回率 = {{input.truePositives}}/{{expect.relevant}} = {{expect.recall}}，尽管它的精确率是 {{expect.precision}}。',
      },
      computation: {
        kind: 'confusion',
        input: { truePositives: 8, falsePositives: 2, falseNegatives: 12, trueNegatives: 978 },
        expect: { recall: 0.4, precision: 0.8, relevant: 20 },
      },
    },
    pitfalls: [
      {
        en: 'Quoting recall without its cutoff: recall@10 and recall@1000 of the same run can differ by a factor of ten.',
        zh: '报告召回率却不说截断位置：同一运行结果的 recall@10 与 recall@1000 可能相差十倍。',
      },
    ],
    compareWith: ['precision', 'recall-at-k'],
    related: ['f1-score', 'success-at-k', 'r-at-1'],
    references: [vanRijsbergen, manning],
  },
  {
    id: 'accuracy',
    topic: 'retrieval-metric',
    term: { en: 'accuracy', zh: '准确率' },
    abbreviations: ['Acc'],
    aliases: { en: ['classification accuracy', 'top-1 accuracy'], zh: ['正确率', 'top-1 准确率', '分类准确率'] },
    notation: [],
    definition: {
      en: 'The fraction of all predictions, positive and negative, that are correct.',
      zh: '所有预测（正例和负例）中正确的比例。',
    },
    explanation: {
      en: 'Accuracy is the headline measure of classification benchmarks such as ImageNet (top-1 and top-5 accuracy). On imbalanced data it is misleading: when positives are rare, predicting "negative" for everything scores high. Retrieval is extremely imbalanced (almost every document is non-relevant), which is why IR uses precision and recall instead. 准确率 is the standard Chinese term for accuracy; do not use it for precision.',
      zh: '准确率是 ImageNet 等分类基准测试的主要指标（top-1 和 top-5 准确率）。在不平衡数据上它有误导性：正例稀少时，把一切都预测为“负”也能得高分。检索是极端不平衡的（几乎所有文档都不相关），所以信息检索用精确率和召回率而不用准确率。“准确率”是 accuracy 的标准中文译名，不要用它指 precision。',
    },
    formula: {
      latex: '\\mathrm{accuracy} = \\frac{TP + TN}{TP + FP + FN + TN}',
      symbols: { en: 'TN: negatives correctly rejected (true negatives).', zh: 'TN：被正确判为负的负例（真负例）。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'A collection has {{input.falseNegatives}} relevant and {{input.trueNegatives}} non-relevant documents. A system that retrieves nothing is right about the {{input.trueNegatives}} non-relevant documents: accuracy = {{expect.accuracy}}, yet recall = {{expect.recall}}.',
        zh: '一个集合中有 {{input.falseNegatives}} 篇相关文档和 {{input.trueNegatives}} 篇不相关文档。一个什么都不检索的系统，对 {{input.trueNegatives}} 篇不相关文档的判断都是对的：准确率 = {{expect.accuracy}}，召回率却是 {{expect.recall}}。',
      },
      computation: {
        kind: 'confusion',
        input: { truePositives: 0, falsePositives: 0, falseNegatives: 10, trueNegatives: 990 },
        expect: { accuracy: 0.99, recall: 0 },
      },
    },
    pitfalls: [
      {
        en: 'Using accuracy on imbalanced data, where the majority class alone scores high.',
        zh: '在不平衡数据上使用准确率，只预测多数类就能得高分。',
      },
    ],
    compareWith: ['precision'],
    related: ['recall', 'f1-score', 'benchmark'],
    references: [manning],
  },
  {
    id: 'f1-score',
    topic: 'retrieval-metric',
    term: { en: 'F1 score', zh: 'F1 值' },
    abbreviations: ['F1'],
    aliases: { en: ['F-measure', 'F-score', 'F1-measure', 'balanced F-score'], zh: ['F1 分数', 'F 值', 'F 度量', 'F1 得分'] },
    notation: [
      { tool: 'trec_eval', name: 'set_F' },
      { tool: 'ranx', name: 'f1' },
    ],
    definition: {
      en: 'The harmonic mean of precision and recall.',
      zh: '精确率与召回率的调和平均数。',
    },
    explanation: {
      en: 'F1 is high only when both precision and recall are high: the harmonic mean is pulled towards the smaller of the two. The general F_β weights recall β times as much as precision. van Rijsbergen introduced the effectiveness measure E = 1 − F. For ranked retrieval F1 is computed on the retrieved set (trec_eval set_F) or at a cutoff.',
      zh: '只有精确率和召回率都高时 F1 才高：调和平均数会被两者中较小的那个拉低。一般形式 F_β 对召回率的重视程度是精确率的 β 倍。van Rijsbergen 提出的有效性度量 E = 1 − F。在排序检索中，F1 在检索出的集合上（trec_eval 的 set_F）或在某个截断位置计算。',
    },
    formula: {
      latex: 'F_1 = \\frac{2 \\cdot P \\cdot R}{P + R}, \\quad F_\\beta = \\frac{(1 + \\beta^2) \\cdot P \\cdot R}{\\beta^2 \\cdot P + R}',
      symbols: { en: 'P: precision; R: recall; β: how many times recall counts as much as precision.', zh: 'P：精确率；R：召回率；β：召回率相对精确率的权重倍数。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'With precision {{expect.precision}} and recall {{expect.recall}}, F1 = 2·{{expect.precision}}·{{expect.recall}}/({{expect.precision}} + {{expect.recall}}) = {{expect.f1}}, below their arithmetic mean.',
        zh: '精确率为 {{expect.precision}}、召回率为 {{expect.recall}} 时，F1 = 2·{{expect.precision}}·{{expect.recall}}/({{expect.precision}} + {{expect.recall}}) = {{expect.f1}}，低于两者的算术平均。',
      },
      computation: {
        kind: 'confusion',
        input: { truePositives: 8, falsePositives: 2, falseNegatives: 12, trueNegatives: 978 },
        expect: { precision: 0.8, recall: 0.4, f1: 0.5333 },
      },
    },
    pitfalls: [
      {
        en: 'Averaging per-query F1 (macro) and computing F1 from pooled counts (micro) give different numbers; say which.',
        zh: '逐查询 F1 的平均（宏平均）与由汇总计数算出的 F1（微平均）数值不同；要说明用的是哪一种。',
      },
    ],
    compareWith: [],
    related: ['precision', 'recall'],
    references: [vanRijsbergen],
  },
  {
    id: 'precision-at-k',
    topic: 'retrieval-metric',
    term: { en: 'Precision@K', zh: '前 K 精确率' },
    abbreviations: ['P@K'],
    aliases: { en: ['precision at k', 'P@10', 'P@5', 'precision at cutoff'], zh: ['精确率@K', 'P@K 值', '前K位精确率'] },
    notation: [
      { tool: 'trec_eval', name: 'P.10' },
      { tool: 'ir_measures', name: 'P@10' },
      { tool: 'ranx', name: 'precision@10' },
    ],
    definition: {
      en: 'The fraction of the top K results that are relevant.',
      zh: '排序结果前 K 个中相关结果所占的比例。',
    },
    explanation: {
      en: 'P@K models a user who looks at the first K results. trec_eval divides by K even when fewer than K documents were retrieved (missing positions count as non-relevant). Its maximum is min(R, K)/K, so a query with 2 relevant documents can never reach P@10 = 1; R-precision avoids that by using K = R.',
      zh: 'P@K 模拟只看前 K 个结果的用户。即使检索出的文档少于 K 篇，trec_eval 仍除以 K（缺的位置按不相关计）。它的最大值是 min(R, K)/K，所以只有 2 篇相关文档的查询永远达不到 P@10 = 1；R-精确率用 K = R 避免了这个问题。',
    },
    formula: {
      latex: '\\mathrm{P@}K = \\frac{1}{K} \\sum_{i=1}^{K} \\mathrm{rel}(i)',
      symbols: { en: 'rel(i): 1 if the document at rank i is relevant, else 0.', zh: 'rel(i)：第 i 名的文档相关时为 1，否则为 0。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} ${queryBText.en} P@5 is {{expect.perQuery.0}} for A and {{expect.perQuery.1}} for B; the mean is {{expect.mean}}.`,
        zh: `${queryAText.zh}${queryBText.zh}A 的 P@5 为 {{expect.perQuery.0}}，B 为 {{expect.perQuery.1}}；平均为 {{expect.mean}}。`,
      },
      computation: { kind: 'measure', measure: 'P@5', queries: [queryA, queryB], expect: { perQuery: [0.4, 0.2], mean: 0.3 } },
    },
    pitfalls: [
      {
        en: 'Comparing P@10 across collections with different numbers of relevant documents per query.',
        zh: '在每个查询相关文档数不同的集合之间比较 P@10。',
      },
    ],
    compareWith: ['recall-at-k'],
    related: ['precision', 'r-precision', 'average-precision'],
    references: [manning, irMeasures],
  },
  {
    id: 'recall-at-k',
    topic: 'retrieval-metric',
    term: { en: 'Recall@K', zh: '前 K 召回率' },
    abbreviations: ['R@K'],
    aliases: {
      en: ['recall at k', 'TREC recall', 'recall@k', 'R@100', 'R@1000', 'recall at cutoff'],
      zh: ['召回率@K', 'TREC 召回率', '前K位召回率', 'Top-K 召回率'],
    },
    notation: [
      { tool: 'trec_eval', name: 'recall.100' },
      { tool: 'ir_measures', name: 'R@100' },
      { tool: 'ranx', name: 'recall@100' },
      { tool: 'pytrec_eval', name: 'recall_100' },
    ],
    definition: {
      en: 'In the TREC sense: the fraction of all relevant documents that appear in the top K results.',
      zh: 'TREC 意义上的定义：所有相关文档中出现在前 K 个结果里的比例。',
    },
    explanation: {
      en: 'Recall@K is recall restricted to the top K. With R relevant documents and K < R it cannot reach 1: the best possible value is K/R. That is why TREC recall@1 is tiny when queries have many relevant documents. Computer-vision and question-answering papers use "R@K" for a different quantity, the share of queries with at least one relevant result in the top K (Success@K); the two coincide only when every query has exactly one relevant document. Say which one you mean; this toolkit names TREC recall R@K and the hit rate Success@K, as ir_measures does.',
      zh: 'Recall@K 是限制在前 K 个结果内的召回率。有 R 篇相关文档且 K < R 时，它不可能达到 1：最好也只有 K/R。这就是为什么查询的相关文档很多时，TREC recall@1 会非常小。计算机视觉和问答论文中的“R@K”指另一个量：前 K 个结果中至少有一个相关结果的查询所占的比例（Success@K）；只有每个查询恰好有一篇相关文档时两者才相等。请说明你指的是哪一个；本工具包和 ir_measures 一样，把 TREC 召回率叫 R@K，把命中率叫 Success@K。',
    },
    formula: {
      latex: '\\mathrm{R@}K = \\frac{1}{R} \\sum_{i=1}^{K} \\mathrm{rel}(i)',
      symbols: { en: 'R: number of relevant documents of the query; rel(i): 1 if rank i is relevant.', zh: 'R：该查询的相关文档数；rel(i)：第 i 名相关时为 1。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} ${queryBText.en} R@3 is {{expect.perQuery.0}} for A (1 of 4 relevant in the top 3) and {{expect.perQuery.1}} for B (1 of 2); the mean is {{expect.mean}}.`,
        zh: `${queryAText.zh}${queryBText.zh}A 的 R@3 为 {{expect.perQuery.0}}（4 篇相关中有 1 篇在前 3 名），B 为 {{expect.perQuery.1}}（2 篇中有 1 篇）；平均为 {{expect.mean}}。`,
      },
      computation: { kind: 'measure', measure: 'R@3', queries: [queryA, queryB], expect: { perQuery: [0.25, 0.5], mean: 0.375 } },
    },
    pitfalls: [
      {
        en: 'Comparing a paper\'s "R@1" (hit rate) with TREC recall@1: on Cranfield with BM25 they are 0.28 and 0.05 for the same run.',
        zh: '把论文中的“R@1”（命中率）与 TREC recall@1 相比：在 Cranfield 上，同一个 BM25 运行结果的两者分别是 0.28 和 0.05。',
      },
      {
        en: 'Expecting recall@K to reach 1 when K is smaller than the number of relevant documents.',
        zh: '在 K 小于相关文档数时，期望 recall@K 能达到 1。',
      },
    ],
    compareWith: ['r-at-1', 'success-at-k', 'capped-recall'],
    related: ['recall', 'precision-at-k'],
    references: [manning, irMeasures],
  },
  {
    id: 'r-at-1',
    topic: 'retrieval-metric',
    term: { en: 'R@1', zh: 'Top-1 命中率' },
    abbreviations: ['R@1'],
    aliases: {
      en: ['recall at 1', 'recall@1', 'top-1 recall', 'R@K in metric learning', 'top-1 hit rate', 'top-k accuracy'],
      zh: ['R@1 命中率', 'Top-1 准确率', '第一名命中率', '召回率@1', '前1召回率'],
    },
    notation: [
      { tool: 'ir_measures', name: 'Success@1' },
      { tool: 'trec_eval', name: 'success.1' },
      { tool: 'ir_measures', name: 'R@1' },
      { tool: 'trec_eval', name: 'recall.1' },
    ],
    definition: {
      en: 'A name with two meanings: in metric-learning, cross-modal and QA papers, the share of queries whose top-ranked result is relevant (Success@1); in TREC usage, the fraction of relevant documents found at rank 1.',
      zh: '一个有两种含义的名字：在度量学习、跨模态检索和问答论文中，指排第一的结果是相关结果的查询所占比例（Success@1）；在 TREC 用法中，指在第 1 名找到的相关文档占全部相关文档的比例。',
    },
    explanation: {
      en: 'Image-retrieval papers (CUB-200, Stanford Online Products) and dense passage retrieval ("top-k accuracy") report R@K as "at least one relevant item in the top K", averaged over queries: R@1 is then the share of queries answered correctly at rank 1. trec_eval\'s recall.1 divides the number of relevant documents at rank 1 (0 or 1) by the query\'s total number of relevant documents R, so it is at most 1/R. The two agree only when every query has exactly one relevant item (typical of image retrieval with one matching item, or QA with one gold passage). On a collection with many relevant documents per query they differ a lot, so always state the definition. This toolkit calls the first Success@1 (also accepted: Hit@1) and the second R@1, like ir_measures.',
      zh: '图像检索论文（CUB-200、Stanford Online Products）和稠密段落检索（“top-k accuracy”）把 R@K 定义为“前 K 个结果中至少有一个相关条目”，再对查询取平均：此时 R@1 就是第一名即答对的查询所占比例。trec_eval 的 recall.1 则把第 1 名的相关文档数（0 或 1）除以该查询的相关文档总数 R，因此最多为 1/R。只有每个查询恰好有一个相关条目时两者才相等（例如只有一个匹配项的图像检索，或只有一个标准段落的问答）。在每个查询有很多相关文档的集合上，两者差别很大，所以一定要说明定义。本工具包与 ir_measures 一致，把前者叫 Success@1（也接受 Hit@1），把后者叫 R@1。',
    },
    formula: {
      latex: '\\mathrm{Success@}1 = \\frac{1}{|Q|} \\sum_{q \\in Q} \\mathrm{rel}_q(1), \\qquad \\mathrm{R@}1_{\\mathrm{TREC}} = \\frac{1}{|Q|} \\sum_{q \\in Q} \\frac{\\mathrm{rel}_q(1)}{R_q}',
      symbols: {
        en: 'Q: the queries; rel_q(1): 1 if the top result of q is relevant; R_q: number of relevant documents of q.',
        zh: 'Q：查询集合；rel_q(1)：q 的第一个结果相关时为 1；R_q：q 的相关文档数。',
      },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'One query with 4 relevant documents whose top result is relevant: Success@1 = {{parts.toy.expect.Success@1}} but TREC R@1 = {{parts.toy.expect.R@1}}. On Cranfield ({{parts.collection.expect.relevantPerQuery}} relevant documents per query on average), the same BM25 run (k1 = 0.9, b = 0.4) has TREC R@1 = {{parts.cranfield.expect.recallAt1}} and Success@1 = {{parts.cranfield.expect.successAt1}}: {{parts.ratio.expect.ratio}}× apart, for the same run and the same cutoff.',
        zh: '某查询有 4 篇相关文档，排第一的结果相关：Success@1 = {{parts.toy.expect.Success@1}}，而 TREC R@1 = {{parts.toy.expect.R@1}}。在 Cranfield 上（平均每个查询 {{parts.collection.expect.relevantPerQuery}} 篇相关文档），同一个 BM25 运行结果（k1 = 0.9，b = 0.4）的 TREC R@1 = {{parts.cranfield.expect.recallAt1}}，Success@1 = {{parts.cranfield.expect.successAt1}}：同一运行结果、同一截断位置，两者相差 {{parts.ratio.expect.ratio}} 倍。',
      },
      computation: {
        kind: 'combined',
        parts: {
          toy: {
            kind: 'measures',
            queries: [{ ranking: ['a', 'b', 'c', 'd', 'e'], qrels: { a: 1, c: 1, d: 1, e: 1, b: 0 } }],
            expect: { 'Success@1': 1, 'R@1': 0.25 },
          },
          collection: { kind: 'dataset-stats', dataset: 'cranfield', expect: { relevantPerQuery: 7.16 } },
          cranfield: {
            kind: 'reference-figures',
            source: 'bm25/bm25_classic_baselines.json',
            figures: { recallAt1: ['results', 'cranfield k1=0.9 b=0.4', 'R@1'], successAt1: ['results', 'cranfield k1=0.9 b=0.4', 'Success@1'] },
            expect: { recallAt1: 0.05, successAt1: 0.28 },
          },
          ratio: { kind: 'arithmetic', expressions: { ratio: '0.28 / 0.050085' }, expect: { ratio: 5.6 } },
        },
      },
    },
    pitfalls: [
      {
        en: 'Putting a metric-learning "R@1" next to a TREC recall@1 in one table: they measure different things.',
        zh: '把度量学习的“R@1”与 TREC recall@1 放在同一张表里：它们衡量的是不同的东西。',
      },
      {
        en: 'Forgetting to exclude the query itself from the gallery when the query set is the gallery (image retrieval): every query then finds itself at rank 1.',
        zh: '当查询集就是检索库时（图像检索）忘了把查询本身排除：每个查询都会在第 1 名找到它自己。',
      },
    ],
    compareWith: ['recall-at-k', 'success-at-k'],
    related: ['reciprocal-rank', 'dense-retrieval', 'precision-at-k'],
    references: [
      {
        title: 'Deep Metric Learning via Lifted Structured Feature Embedding',
        authors: 'Song, Xiang, Jegelka, Savarese',
        year: 2016,
        venue: 'CVPR',
        arxiv: '1511.06452',
      },
      {
        title: 'Dense Passage Retrieval for Open-Domain Question Answering',
        authors: 'Karpukhin, Oğuz, Min, Lewis, Wu, Edunov, Chen, Yih',
        year: 2020,
        venue: 'EMNLP',
        arxiv: '2004.04906',
      },
      irMeasures,
    ],
  },
  {
    id: 'success-at-k',
    topic: 'retrieval-metric',
    term: { en: 'Success@K', zh: '命中率@K' },
    abbreviations: ['Success@K', 'Hit@K', 'HR@K'],
    aliases: {
      en: ['hit rate', 'hit rate at k', 'hits@k', 'top-k accuracy', 'success at k', 'hit ratio'],
      zh: ['命中率', '成功率@K', 'Top-K 命中率', 'Top-K 准确率'],
    },
    notation: [
      { tool: 'trec_eval', name: 'success.10' },
      { tool: 'ir_measures', name: 'Success@10' },
      { tool: 'ranx', name: 'hit_rate@10' },
      { tool: 'beir', name: 'Accuracy@10' },
    ],
    definition: {
      en: 'For one query, 1 if at least one relevant result is in the top K and 0 otherwise; averaged over queries, the share of queries with a hit in the top K.',
      zh: '对单个查询，前 K 个结果中至少有一个相关结果时为 1，否则为 0；对查询取平均后，即前 K 名内有命中的查询所占比例。',
    },
    explanation: {
      en: 'Success@K is what metric-learning and QA papers call R@K or top-K accuracy, and what recommender-system papers call hit rate HR@K. It does not care how many relevant results there are or where exactly the first one is, only whether one is within K. It is the natural measure when one good answer suffices. It grows with K and is always at least TREC recall@K.',
      zh: 'Success@K 就是度量学习和问答论文所说的 R@K 或 top-K 准确率，也是推荐系统论文所说的命中率 HR@K。它不关心有多少相关结果、第一个相关结果的确切位置，只关心前 K 名内有没有。当一个好答案就足够时，它是最自然的指标。它随 K 增大而增大，并且总是不小于 TREC recall@K。',
    },
    formula: {
      latex: '\\mathrm{Success@}K = \\mathbb{1}\\left[ \\sum_{i=1}^{K} \\mathrm{rel}(i) > 0 \\right]',
      symbols: { en: '𝟙[·]: 1 when the condition holds, else 0; rel(i): 1 if rank i is relevant.', zh: '𝟙[·]：条件成立时为 1，否则为 0；rel(i)：第 i 名相关时为 1。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} ${queryBText.en} Success@1 is 0 for A and 1 for B, mean {{expect.Success@1}}; Success@3 is 1 for both, mean {{expect.Success@3}}.`,
        zh: `${queryAText.zh}${queryBText.zh}A 的 Success@1 为 0，B 为 1，平均 {{expect.Success@1}}；两者的 Success@3 都是 1，平均 {{expect.Success@3}}。`,
      },
      computation: { kind: 'measures', queries: [queryA, queryB], expect: { 'Success@1': 0.5, 'Success@3': 1 } },
    },
    pitfalls: [
      {
        en: 'Labelling Success@K as "Recall@K" without a definition, so readers compare it with TREC recall.',
        zh: '把 Success@K 标成“Recall@K”又不给定义，读者就会拿它和 TREC 召回率比较。',
      },
    ],
    compareWith: ['recall-at-k', 'r-at-1'],
    related: ['reciprocal-rank', 'capped-recall'],
    references: [
      irMeasures,
      {
        title: 'Neural Collaborative Filtering',
        authors: 'He, Liao, Zhang, Nie, Hu, Chua',
        year: 2017,
        venue: 'WWW',
        arxiv: '1708.05031',
      },
    ],
  },
  {
    id: 'capped-recall',
    topic: 'retrieval-metric',
    term: { en: 'capped recall', zh: '截断召回率' },
    abbreviations: ['R_cap@K'],
    aliases: { en: ['recall cap', 'capped recall at k', 'R_cap'], zh: ['封顶召回率', '上限召回率'] },
    notation: [{ tool: 'beir', name: 'R_cap@100' }],
    definition: {
      en: 'The number of relevant documents in the top K divided by min(R, K), so that a perfect ranking scores 1 even when R > K.',
      zh: '前 K 名中相关文档的数目除以 min(R, K)，使得即使 R > K，完美的排序也能得 1。',
    },
    explanation: {
      en: 'TREC recall@K cannot reach 1 when a query has more relevant documents than K. BEIR\'s capped recall fixes the denominator to what is achievable. It equals TREC recall@K when R ≤ K and precision@K when R ≥ K. It is not a trec_eval measure (the closest is relative_P), so state it explicitly.',
      zh: '当查询的相关文档多于 K 时，TREC recall@K 不可能达到 1。BEIR 的截断召回率把分母改为可达到的上限。R ≤ K 时它等于 TREC recall@K，R ≥ K 时等于 precision@K。它不是 trec_eval 的指标（最接近的是 relative_P），所以要明确说明。',
    },
    formula: {
      latex: '\\mathrm{R_{cap}@}K = \\frac{\\sum_{i=1}^{K} \\mathrm{rel}(i)}{\\min(R, K)}',
      symbols: { en: 'R: number of relevant documents of the query.', zh: 'R：该查询的相关文档数。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} In the top 3 there is one relevant document: R_cap@3 = 1/min(4, 3) = {{expect.R_cap@3}}, while TREC R@3 = 1/4 = {{expect.R@3}}.`,
        zh: `${queryAText.zh}前 3 名中有一篇相关文档：R_cap@3 = 1/min(4, 3) = {{expect.R_cap@3}}，而 TREC R@3 = 1/4 = {{expect.R@3}}。`,
      },
      computation: { kind: 'measures', queries: [queryA], expect: { 'R_cap@3': 0.3333, 'R@3': 0.25 } },
    },
    pitfalls: [
      {
        en: 'Reporting capped recall as "recall" without saying so: it is systematically higher than TREC recall for small K.',
        zh: '把截断召回率当作“召回率”报告而不说明：K 较小时它系统性地高于 TREC 召回率。',
      },
    ],
    compareWith: ['recall-at-k'],
    related: ['success-at-k', 'precision-at-k'],
    references: [
      {
        title: 'BEIR: A Heterogenous Benchmark for Zero-shot Evaluation of Information Retrieval Models',
        authors: 'Thakur, Reimers, Rücklé, Srivastava, Gurevych',
        year: 2021,
        venue: 'NeurIPS Datasets and Benchmarks',
        arxiv: '2104.08663',
      },
    ],
  },
  {
    id: 'reciprocal-rank',
    topic: 'retrieval-metric',
    term: { en: 'mean reciprocal rank', zh: '平均倒数排名' },
    abbreviations: ['MRR', 'RR'],
    aliases: { en: ['reciprocal rank', 'MRR@10', 'mean reciprocal rank at k'], zh: ['倒数排名', '平均倒数秩', 'MRR 值'] },
    notation: [
      { tool: 'trec_eval', name: 'recip_rank' },
      { tool: 'ir_measures', name: 'RR@10' },
      { tool: 'ranx', name: 'mrr@10' },
    ],
    definition: {
      en: 'The reciprocal of the rank of the first relevant result (0 if none), averaged over queries.',
      zh: '第一个相关结果所在名次的倒数（没有则为 0）对查询取的平均。',
    },
    explanation: {
      en: 'Reciprocal rank rewards putting the first relevant answer early: rank 1 scores 1, rank 2 scores 0.5, rank 10 scores 0.1. It was the official measure of the TREC-8 question-answering track and is the official MS MARCO passage measure (MRR@10, where a first hit below rank 10 scores 0). trec_eval\'s recip_rank has no cutoff; MRR@10 needs -M 10 or ir_measures\' RR@10.',
      zh: '倒数排名奖励尽早给出第一个相关答案：第 1 名得 1，第 2 名得 0.5，第 10 名得 0.1。它是 TREC-8 问答评测的官方指标，也是 MS MARCO 段落检索的官方指标（MRR@10，第一个命中在第 10 名之后记 0）。trec_eval 的 recip_rank 没有截断；MRR@10 需要 -M 10 或 ir_measures 的 RR@10。',
    },
    formula: {
      latex: '\\mathrm{MRR} = \\frac{1}{|Q|} \\sum_{q \\in Q} \\frac{1}{\\mathrm{rank}_q}',
      symbols: { en: 'rank_q: rank of the first relevant result of query q (the term is 0 if there is none).', zh: 'rank_q：查询 q 第一个相关结果的名次（没有时该项为 0）。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} ${queryBText.en} The first relevant result is at rank 3 for A (RR = {{expect.perQuery.0}}) and rank 1 for B (RR = {{expect.perQuery.1}}): MRR = {{expect.mean}}.`,
        zh: `${queryAText.zh}${queryBText.zh}A 的第一个相关结果在第 3 名（RR = {{expect.perQuery.0}}），B 在第 1 名（RR = {{expect.perQuery.1}}）：MRR = {{expect.mean}}。`,
      },
      computation: { kind: 'measure', measure: 'RR', queries: [queryA, queryB], expect: { perQuery: [0.3333, 1], mean: 0.6667 } },
    },
    pitfalls: [
      {
        en: 'Comparing MRR and MRR@10 as if they were the same: without the cutoff, late hits still add a little.',
        zh: '把 MRR 和 MRR@10 当作同一个指标比较：不截断时，靠后的命中仍会加一点分。',
      },
      {
        en: 'Averaging ranks and then inverting: the mean of reciprocals is not the reciprocal of the mean rank.',
        zh: '先平均名次再取倒数：倒数的平均值不等于平均名次的倒数。',
      },
    ],
    compareWith: ['success-at-k', 'average-precision'],
    related: ['r-at-1', 'mean-average-precision'],
    references: [
      {
        title: 'The TREC-8 Question Answering Track Report',
        authors: 'Voorhees',
        year: 1999,
        venue: 'TREC-8 (NIST Special Publication 500-246)',
      },
    ],
  },
  {
    id: 'average-precision',
    topic: 'retrieval-metric',
    term: { en: 'average precision', zh: '平均精度' },
    abbreviations: ['AP'],
    aliases: { en: ['non-interpolated average precision', 'AP@k', 'uninterpolated average precision'], zh: ['平均精确率', 'AP 值', '非插值平均精度'] },
    notation: [
      { tool: 'trec_eval', name: 'map' },
      { tool: 'ir_measures', name: 'AP' },
      { tool: 'ranx', name: 'map' },
    ],
    definition: {
      en: "For one query, the mean of the precision values at the ranks of the relevant documents, counting relevant documents never retrieved as precision 0.",
      zh: '对单个查询，在各相关文档所在名次处的精确率的平均值，未被检索到的相关文档按精确率 0 计。',
    },
    explanation: {
      en: 'AP summarises a whole ranking in one number that rewards both finding all relevant documents (recall) and ranking them early (precision). The denominator is R, all relevant documents, so missing ones pull it down. It approximates the area under the precision-recall curve. trec_eval prints it as "map" even per query.',
      zh: 'AP 用一个数字概括整个排序，既奖励找到所有相关文档（召回），也奖励把它们排在前面（精确）。分母是全部相关文档数 R，因此没找到的相关文档会把它拉低。它近似于精确率-召回率曲线下的面积。trec_eval 即使在逐查询输出中也把它显示为“map”。',
    },
    formula: {
      latex: '\\mathrm{AP} = \\frac{1}{R} \\sum_{i=1}^{n} \\mathrm{rel}(i) \\cdot \\mathrm{P@}i',
      symbols: { en: 'R: relevant documents of the query; n: length of the ranking; P@i: precision at rank i.', zh: 'R：该查询的相关文档数；n：排序长度；P@i：第 i 名处的精确率。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} Precision at the relevant ranks is 1/3, 2/5 and 3/8; d11 is never found and adds 0: AP = (1/3 + 2/5 + 3/8)/4 = {{expect.mean}}.`,
        zh: `${queryAText.zh}各相关名次处的精确率为 1/3、2/5、3/8；d11 没找到，记 0：AP = (1/3 + 2/5 + 3/8)/4 = {{expect.mean}}。`,
      },
      computation: { kind: 'measure', measure: 'AP', queries: [queryA], expect: { perQuery: [0.2771], mean: 0.2771 } },
    },
    pitfalls: [
      {
        en: "Dividing by the number of relevant documents retrieved instead of all relevant documents: that ignores recall.",
        zh: '除以检索到的相关文档数而不是全部相关文档数：这就忽略了召回。',
      },
    ],
    compareWith: ['ndcg', 'reciprocal-rank'],
    related: ['mean-average-precision', 'precision-at-k', 'bpref'],
    references: [
      { title: 'Overview of the First Text REtrieval Conference (TREC-1)', authors: 'Harman', year: 1992, venue: 'TREC-1 (NIST Special Publication 500-207)' },
      manning,
    ],
  },
  {
    id: 'mean-average-precision',
    topic: 'retrieval-metric',
    term: { en: 'mean average precision', zh: '平均精度均值' },
    abbreviations: ['MAP', 'mAP'],
    aliases: { en: ['MAP@k', 'mean AP'], zh: ['平均准确率均值', 'mAP 值', '均值平均精度'] },
    notation: [
      { tool: 'trec_eval', name: 'map' },
      { tool: 'ir_measures', name: 'AP' },
      { tool: 'ranx', name: 'map@100' },
    ],
    definition: {
      en: 'The mean over queries of average precision.',
      zh: '各查询平均精度（AP）的平均值。',
    },
    explanation: {
      en: 'MAP was the main TREC ad hoc measure for decades. In object detection (PASCAL VOC, COCO) "mAP" means something related but different: AP per class, computed from a precision-recall curve over detections matched at an IoU threshold, then averaged over classes (and, in COCO, over IoU thresholds 0.50 to 0.95). Do not compare retrieval MAP with detection mAP.',
      zh: '几十年来 MAP 都是 TREC 专题检索的主要指标。在目标检测（PASCAL VOC、COCO）中，“mAP”含义相关但不同：在某个 IoU 阈值下匹配检测框，由精确率-召回率曲线算出每个类别的 AP，再对类别取平均（COCO 还要对 0.50 到 0.95 的 IoU 阈值取平均）。不要把检索的 MAP 与检测的 mAP 相比较。',
    },
    formula: {
      latex: '\\mathrm{MAP} = \\frac{1}{|Q|} \\sum_{q \\in Q} \\mathrm{AP}(q)',
      symbols: { en: 'Q: the queries; AP(q): average precision of query q.', zh: 'Q：查询集合；AP(q)：查询 q 的平均精度。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} ${queryBText.en} AP is {{expect.perQuery.0}} for A and {{expect.perQuery.1}} for B (one of two relevant documents, at rank 1): MAP = {{expect.mean}}.`,
        zh: `${queryAText.zh}${queryBText.zh}A 的 AP 为 {{expect.perQuery.0}}，B 为 {{expect.perQuery.1}}（两篇相关文档找到一篇，位于第 1 名）：MAP = {{expect.mean}}。`,
      },
      computation: { kind: 'measure', measure: 'AP', queries: [queryA, queryB], expect: { perQuery: [0.2771, 0.5], mean: 0.3885 } },
    },
    pitfalls: [
      {
        en: 'Computing MAP only over queries that have results: trec_eval averages over all queries with judgments (with -c, queries without results count as 0).',
        zh: '只对有结果的查询计算 MAP：trec_eval 对所有有判定的查询取平均（加 -c 时，没有结果的查询记 0）。',
      },
    ],
    compareWith: ['ndcg'],
    related: ['average-precision', 'reciprocal-rank', 'benchmark'],
    references: [
      { title: 'Overview of the First Text REtrieval Conference (TREC-1)', authors: 'Harman', year: 1992, venue: 'TREC-1 (NIST Special Publication 500-207)' },
      {
        title: 'The Pascal Visual Object Classes (VOC) Challenge',
        authors: 'Everingham, Van Gool, Williams, Winn, Zisserman',
        year: 2010,
        venue: 'International Journal of Computer Vision 88(2)',
        doi: '10.1007/s11263-009-0275-4',
      },
    ],
  },
  {
    id: 'dcg',
    topic: 'retrieval-metric',
    term: { en: 'discounted cumulative gain', zh: '折损累计增益' },
    abbreviations: ['DCG'],
    aliases: { en: ['DCG@k', 'cumulative gain with discount'], zh: ['折扣累积增益', '折损累积增益', 'DCG 值'] },
    notation: [
      { tool: 'ranx', name: 'dcg@10' },
      { tool: 'trec_eval', name: 'dcg' },
    ],
    definition: {
      en: 'The sum of the graded gains of the top K results, each divided by a logarithmic discount of its rank.',
      zh: '前 K 个结果的分级增益之和，每个增益都除以其名次的对数折损。',
    },
    explanation: {
      en: 'DCG uses graded relevance: a highly relevant document adds more than a partly relevant one, and every gain is discounted by log2(rank + 1), so rank 1 is not discounted and rank 3 counts half. trec_eval uses the grade itself as the gain; some libraries use 2^grade − 1, which weights high grades more, so numbers differ between tools. DCG has no upper bound; nDCG normalises it.',
      zh: 'DCG 使用分级相关性：高度相关的文档比部分相关的文档贡献更多，而每个增益都按 log2(名次 + 1) 折损，因此第 1 名不折损，第 3 名只算一半。trec_eval 直接用等级作为增益；有些库用 2^等级 − 1，更看重高等级，所以不同工具的数字会不同。DCG 没有上界；nDCG 对它做归一化。',
    },
    formula: {
      latex: '\\mathrm{DCG@}K = \\sum_{i=1}^{K} \\frac{g_i}{\\log_2(i + 1)}',
      symbols: { en: 'g_i: gain of the document at rank i (its relevance grade in trec_eval).', zh: 'g_i：第 i 名文档的增益（trec_eval 中即其相关等级）。' },
    },
    range: { min: 0, max: null, better: 'higher' },
    example: {
      text: {
        en: `${queryAText.en} The gains in the top 5 are 2 at rank 3 and 1 at rank 5: DCG@5 = 2/log2(4) + 1/log2(6) = {{expect.mean}}.`,
        zh: `${queryAText.zh}前 5 名中的增益是第 3 名的 2 和第 5 名的 1：DCG@5 = 2/log2(4) + 1/log2(6) = {{expect.mean}}。`,
      },
      computation: { kind: 'measure', measure: 'DCG@5', queries: [queryA], expect: { perQuery: [1.3869], mean: 1.3869 } },
    },
    pitfalls: [
      {
        en: 'Averaging raw DCG over queries with different numbers of relevant documents: easy queries dominate; use nDCG.',
        zh: '对相关文档数不同的查询直接平均 DCG：简单的查询会占主导；应使用 nDCG。',
      },
    ],
    compareWith: [],
    related: ['ndcg', 'relevance-judgments'],
    references: [
      {
        title: 'Cumulated gain-based evaluation of IR techniques',
        authors: 'Järvelin, Kekäläinen',
        year: 2002,
        venue: 'ACM Transactions on Information Systems 20(4)',
        doi: '10.1145/582415.582418',
      },
    ],
  },
  {
    id: 'ndcg',
    topic: 'retrieval-metric',
    term: { en: 'normalized discounted cumulative gain', zh: '归一化折损累计增益' },
    abbreviations: ['nDCG', 'NDCG'],
    aliases: { en: ['nDCG@10', 'NDCG@k', 'normalised DCG', 'normalized DCG'], zh: ['归一化折扣累积增益', '标准化折损累计增益', 'nDCG 值'] },
    notation: [
      { tool: 'trec_eval', name: 'ndcg_cut.10' },
      { tool: 'ir_measures', name: 'nDCG@10' },
      { tool: 'ranx', name: 'ndcg@10' },
      { tool: 'pytrec_eval', name: 'ndcg_cut_10' },
    ],
    definition: {
      en: 'DCG@K divided by the DCG@K of the ideal ranking of the judged documents, giving a value between 0 and 1.',
      zh: 'DCG@K 除以已判定文档理想排序的 DCG@K，得到 0 到 1 之间的值。',
    },
    explanation: {
      en: 'nDCG is the standard measure of graded-relevance benchmarks (BEIR reports nDCG@10). The ideal DCG sorts all judged documents by grade, including relevant ones the system never retrieved, so missing a highly relevant document costs. trec_eval\'s ndcg_cut.10 uses the grade as a linear gain; ndcg without a cutoff uses the whole ranking. A query with no relevant document scores 0.',
      zh: 'nDCG 是分级相关性基准测试的标准指标（BEIR 报告 nDCG@10）。理想 DCG 把所有已判定文档按等级排序，包括系统从未检索到的相关文档，因此漏掉高度相关的文档会受罚。trec_eval 的 ndcg_cut.10 以等级作为线性增益；不带截断的 ndcg 使用整个排序。没有相关文档的查询得 0。',
    },
    formula: {
      latex: '\\mathrm{nDCG@}K = \\frac{\\mathrm{DCG@}K}{\\mathrm{IDCG@}K}, \\quad \\mathrm{IDCG@}K = \\sum_{i=1}^{K} \\frac{g^{*}_i}{\\log_2(i + 1)}',
      symbols: { en: 'g*_i: the i-th largest gain among all judged documents of the query.', zh: 'g*_i：该查询所有已判定文档中第 i 大的增益。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} DCG@5 = {{parts.dcg.expect.DCG@5}}; the ideal top 5 has gains 2, 1, 1, 1, so IDCG@5 = {{parts.ideal.expect.DCG@5}} and nDCG@5 = {{parts.ndcg.expect.perQuery.0}}. ${queryBText.en} nDCG@5 = 1/(1 + 1/log2 3) = {{parts.ndcg.expect.perQuery.1}}. Mean: {{parts.ndcg.expect.mean}}.`,
        zh: `${queryAText.zh}DCG@5 = {{parts.dcg.expect.DCG@5}}；理想的前 5 名增益为 2、1、1、1，所以 IDCG@5 = {{parts.ideal.expect.DCG@5}}，nDCG@5 = {{parts.ndcg.expect.perQuery.0}}。${queryBText.zh}nDCG@5 = 1/(1 + 1/log2 3) = {{parts.ndcg.expect.perQuery.1}}。平均：{{parts.ndcg.expect.mean}}。`,
      },
      computation: {
        kind: 'combined',
        parts: {
          ndcg: { kind: 'measure', measure: 'nDCG@5', queries: [queryA, queryB], expect: { perQuery: [0.3894, 0.6131], mean: 0.5013 } },
          dcg: { kind: 'measures', queries: [queryA], expect: { 'DCG@5': 1.3869 } },
          ideal: { kind: 'measures', queries: [{ ranking: ['d1', 'd2', 'd4', 'd11'], qrels: queryA.qrels }], expect: { 'DCG@5': 3.5616 } },
        },
      },
    },
    pitfalls: [
      {
        en: 'Comparing nDCG computed with gain 2^grade − 1 (some libraries) with trec_eval\'s linear gain.',
        zh: '把使用 2^等级 − 1 增益（某些库）算出的 nDCG 与 trec_eval 的线性增益 nDCG 相比较。',
      },
      {
        en: 'Building the ideal ranking only from retrieved documents: the ideal must use all judged documents.',
        zh: '只用检索到的文档构造理想排序：理想排序必须使用所有已判定文档。',
      },
    ],
    compareWith: ['mean-average-precision', 'rank-biased-precision'],
    related: ['dcg', 'relevance-judgments', 'benchmark'],
    references: [
      {
        title: 'Cumulated gain-based evaluation of IR techniques',
        authors: 'Järvelin, Kekäläinen',
        year: 2002,
        venue: 'ACM Transactions on Information Systems 20(4)',
        doi: '10.1145/582415.582418',
      },
    ],
  },
  {
    id: 'r-precision',
    topic: 'retrieval-metric',
    term: { en: 'R-precision', zh: 'R-精确率' },
    abbreviations: ['Rprec', 'R-Prec'],
    aliases: { en: ['R precision', 'precision at R'], zh: ['R 精确率', 'R-准确率'] },
    notation: [
      { tool: 'trec_eval', name: 'Rprec' },
      { tool: 'ir_measures', name: 'Rprec' },
      { tool: 'ranx', name: 'r-precision' },
    ],
    definition: {
      en: 'Precision at rank R, where R is the number of relevant documents of the query.',
      zh: '在第 R 名处的精确率，R 为该查询的相关文档数。',
    },
    explanation: {
      en: 'Choosing the cutoff per query as R makes a perfect ranking score 1 on every query, unlike P@10. At rank R precision equals recall, so R-precision is also the break-even point of the precision-recall curve. Metric-learning libraries use it too, with R the number of gallery items of the query\'s class.',
      zh: '按查询把截断位置取为 R，使完美排序在每个查询上都得 1，这一点不同于 P@10。在第 R 名处精确率等于召回率，因此 R-精确率也是精确率-召回率曲线的平衡点。度量学习库也用它，其中 R 是检索库中与查询同类的条目数。',
    },
    formula: {
      latex: '\\mathrm{Rprec} = \\frac{1}{R} \\sum_{i=1}^{R} \\mathrm{rel}(i)',
      symbols: { en: 'R: relevant documents of the query.', zh: 'R：该查询的相关文档数。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: `${queryAText.en} R = 4 and the top 4 hold one relevant document: Rprec = {{expect.perQuery.0}}. ${queryBText.en} R = 2 and the top 2 hold one: Rprec = {{expect.perQuery.1}}. Mean {{expect.mean}}.`,
        zh: `${queryAText.zh}R = 4，前 4 名中有一篇相关：Rprec = {{expect.perQuery.0}}。${queryBText.zh}R = 2，前 2 名中有一篇：Rprec = {{expect.perQuery.1}}。平均 {{expect.mean}}。`,
      },
      computation: { kind: 'measure', measure: 'Rprec', queries: [queryA, queryB], expect: { perQuery: [0.25, 0.5], mean: 0.375 } },
    },
    pitfalls: [
      {
        en: 'Using R-precision when the qrels are very incomplete: R is then underestimated and the cutoff is wrong.',
        zh: 'qrels 极不完整时使用 R-精确率：此时 R 被低估，截断位置也就错了。',
      },
    ],
    compareWith: ['precision-at-k'],
    related: ['average-precision', 'recall-at-k'],
    references: [
      { title: 'Retrieval System Evaluation', authors: 'Buckley, Voorhees', year: 2005, venue: 'in TREC: Experiment and Evaluation in Information Retrieval, MIT Press' },
      {
        title: 'A Metric Learning Reality Check',
        authors: 'Musgrave, Belongie, Lim',
        year: 2020,
        venue: 'ECCV',
        arxiv: '2003.08505',
      },
    ],
  },
  {
    id: 'bpref',
    topic: 'retrieval-metric',
    term: { en: 'bpref', zh: '二元偏好' },
    abbreviations: ['bpref'],
    aliases: { en: ['binary preference', 'binary preference-based measure'], zh: ['二元偏好指标', '二值偏好'] },
    notation: [
      { tool: 'trec_eval', name: 'bpref' },
      { tool: 'ir_measures', name: 'Bpref' },
      { tool: 'ranx', name: 'bpref' },
    ],
    definition: {
      en: 'A measure that uses only judged documents: each relevant document is penalised by the share of judged non-relevant documents ranked above it.',
      zh: '只使用已判定文档的指标：每篇相关文档按排在它前面的已判定不相关文档所占比例扣分。',
    },
    explanation: {
      en: 'Buckley and Voorhees designed bpref for incomplete judgments: unjudged documents are skipped instead of counted as non-relevant, so a system that retrieves many unjudged documents is not punished for them. With complete judgments it ranks systems much like MAP. trec_eval normalises by min(N, R), where N is the number of judged non-relevant documents.',
      zh: 'Buckley 和 Voorhees 为不完整判定设计了 bpref：未判定文档被跳过，而不是按不相关计算，所以检索出大量未判定文档的系统不会因此受罚。判定完整时，它对系统的排名与 MAP 很接近。trec_eval 用 min(N, R) 归一化，N 为已判定不相关文档的数目。',
    },
    formula: {
      latex: '\\mathrm{bpref} = \\frac{1}{R} \\sum_{r} \\left( 1 - \\frac{\\min(n_r, R)}{\\min(N, R)} \\right)',
      symbols: {
        en: 'r: each retrieved relevant document; n_r: judged non-relevant documents ranked above r; N: all judged non-relevant documents; R: relevant documents.',
        zh: 'r：每篇检索到的相关文档；n_r：排在 r 之前的已判定不相关文档数；N：全部已判定不相关文档数；R：相关文档数。',
      },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'Qrels: d1, d4, d6 relevant; d2, d5, d7 judged non-relevant. The run ranks d1, d2, d3 (unjudged), d4, d5. d1 has no non-relevant document above it and adds 1; d4 has one (d2) and adds 1 − 1/3; d6 is not retrieved. bpref = {{expect.Bpref}}, while AP = {{expect.AP}}.',
        zh: 'qrels：d1、d4、d6 相关；d2、d5、d7 判定为不相关。运行结果排序为 d1、d2、d3（未判定）、d4、d5。d1 前面没有不相关文档，加 1；d4 前面有一篇（d2），加 1 − 1/3；d6 没有被检索到。bpref = {{expect.Bpref}}，而 AP = {{expect.AP}}。',
      },
      computation: {
        kind: 'measures',
        queries: [{ ranking: ['d1', 'd2', 'd3', 'd4', 'd5'], qrels: { d1: 1, d4: 1, d6: 1, d2: 0, d5: 0, d7: 0 } }],
        expect: { Bpref: 0.5556, AP: 0.5 },
      },
    },
    pitfalls: [
      {
        en: 'Assuming bpref fixes every bias of incomplete judgments: later work (infAP, condensed lists) found it can still mis-rank systems.',
        zh: '以为 bpref 消除了不完整判定的所有偏差：后续研究（infAP、压缩列表）发现它仍可能排错系统。',
      },
    ],
    compareWith: ['average-precision'],
    related: ['pooling', 'judged-at-k', 'relevance-judgments'],
    references: [
      {
        title: 'Retrieval Evaluation with Incomplete Information',
        authors: 'Buckley, Voorhees',
        year: 2004,
        venue: 'SIGIR',
        url: 'https://www.nist.gov/publications/retrieval-evaluation-incomplete-information',
      },
    ],
  },
  {
    id: 'rank-biased-precision',
    topic: 'retrieval-metric',
    term: { en: 'rank-biased precision', zh: '秩偏精确率' },
    abbreviations: ['RBP'],
    aliases: { en: ['RBP(p=0.8)', 'rank biased precision'], zh: ['排名偏置精确率', '等级偏置精确率'] },
    notation: [
      { tool: 'trec_eval', name: 'rbp' },
      { tool: 'ir_measures', name: 'RBP(p=0.8)' },
    ],
    definition: {
      en: 'The expected rate of relevant documents seen by a user who moves from each result to the next with probability p.',
      zh: '用户以概率 p 从每个结果继续看下一个结果时，所看到的相关文档的期望比率。',
    },
    explanation: {
      en: 'Moffat and Zobel model a user with persistence p: the user always reads rank 1 and continues to the next result with probability p. The weights (1 − p)p^(i−1) sum to 1, so RBP needs no R and does not depend on unjudged relevant documents; the weight not yet accounted for at depth d, p^d, is the residual, an explicit bound on the uncertainty. p = 0.8 models an impatient user, 0.95 a persistent one.',
      zh: 'Moffat 和 Zobel 用“坚持度” p 建模用户：用户总会读第 1 名，并以概率 p 继续看下一个结果。权重 (1 − p)p^(i−1) 之和为 1，因此 RBP 不需要 R，也不依赖未判定的相关文档；在深度 d 处尚未计入的权重 p^d 称为残差，是对不确定性的明确界定。p = 0.8 对应没耐心的用户，0.95 对应有耐心的用户。',
    },
    formula: {
      latex: '\\mathrm{RBP} = (1 - p) \\sum_{i=1}^{\\infty} \\mathrm{rel}(i) \\cdot p^{i-1}',
      symbols: { en: 'p: probability of moving on to the next result; rel(i): relevance (0/1 or a scaled grade) at rank i.', zh: 'p：继续看下一个结果的概率；rel(i)：第 i 名的相关性（0/1 或缩放后的等级）。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'With p = 0.8, a ranking whose relevant documents are at ranks 1 and 3 scores RBP = (1 − 0.8) × (1 + 0.8²) = {{expect.mean}}.',
        zh: 'p = 0.8 时，相关文档位于第 1 和第 3 名的排序，其 RBP = (1 − 0.8) × (1 + 0.8²) = {{expect.mean}}。',
      },
      computation: {
        kind: 'measure',
        measure: 'RBP(p=0.8)',
        queries: [{ ranking: ['a', 'b', 'c', 'd'], qrels: { a: 1, c: 1, b: 0, d: 0 } }],
        expect: { perQuery: [0.328], mean: 0.328 },
      },
    },
    pitfalls: [
      {
        en: 'Reporting RBP without p, or without the residual when many top documents are unjudged.',
        zh: '报告 RBP 却不给 p，或在前几名有大量未判定文档时不给残差。',
      },
    ],
    compareWith: ['ndcg'],
    related: ['precision-at-k', 'judged-at-k', 'ndcg'],
    references: [
      {
        title: 'Rank-biased precision for measurement of retrieval effectiveness',
        authors: 'Moffat, Zobel',
        year: 2008,
        venue: 'ACM Transactions on Information Systems 27(1)',
        doi: '10.1145/1416950.1416952',
      },
    ],
  },
  {
    id: 'judged-at-k',
    topic: 'retrieval-metric',
    term: { en: 'Judged@K', zh: '已判定比例@K' },
    abbreviations: ['Judged@K'],
    aliases: { en: ['judgment rate', 'judged at k', 'hole rate', 'Hole@K'], zh: ['判定覆盖率', '已判定率', '未判定比例'] },
    notation: [
      { tool: 'ir_measures', name: 'Judged@10' },
      { tool: 'beir', name: 'Hole@10' },
      { tool: 'trec_eval', name: 'unj.10' },
    ],
    definition: {
      en: 'The fraction of the top K results that have a relevance judgment (relevant or not).',
      zh: '前 K 个结果中有相关性判定（无论相关与否）的比例。',
    },
    explanation: {
      en: 'Judged@K is not a quality measure but a warning light: when it is low, measures that count unjudged documents as non-relevant underestimate the system. Report it next to nDCG@10 whenever a system was not part of the judgment pool (new dense retrievers on old collections). BEIR\'s Hole@K is 1 − Judged@K; trec_eval 10\'s unj is the unjudged fraction too.',
      zh: 'Judged@K 不是质量指标而是警示灯：它低时，把未判定文档当作不相关的指标会低估系统。只要系统没有参与构建判定池（例如在旧集合上评价新的稠密检索器），就应在 nDCG@10 旁边报告它。BEIR 的 Hole@K 等于 1 − Judged@K；trec_eval 10 的 unj 也是未判定比例。',
    },
    formula: {
      latex: '\\mathrm{Judged@}K = \\frac{1}{K} \\sum_{i=1}^{K} \\mathbb{1}[d_i \\in \\mathrm{qrels}]',
      symbols: { en: 'd_i: the document at rank i.', zh: 'd_i：第 i 名的文档。' },
    },
    range: unitInterval,
    example: {
      text: {
        en: 'Of the top 5 documents d1…d5, the qrels judge d1, d2 and d4 (one relevant, two not): Judged@5 = {{expect.mean}}, so two of five positions were scored as non-relevant without anyone looking.',
        zh: '前 5 篇文档 d1…d5 中，qrels 判定了 d1、d2、d4（一篇相关，两篇不相关）：Judged@5 = {{expect.mean}}，也就是说五个位置中有两个在无人查看的情况下被算作不相关。',
      },
      computation: {
        kind: 'measure',
        measure: 'Judged@5',
        queries: [{ ranking: ['d1', 'd2', 'd3', 'd4', 'd5'], qrels: { d1: 0, d2: 1, d4: 0 } }],
        expect: { perQuery: [0.6], mean: 0.6 },
      },
    },
    pitfalls: [
      {
        en: 'Reading a low nDCG as a bad system when Judged@10 is also low: the qrels may simply not cover what it found.',
        zh: 'Judged@10 也很低时，把低 nDCG 解读为系统差：可能只是 qrels 没覆盖它找到的文档。',
      },
    ],
    compareWith: [],
    related: ['pooling', 'bpref', 'relevance-judgments'],
    references: [irMeasures, treeBook],
  },
];
