import type { GlossaryEntry } from '../schema.js';

const toyCorpus = {
  d1: 'the quick brown fox jumps over the lazy dog',
  d2: 'the fox',
  d3: 'brown brown brown dog dog',
  d4: 'a lazy afternoon with no animals at all in sight today',
  d5: 'quick quick fox fox fox brown',
};

export const retrievalMethodEntries: readonly GlossaryEntry[] = [
  {
    id: 'bm25',
    topic: 'retrieval-method',
    term: { en: 'BM25', zh: 'BM25 检索模型' },
    abbreviations: ['BM25'],
    aliases: { en: ['Okapi BM25', 'best matching 25', 'BM-25', 'Lucene BM25'], zh: ['Okapi BM25 模型', 'BM25 算法', '最佳匹配 25'] },
    notation: [
      { tool: 'benchline', name: 'benchline bm25 --dataset DIR' },
      { tool: 'beir', name: 'BM25 (Elasticsearch)' },
    ],
    definition: {
      en: 'A lexical ranking function that scores a document by the query terms it contains, weighting each by its rarity (idf) and a saturating, length-normalised term frequency.',
      zh: '一种词项匹配排序函数：按文档包含的查询词给文档打分，每个词按其稀有度（idf）以及饱和的、经长度归一化的词频加权。',
    },
    explanation: {
      en: 'BM25 comes from the probabilistic relevance framework of Robertson and Spärck Jones. k1 controls how quickly repeated occurrences stop adding score; b controls how much long documents are penalised. Implementations differ in small ways (Lucene drops the (k1 + 1) factor and uses ln(1 + …) idf; Anserini defaults to k1 = 0.9, b = 0.4, Lucene and Elasticsearch to 1.2 and 0.75), and in their tokenisers, which matter more. BM25 needs no training and is a strong zero-shot baseline; for Chinese it is usually run over character bigrams.',
      zh: 'BM25 源于 Robertson 和 Spärck Jones 的概率相关性框架。k1 控制重复出现的词多快不再增加分数；b 控制对长文档的惩罚程度。各实现有细微差别（Lucene 去掉了 (k1 + 1) 因子，idf 用 ln(1 + …)；Anserini 默认 k1 = 0.9、b = 0.4，Lucene 和 Elasticsearch 默认 1.2 和 0.75），分词器的差别影响更大。BM25 不需要训练，是很强的零样本基线模型；对中文通常在字符二元组上运行。',
    },
    formula: {
      latex: '\\mathrm{score}(q, d) = \\sum_{t \\in q} \\ln\\left( 1 + \\frac{N - n_t + 0.5}{n_t + 0.5} \\right) \\cdot \\frac{f_{t,d}}{f_{t,d} + k_1 \\left( 1 - b + b \\cdot \\frac{|d|}{\\mathrm{avgdl}} \\right)}',
      symbols: {
        en: 'N: documents; n_t: documents containing t; f_{t,d}: occurrences of t in d; |d|: length of d in tokens; avgdl: mean length (Lucene\'s form).',
        zh: 'N：文档数；n_t：包含 t 的文档数；f_{t,d}：t 在 d 中出现的次数；|d|：d 的词数；avgdl：平均长度（Lucene 的形式）。',
      },
    },
    range: { min: 0, max: null, better: 'higher' },
    example: {
      text: {
        en: 'On the five-document toy corpus, the query "lazy dog dog" with Lucene\'s defaults (k1 = 1.2, b = 0.75) scores d3 "brown brown brown dog dog" {{expect.scores.d3}}, d1 (which contains both words once) {{expect.scores.d1}}, d4 (only "lazy", but long) {{expect.scores.d4}}, d2 and d5 {{expect.scores.d2}}. The repeated query word counts twice.',
        zh: '在五篇文档的玩具语料上，用 Lucene 默认参数（k1 = 1.2，b = 0.75）检索“lazy dog dog”：d3“brown brown brown dog dog”得 {{expect.scores.d3}}，d1（两个词各出现一次）得 {{expect.scores.d1}}，d4（只有“lazy”，且很长）得 {{expect.scores.d4}}，d2 和 d5 得 {{expect.scores.d2}}。查询中重复的词计两次。',
      },
      computation: {
        kind: 'bm25',
        documents: toyCorpus,
        query: 'lazy dog dog',
        k1: 1.2,
        b: 0.75,
        expect: { scores: { d1: 1.0392, d2: 0, d3: 1.1744, d4: 0.3127, d5: 0 } },
      },
    },
    pitfalls: [
      {
        en: 'Saying "BM25" without the variant, k1, b and the analyzer (stemming, stopwords, CJK bigrams): each changes the numbers.',
        zh: '只说“BM25”而不给变体、k1、b 和分析器（词干化、停用词、中日韩二元组）：每一项都会改变数字。',
      },
      {
        en: 'Indexing Chinese with a whitespace tokenizer: a sentence becomes one token and nothing matches.',
        zh: '用空格分词器索引中文：一整句成了一个词，什么都匹配不上。',
      },
    ],
    compareWith: ['dense-retrieval'],
    related: ['baseline', 'reciprocal-rank-fusion', 'zero-shot-evaluation', 'run'],
    references: [
      { title: 'Okapi at TREC-3', authors: 'Robertson, Walker, Jones, Hancock-Beaulieu, Gatford', year: 1994, venue: 'TREC-3 (NIST Special Publication 500-225)' },
      {
        title: 'The Probabilistic Relevance Framework: BM25 and Beyond',
        authors: 'Robertson, Zaragoza',
        year: 2009,
        venue: 'Foundations and Trends in Information Retrieval 3(4)',
        doi: '10.1561/1500000019',
      },
      { title: 'Which BM25 Do You Mean? A Large-Scale Reproducibility Study of Scoring Variants', authors: 'Kamphuis, de Vries, Boytsov, Lin', year: 2020, venue: 'ECIR' },
    ],
  },
  {
    id: 'reciprocal-rank-fusion',
    topic: 'retrieval-method',
    term: { en: 'reciprocal rank fusion', zh: '倒数排名融合' },
    abbreviations: ['RRF'],
    aliases: { en: ['RRF fusion', 'rank fusion', 'hybrid search fusion'], zh: ['倒数秩融合', 'RRF 融合', '排名融合'] },
    notation: [
      { tool: 'ranx', name: 'rrf' },
      { tool: 'benchline', name: 'benchline fuse --method rrf' },
    ],
    definition: {
      en: 'Combining several rankings by giving each document the sum, over the rankings, of 1/(k + its rank), with k = 60.',
      zh: '合并多个排序的方法：每篇文档的得分为它在各排序中 1/(k + 名次) 之和，k 取 60。',
    },
    explanation: {
      en: 'RRF uses only ranks, so it needs no score normalisation and combines systems whose scores are on unrelated scales (BM25 and a dense retriever, say). The constant k = 60 damps the influence of the very top ranks; Cormack et al. found it robust across collections. A document ranked moderately well by several systems can beat one ranked first by a single system. It is the usual way to build a hybrid lexical + dense system.',
      zh: 'RRF 只使用名次，因此不需要分数归一化，可以合并分数尺度互不相关的系统（例如 BM25 和稠密检索器）。常数 k = 60 削弱了最靠前名次的影响；Cormack 等发现它在各种集合上都很稳健。被多个系统都排得不错的文档，可能胜过只被一个系统排第一的文档。它是构建词项 + 稠密混合系统的常用方法。',
    },
    formula: {
      latex: '\\mathrm{RRF}(d) = \\sum_{r \\in R} \\frac{1}{k + \\mathrm{rank}_r(d)}, \\quad k = 60',
      symbols: { en: 'R: the rankings; rank_r(d): position of d in ranking r (absent documents add nothing).', zh: 'R：各个排序；rank_r(d)：d 在排序 r 中的名次（未出现的文档不加分）。' },
    },
    example: {
      text: {
        en: 'BM25 ranks a, b, c and a dense retriever ranks b, c, d. With k = 60: b = 1/(60 + 2) + 1/(60 + 1) = {{expect.scores.b}}, c = 1/(60 + 3) + 1/(60 + 2) = {{expect.scores.c}}, a = 1/(60 + 1) = {{expect.scores.a}}, d = 1/(60 + 3) = {{expect.scores.d}}. The fused order is b, c, a, d: a, first for BM25 alone, drops to third.',
        zh: 'BM25 的排序是 a、b、c，稠密检索器的排序是 b、c、d。k = 60 时：b = 1/(60 + 2) + 1/(60 + 1) = {{expect.scores.b}}，c = 1/(60 + 3) + 1/(60 + 2) = {{expect.scores.c}}，a = 1/(60 + 1) = {{expect.scores.a}}，d = 1/(60 + 3) = {{expect.scores.d}}。融合后的顺序是 b、c、a、d：只被 BM25 排第一的 a 降到第三。',
      },
      computation: {
        kind: 'rrf',
        k: 60,
        rankings: [
          ['a', 'b', 'c'],
          ['b', 'c', 'd'],
        ],
        expect: { scores: { a: 0.01639, b: 0.03252, c: 0.03200, d: 0.01587 }, order: ['b', 'c', 'a', 'd'] },
      },
    },
    pitfalls: [
      {
        en: 'Fusing runs cut at different depths: a document missing from a short run is treated as unranked there.',
        zh: '融合截断深度不同的运行结果：在较短运行结果中缺失的文档会被当作未排名。',
      },
    ],
    compareWith: [],
    related: ['bm25', 'dense-retrieval', 'reciprocal-rank'],
    references: [
      {
        title: 'Reciprocal Rank Fusion outperforms Condorcet and individual Rank Learning Methods',
        authors: 'Cormack, Clarke, Büttcher',
        year: 2009,
        venue: 'SIGIR',
        doi: '10.1145/1571941.1572114',
      },
    ],
  },
  {
    id: 'dense-retrieval',
    topic: 'retrieval-method',
    term: { en: 'dense retrieval', zh: '稠密检索' },
    abbreviations: ['DPR'],
    aliases: {
      en: ['dense passage retrieval', 'bi-encoder', 'dual encoder', 'embedding retrieval', 'vector search', 'semantic search'],
      zh: ['密集检索', '双塔模型', '向量检索', '语义检索', '稠密段落检索'],
    },
    notation: [],
    definition: {
      en: 'Retrieval by encoding queries and documents separately into dense vectors and ranking documents by vector similarity (dot product or cosine).',
      zh: '把查询和文档分别编码为稠密向量，并按向量相似度（点积或余弦）对文档排序的检索方法。',
    },
    explanation: {
      en: 'A bi-encoder (for example DPR or a Sentence-BERT model) is trained, usually with a contrastive loss and in-batch negatives, so that relevant query–document pairs have similar vectors. Documents are encoded once, offline; a query costs one encoder pass plus a nearest-neighbour search, exact or approximate (HNSW, IVF). Dense retrieval matches paraphrases that share no words, but out of domain it often loses to BM25 (BEIR), and hybrids with BM25 via RRF are common.',
      zh: '双塔编码器（例如 DPR 或 Sentence-BERT 模型）通常用对比损失和批内负例训练，使相关的查询-文档对具有相似的向量。文档离线编码一次；一次查询只需一次编码和一次最近邻搜索（精确或近似，如 HNSW、IVF）。稠密检索能匹配没有共同词的改写，但在域外常常输给 BM25（BEIR），因此常通过 RRF 与 BM25 混合。',
    },
    formula: {
      latex: 's(q, d) = E_Q(q)^{\\top} E_D(d)',
      symbols: { en: 'E_Q, E_D: the query and document encoders.', zh: 'E_Q、E_D：查询编码器和文档编码器。' },
    },
    example: {
      text: {
        en: 'A query vector (0.6, 0.8) and three unit-length document vectors d1 (0.8, 0.6), d2 (0, 1), d3 (1, 0): dot products {{expect.scores.d1}}, {{expect.scores.d2}}, {{expect.scores.d3}}, so the ranking is d1, d2, d3.',
        zh: '查询向量 (0.6, 0.8) 与三个单位长度的文档向量 d1 (0.8, 0.6)、d2 (0, 1)、d3 (1, 0)：点积为 {{expect.scores.d1}}、{{expect.scores.d2}}、{{expect.scores.d3}}，所以排序为 d1、d2、d3。',
      },
      computation: {
        kind: 'similarity',
        metric: 'dot',
        query: [0.6, 0.8],
        documents: { d1: [0.8, 0.6], d2: [0, 1], d3: [1, 0] },
        expect: { scores: { d1: 0.96, d2: 0.8, d3: 0.6 } },
      },
    },
    pitfalls: [
      {
        en: 'Scoring with cosine a model trained for dot product (or the reverse): the ranking changes when vector norms differ.',
        zh: '用余弦给为点积训练的模型打分（或反之）：向量范数不同时排序会改变。',
      },
    ],
    compareWith: ['bm25', 'cross-encoder'],
    related: ['cosine-similarity', 'late-interaction', 'reciprocal-rank-fusion', 'zero-shot-evaluation', 'r-at-1'],
    references: [
      { title: 'Dense Passage Retrieval for Open-Domain Question Answering', authors: 'Karpukhin, Oğuz, Min, Lewis, Wu, Edunov, Chen, Yih', year: 2020, venue: 'EMNLP', arxiv: '2004.04906' },
      { title: 'Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks', authors: 'Reimers, Gurevych', year: 2019, venue: 'EMNLP', arxiv: '1908.10084' },
    ],
  },
  {
    id: 'cosine-similarity',
    topic: 'retrieval-method',
    term: { en: 'cosine similarity', zh: '余弦相似度' },
    abbreviations: [],
    aliases: { en: ['cosine', 'cosine score', 'normalized dot product'], zh: ['余弦', '余弦距离', '归一化点积'] },
    notation: [],
    definition: {
      en: 'The dot product of two vectors divided by the product of their lengths: the cosine of the angle between them.',
      zh: '两个向量的点积除以它们长度的乘积，即两向量夹角的余弦。',
    },
    explanation: {
      en: 'Cosine similarity ignores vector length, so a long document vector does not win just by being long; it ranges from −1 to 1. The vector space model of Salton et al. ranked documents by the cosine of tf-idf vectors; dense retrievers use it on embeddings. For vectors normalised to length 1, cosine and dot product give the same ranking, and Euclidean distance the reverse order of the same ranking.',
      zh: '余弦相似度忽略向量长度，所以长文档的向量不会只因为长而胜出；取值范围为 −1 到 1。Salton 等的向量空间模型按 tf-idf 向量的余弦给文档排序；稠密检索器在嵌入向量上使用它。对长度归一化为 1 的向量，余弦与点积给出相同的排序，欧氏距离给出同一排序的逆序。',
    },
    formula: {
      latex: '\\cos(u, v) = \\frac{u \\cdot v}{\\lVert u \\rVert \\, \\lVert v \\rVert}',
      symbols: { en: 'u·v: dot product; ‖u‖: Euclidean length.', zh: 'u·v：点积；‖u‖：欧氏长度。' },
    },
    range: { min: -1, max: 1, better: 'higher' },
    example: {
      text: {
        en: 'Query (1, 2, 0); d1 = (2, 4, 0) points the same way, d2 = (3, 0, 4) does not. Cosine: d1 {{expect.scores.d1}}, d2 {{expect.scores.d2}}, although their dot products with the query are 10 and 3.',
        zh: '查询 (1, 2, 0)；d1 = (2, 4, 0) 与它同向，d2 = (3, 0, 4) 则不然。余弦：d1 为 {{expect.scores.d1}}，d2 为 {{expect.scores.d2}}，而它们与查询的点积分别是 10 和 3。',
      },
      computation: { kind: 'similarity', metric: 'cosine', query: [1, 2, 0], documents: { d1: [2, 4, 0], d2: [3, 0, 4] }, expect: { scores: { d1: 1, d2: 0.2683 } } },
    },
    pitfalls: [
      {
        en: 'Normalising the document vectors but not the query: the ranking is then a dot-product ranking, not a cosine one (harmless for one query, wrong across queries).',
        zh: '只归一化文档向量而不归一化查询：此时排序是点积排序而非余弦排序（单个查询内无害，跨查询比较时出错）。',
      },
    ],
    compareWith: [],
    related: ['dense-retrieval', 'late-interaction'],
    references: [
      { title: 'A Vector Space Model for Automatic Indexing', authors: 'Salton, Wong, Yang', year: 1975, venue: 'Communications of the ACM 18(11)', doi: '10.1145/361219.361220' },
    ],
  },
  {
    id: 'cross-encoder',
    topic: 'retrieval-method',
    term: { en: 'cross-encoder re-ranking', zh: '交叉编码器重排序' },
    abbreviations: [],
    aliases: { en: ['cross-encoder', 're-ranker', 'reranking', 'monoBERT', 'BERT re-ranker'], zh: ['交叉编码器', '重排序', '重排器', '精排'] },
    notation: [],
    definition: {
      en: 'Re-ordering the top candidates of a first-stage retriever with a model that reads the query and each document together and outputs a relevance score.',
      zh: '用一个同时读取查询和每篇文档并输出相关性分数的模型，对第一阶段检索器的前若干候选重新排序。',
    },
    explanation: {
      en: 'A cross-encoder (monoBERT is the classic) attends across query and document tokens, so it is more accurate than a bi-encoder, but it cannot precompute document vectors: every query–document pair needs a full forward pass. It is therefore used in a pipeline: BM25 or a dense retriever fetches the top 100 to 1,000 candidates, the cross-encoder re-ranks them. Its gains are bounded by the first stage\'s recall.',
      zh: '交叉编码器（经典代表是 monoBERT）在查询和文档的词之间做注意力，因此比双塔编码器更准确，但无法预先计算文档向量：每个查询-文档对都要完整地前向计算一次。所以它用在流水线中：BM25 或稠密检索器先取回前 100 到 1,000 个候选，再由交叉编码器重排序。它的提升受限于第一阶段的召回率。',
    },
    example: {
      text: {
        en: 'Re-ranking the top {{expect.depth}} BM25 candidates for the {{expect.queries}} MS MARCO dev queries takes {{expect.pairs}} cross-encoder forward passes; a bi-encoder needs {{expect.queries}} query encodings plus vector look-ups.',
        zh: '为 MS MARCO dev 的 {{expect.queries}} 个查询重排 BM25 的前 {{expect.depth}} 个候选，需要 {{expect.pairs}} 次交叉编码器前向计算；双塔编码器只需 {{expect.queries}} 次查询编码加上向量查找。',
      },
      computation: { kind: 'arithmetic', expressions: { queries: '6980', depth: '1000', pairs: 'queries * depth' }, expect: { queries: 6980, depth: 1000, pairs: 6980000 } },
    },
    pitfalls: [
      {
        en: 'Crediting the re-ranker with gains that require documents the first stage never retrieved: check the first stage\'s recall at the re-ranking depth.',
        zh: '把需要第一阶段从未检索到的文档才能获得的提升归功于重排器：请检查第一阶段在重排深度处的召回率。',
      },
    ],
    compareWith: ['dense-retrieval'],
    related: ['bm25', 'late-interaction', 'recall-at-k'],
    references: [{ title: 'Passage Re-ranking with BERT', authors: 'Nogueira, Cho', year: 2019, arxiv: '1901.04085' }],
  },
  {
    id: 'late-interaction',
    topic: 'retrieval-method',
    term: { en: 'late interaction', zh: '后期交互' },
    abbreviations: ['ColBERT'],
    aliases: { en: ['ColBERT', 'MaxSim', 'multi-vector retrieval', 'token-level interaction'], zh: ['延迟交互', 'ColBERT 模型', '多向量检索', '最大相似度'] },
    notation: [],
    definition: {
      en: 'Scoring a document by encoding query and document into one vector per token, then summing, for each query token, its maximum similarity to any document token (MaxSim).',
      zh: '把查询和文档编码成每个词一个向量，再对每个查询词取其与任一文档词的最大相似度并求和（MaxSim）来给文档打分。',
    },
    explanation: {
      en: 'ColBERT sits between the bi-encoder and the cross-encoder: document token vectors can be precomputed and indexed like a bi-encoder, yet the token-level matching keeps much of the cross-encoder\'s precision. The price is index size: one vector per token instead of one per document.',
      zh: 'ColBERT 介于双塔编码器与交叉编码器之间：文档的词向量可以像双塔编码器一样预先计算并建立索引，而词级匹配又保留了交叉编码器的大部分精度。代价是索引规模：每个词一个向量，而不是每篇文档一个向量。',
    },
    formula: {
      latex: 's(q, d) = \\sum_{i \\in q} \\max_{j \\in d} E_{q_i}^{\\top} E_{d_j}',
      symbols: { en: 'E_{q_i}, E_{d_j}: token vectors of the query and the document.', zh: 'E_{q_i}、E_{d_j}：查询和文档的词向量。' },
    },
    example: {
      text: {
        en: 'A two-token query against a three-token document: token 1 has similarities 0.9, 0.2, 0.4 with the document tokens, token 2 has 0.1, 0.7, 0.3. MaxSim keeps {{expect.first}} and {{expect.second}}: score {{expect.score}}.',
        zh: '两个词的查询对三个词的文档：第 1 个查询词与文档各词的相似度为 0.9、0.2、0.4，第 2 个为 0.1、0.7、0.3。MaxSim 保留 {{expect.first}} 和 {{expect.second}}：得分 {{expect.score}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { first: '0.9', others1: '0.2 + 0.4', second: '0.7', others2: '0.1 + 0.3', score: 'first + second' },
        expect: { first: 0.9, others1: 0.6, second: 0.7, others2: 0.4, score: 1.6 },
      },
    },
    pitfalls: [
      {
        en: 'Underestimating the index: late interaction stores a vector per token, often tens of times the size of a single-vector index unless compressed.',
        zh: '低估索引规模：后期交互为每个词存一个向量，若不压缩，往往是单向量索引的数十倍。',
      },
    ],
    compareWith: ['cross-encoder'],
    related: ['dense-retrieval', 'cosine-similarity'],
    references: [
      {
        title: 'ColBERT: Efficient and Effective Passage Search via Contextualized Late Interaction over BERT',
        authors: 'Khattab, Zaharia',
        year: 2020,
        venue: 'SIGIR',
        arxiv: '2004.12832',
      },
    ],
  },
];
