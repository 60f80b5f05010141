import type { GlossaryEntry } from '../schema.js';

const classicBaselines = 'bm25/bm25_classic_baselines.json';

export const benchmarkingEntries: readonly GlossaryEntry[] = [
  {
    id: 'benchmark',
    topic: 'benchmarking',
    term: { en: 'benchmark', zh: '基准测试' },
    abbreviations: [],
    aliases: {
      en: ['benchmark dataset', 'evaluation benchmark', 'benchmark suite'],
      zh: ['评测基准', '基准数据集', '基准', '基准评测'],
    },
    notation: [],
    definition: {
      en: 'A fixed combination of data (with a held-out test split), evaluation measures and protocol on which different methods are compared.',
      zh: '由固定的数据（含独立的测试划分）、评价指标和评测流程组成、用来比较不同方法的一套标准。',
    },
    explanation: {
      en: 'A benchmark fixes everything except the method: the data and its splits, the measures and exactly how they are computed, and the rules (which data may be used for training, how often one may evaluate on the test split). Because everything else is fixed, numbers from different papers on the same benchmark can be put in one table. ImageNet (image classification, scored by top-1 and top-5 accuracy) and COCO (object detection, scored by mAP averaged over IoU thresholds) are benchmarks; so are BEIR for zero-shot retrieval and GLUE for language understanding. A benchmark is the exam; the baseline is one of the candidates sitting it.',
      zh: '基准测试把方法以外的一切都固定下来：数据及其划分、评价指标及其精确的计算方式、以及规则（哪些数据可以用来训练、可以在测试集上评测几次）。正因为其余条件都相同，不同论文在同一基准测试上的数字才能放进同一张表里比较。ImageNet（图像分类，用 top-1 和 top-5 准确率评分）和 COCO（目标检测，用在多个 IoU 阈值上平均的 mAP 评分）都是基准测试；BEIR（零样本检索）和 GLUE（语言理解）也是。基准测试是“考试”，基线模型是参加考试的“考生”之一。',
    },
    example: {
      text: {
        en: "ImageNet's ILSVRC-2012 validation split has {{expect.validationImages}} images in {{expect.classes}} classes. A classifier whose top-ranked label is right for {{expect.correct}} of them has top-1 accuracy {{expect.accuracy}}; any other paper that reports top-1 accuracy on the same split can be compared with it directly. COCO's detection mAP averages AP over IoU thresholds from {{expect.lowest}} to {{expect.highest}} in steps of {{expect.step}}, that is over {{expect.thresholds}} thresholds, so a COCO mAP is not comparable with a PASCAL VOC mAP at the single threshold 0.5.",
        zh: 'ImageNet 的 ILSVRC-2012 验证集有 {{expect.validationImages}} 张图像，共 {{expect.classes}} 个类别。一个分类器若对其中 {{expect.correct}} 张给出的第一名标签正确，其 top-1 准确率就是 {{expect.accuracy}}；其他论文只要在同一划分上报告 top-1 准确率，就能和它直接比较。COCO 的检测 mAP 在从 {{expect.lowest}} 到 {{expect.highest}}、步长 {{expect.step}} 的 IoU 阈值上平均 AP，即 {{expect.thresholds}} 个阈值，所以 COCO 的 mAP 不能和 PASCAL VOC 只用 0.5 一个阈值的 mAP 相比。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: {
          validationImages: '50000',
          classes: '1000',
          correct: '38000',
          accuracy: 'correct / validationImages',
          lowest: '0.5',
          highest: '0.95',
          step: '0.05',
          thresholds: '(highest - lowest) / step + 1',
        },
        expect: { validationImages: 50000, classes: 1000, correct: 38000, accuracy: 0.76, lowest: 0.5, highest: 0.95, step: 0.05, thresholds: 10 },
      },
    },
    pitfalls: [
      {
        en: 'Calling the reference system a "benchmark": the system to beat is the baseline; the benchmark is the test it is measured on.',
        zh: '把参照系统叫作“基准”：要超越的系统是基线模型，基准测试是衡量它的考题。',
      },
      {
        en: 'Tuning on the test split: repeated evaluation on the test data turns it into training data and inflates every number.',
        zh: '在测试集上调参：反复在测试数据上评测，等于把它变成了训练数据，所有数字都会虚高。',
      },
    ],
    compareWith: ['baseline'],
    related: ['test-collection', 'zero-shot-evaluation', 'leaderboard', 'data-contamination'],
    references: [
      {
        title: 'ImageNet: A Large-Scale Hierarchical Image Database',
        authors: 'Deng, Dong, Socher, Li, Li, Fei-Fei',
        year: 2009,
        venue: 'CVPR',
        doi: '10.1109/CVPR.2009.5206848',
      },
      {
        title: 'Microsoft COCO: Common Objects in Context',
        authors: 'Lin, Maire, Belongie, Bourdev, Girshick, Hays, Perona, Ramanan, Zitnick, Dollár',
        year: 2014,
        venue: 'ECCV',
        arxiv: '1405.0312',
      },
      {
        title: 'BEIR: A Heterogenous Benchmark for Zero-shot Evaluation of Information Retrieval Models',
        authors: 'Thakur, Reimers, Rücklé, Srivastava, Gurevych',
        year: 2021,
        venue: 'NeurIPS Datasets and Benchmarks',
        arxiv: '2104.08663',
      },
      {
        title: 'GLUE: A Multi-Task Benchmark and Analysis Platform for Natural Language Understanding',
        authors: 'Wang, Singh, Michael, Hill, Levy, Bowman',
        year: 2018,
        venue: 'BlackboxNLP',
        arxiv: '1804.07461',
      },
    ],
  },
  {
    id: 'baseline',
    topic: 'benchmarking',
    term: { en: 'baseline', zh: '基线模型' },
    abbreviations: [],
    aliases: {
      en: ['baseline model', 'baseline method', 'baseline system', 'reference system'],
      zh: [
        '基线',
        '基线方法',
        '基线系统',
        '对照方法',
        { text: '基准', discouraged: true, reason: '谷歌中文术语表和 d2l-zh 的译法，与“基准测试”（benchmark）混淆；请用“基线模型”。' },
        { text: '基准模型', discouraged: true, reason: '同样与“基准测试”（benchmark）混淆；请用“基线模型”。' },
      ],
    },
    notation: [{ tool: 'benchline', name: 'benchline compare --baseline <run>' }],
    definition: {
      en: 'The simple, accepted method that a new method is compared against, on the same benchmark, and must clearly beat.',
      zh: '新方法在同一基准测试上用来对比、并且必须明显超越的简单而公认的方法。',
    },
    explanation: {
      en: 'A baseline is a point of reference, not a dataset: BM25 for text retrieval, a linear probe for representation learning, full fine-tuning when judging a parameter-efficient method. A new method is worth something only if it beats a strong, well-tuned baseline by more than chance, which is what a paired significance test over the queries checks. Weak or untuned baselines are a well-documented way to report gains that do not add up. Translation: Google\'s Chinese glossary and d2l-zh render "baseline" as 基准, which collides with 基准测试 (benchmark); this glossary uses 基线模型 (or 基线方法) and marks 基准 as a discouraged rendering of baseline.',
      zh: '基线模型是参照点，而不是数据集：文本检索里的 BM25、表示学习里的线性探测、评价参数高效方法时的全量微调。只有当新方法以超出偶然的幅度胜过一个强且调好参数的基线模型时，它才有价值，这正是按查询做配对显著性检验所要检查的。用弱的或没调参的基线模型报告“提升”，是文献中反复指出的问题。译名：谷歌中文术语表和 d2l-zh 把 baseline 译作“基准”，与“基准测试”（benchmark）冲突；本术语表采用“基线模型”（或“基线方法”），并把“基准”标为 baseline 的不推荐译法。',
    },
    example: {
      text: {
        en: "On Cranfield's {{expect.queries}} queries, BM25 with Anserini's parameters (k1 = 0.9, b = 0.4) reaches nDCG@10 = {{expect.anseriniNdcg}}; with Lucene's defaults (k1 = 1.2, b = 0.75) it reaches {{expect.luceneNdcg}}. A new ranker has to be compared with the stronger of the two settings, query by query; beating only the weaker one would overstate its gain.",
        zh: '在 Cranfield 的 {{expect.queries}} 个查询上，采用 Anserini 参数（k1 = 0.9，b = 0.4）的 BM25 的 nDCG@10 为 {{expect.anseriniNdcg}}；采用 Lucene 默认参数（k1 = 1.2，b = 0.75）时为 {{expect.luceneNdcg}}。新的排序器必须与两者中较强的那个逐查询比较；只胜过较弱的设置会夸大它的提升。',
      },
      computation: {
        kind: 'reference-figures',
        source: classicBaselines,
        figures: {
          queries: ['results', 'cranfield k1=0.9 b=0.4', 'n_queries_evaluated'],
          anseriniNdcg: ['results', 'cranfield k1=0.9 b=0.4', 'nDCG@10'],
          luceneNdcg: ['results', 'cranfield k1=1.2 b=0.75', 'nDCG@10'],
        },
        expect: { queries: 225, anseriniNdcg: 0.3075, luceneNdcg: 0.3213 },
      },
    },
    pitfalls: [
      {
        en: 'Comparing against a weak or untuned baseline makes any method look good.',
        zh: '与弱的或没调参的基线模型比较，任何方法都会显得很好。',
      },
      {
        en: 'Translating baseline as 基准 makes it indistinguishable from benchmark (基准测试).',
        zh: '把 baseline 译成“基准”，就和 benchmark（基准测试）分不清了。',
      },
      {
        en: 'Copying the baseline\'s number from another paper instead of re-running it: different tokenisation, parameters or qrels versions change the number.',
        zh: '从别的论文抄基线模型的数字而不自己重跑：分词、参数或 qrels 版本不同，数字就不同。',
      },
    ],
    compareWith: ['benchmark'],
    related: ['bm25', 'paired-t-test', 'statistical-significance', 'reproducibility', 'ablation-study'],
    references: [
      {
        title: 'Critically Examining the "Neural Hype": Weak Baselines and the Additivity of Effectiveness Gains from Neural Ranking Models',
        authors: 'Yang, Lu, Yang, Lin',
        year: 2019,
        venue: 'SIGIR',
        arxiv: '1904.09171',
      },
      {
        title: "Improvements That Don't Add Up: Ad-Hoc Retrieval Results Since 1998",
        authors: 'Armstrong, Moffat, Webber, Zobel',
        year: 2009,
        venue: 'CIKM',
      },
    ],
  },
  {
    id: 'test-collection',
    topic: 'benchmarking',
    term: { en: 'test collection', zh: '测试集合' },
    abbreviations: [],
    aliases: {
      en: ['Cranfield paradigm', 'Cranfield methodology', 'IR test collection', 'evaluation collection'],
      zh: ['Cranfield 范式', '评测集合', '检索测试集', '测试集合方法'],
    },
    notation: [{ tool: 'beir', name: 'corpus.jsonl + queries.jsonl + qrels/test.tsv' }],
    definition: {
      en: 'A corpus of documents, a set of queries (topics) and relevance judgments that together let retrieval systems be evaluated offline and compared.',
      zh: '由文档语料、一组查询（主题）和相关性判定组成、可以离线评价并比较检索系统的数据集合。',
    },
    explanation: {
      en: 'The Cranfield experiments of the 1960s established the paradigm every IR benchmark still follows: fix the documents, the queries and the judgments of which documents are relevant to which query, then score each system\'s ranking with a measure. TREC scaled it up with pooling. The paradigm assumes judgments are (nearly) complete; when they are not, unjudged documents count as non-relevant, which biases measures against new systems that retrieve documents nobody judged. The BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv) is today\'s common file format for a test collection.',
      zh: '20 世纪 60 年代的 Cranfield 实验确立了至今所有信息检索基准测试仍在遵循的范式：固定文档、查询以及“哪些文档与哪个查询相关”的判定，再用评价指标给每个系统的排序打分。TREC 借助池化把它扩展到大规模。该范式假设判定（几乎）是完整的；不完整时，未判定的文档按不相关计算，这对检索出无人判定文档的新系统不利。BEIR 格式（corpus.jsonl、queries.jsonl、qrels/test.tsv）是当今常用的测试集合文件格式。',
    },
    example: {
      text: {
        en: 'The Cranfield collection in BEIR layout has {{expect.documents}} documents, {{expect.queries}} queries and {{expect.judgments}} judgment lines, {{expect.positiveJudgments}} of them with a positive grade: {{expect.relevantPerQuery}} relevant documents per query on average.',
        zh: 'BEIR 格式的 Cranfield 集合有 {{expect.documents}} 篇文档、{{expect.queries}} 个查询和 {{expect.judgments}} 行判定，其中 {{expect.positiveJudgments}} 行为正等级：平均每个查询有 {{expect.relevantPerQuery}} 篇相关文档。',
      },
      computation: {
        kind: 'dataset-stats',
        dataset: 'cranfield',
        expect: { documents: 1400, queries: 225, judgments: 1837, positiveJudgments: 1612, relevantPerQuery: 7.16 },
      },
    },
    pitfalls: [
      {
        en: 'Treating unjudged documents as known non-relevant when a new kind of system (dense retrieval, say) retrieves many of them: check Judged@K.',
        zh: '当新类型的系统（比如稠密检索）检索出大量未判定文档时，仍把它们当作确定不相关：请检查 Judged@K。',
      },
      {
        en: 'Cranfield\'s qrels number queries by position, not by the .I field of the query file; mixing the two silently misaligns every query.',
        zh: 'Cranfield 的 qrels 按查询的位置编号，而不是查询文件里的 .I 字段；两者混用会让所有查询悄无声息地错位。',
      },
    ],
    compareWith: [],
    related: ['relevance-judgments', 'pooling', 'benchmark', 'run', 'judged-at-k'],
    references: [
      {
        title: 'The Cranfield tests on index language devices',
        authors: 'Cleverdon',
        year: 1967,
        venue: 'Aslib Proceedings 19(6)',
        doi: '10.1108/eb050097',
      },
      {
        title: 'TREC: Experiment and Evaluation in Information Retrieval',
        authors: 'Voorhees, Harman (eds.)',
        year: 2005,
        venue: 'MIT Press',
      },
    ],
  },
  {
    id: 'relevance-judgments',
    topic: 'benchmarking',
    term: { en: 'relevance judgments', zh: '相关性判定' },
    abbreviations: ['qrels'],
    aliases: {
      en: ['relevance assessments', 'relevance labels', 'qrel', 'graded relevance', 'ground truth'],
      zh: ['相关性标注', '相关性评判', '相关度标注', '分级相关性', '标准答案'],
    },
    notation: [
      { tool: 'trec_eval', name: 'qid 0 docno rel' },
      { tool: 'beir', name: 'qrels/test.tsv' },
    ],
    definition: {
      en: 'Human (or model) labels saying how relevant each judged document is to each query, binary or graded.',
      zh: '说明每篇被判定的文档与每个查询相关程度的人工（或模型）标注，可以是二元的，也可以是分级的。',
    },
    explanation: {
      en: 'In TREC format a qrels line is "query-id 0 document-id grade"; BEIR stores the same as a tab-separated file with a header. Grades above 0 are relevant (binary measures use a threshold, trec_eval\'s -l, default 1), 0 is judged non-relevant, and a document absent from the qrels is unjudged, which every standard measure treats as non-relevant. Graded measures such as nDCG use the grade as the gain; binary ones such as precision see only relevant or not.',
      zh: '在 TREC 格式中，一行 qrels 是“查询编号 0 文档编号 等级”；BEIR 用带表头的制表符分隔文件存同样的内容。等级大于 0 表示相关（二元指标使用一个阈值，即 trec_eval 的 -l，默认 1），0 表示已判定为不相关，qrels 里没有的文档是未判定的，所有标准指标都按不相关处理。nDCG 等分级指标把等级当作增益；精确率等二元指标只区分相关与否。',
    },
    example: {
      text: {
        en: 'A query has qrels d1 = 1, d2 = 2, d3 = 0, and a system ranks d1, d2, d3, d4 (d4 unjudged). Precision sees two relevant documents in the top two: P@2 = {{expect.P@2}}. nDCG also sees that the grade-2 document is second instead of first: nDCG@2 = {{expect.nDCG@2}}.',
        zh: '某查询的 qrels 为 d1 = 1、d2 = 2、d3 = 0，系统的排序是 d1、d2、d3、d4（d4 未判定）。精确率只看到前两名中有两篇相关：P@2 = {{expect.P@2}}。nDCG 还看到等级为 2 的文档排在第二而不是第一：nDCG@2 = {{expect.nDCG@2}}。',
      },
      computation: {
        kind: 'measures',
        queries: [{ ranking: ['d1', 'd2', 'd3', 'd4'], qrels: { d1: 1, d2: 2, d3: 0 } }],
        expect: { 'P@2': 1, 'nDCG@2': 0.8597 },
      },
    },
    pitfalls: [
      {
        en: 'Confusing "judged non-relevant" (grade 0) with "unjudged" (absent): measures treat both as non-relevant, but Judged@K and bpref tell them apart.',
        zh: '混淆“已判定为不相关”（等级 0）与“未判定”（不在 qrels 中）：多数指标都按不相关处理，但 Judged@K 和 bpref 会区分它们。',
      },
      {
        en: 'Reading a BEIR qrels file without skipping its header line, or a TREC qrels file as if it had one: either way one judgment is lost or garbled.',
        zh: '读取 BEIR qrels 时没有跳过表头，或把没有表头的 TREC qrels 当作有表头读取：都会丢失或读错一条判定。',
      },
    ],
    compareWith: [],
    related: ['test-collection', 'pooling', 'ndcg', 'precision', 'run'],
    references: [
      {
        title: 'TREC: Experiment and Evaluation in Information Retrieval',
        authors: 'Voorhees, Harman (eds.)',
        year: 2005,
        venue: 'MIT Press',
      },
    ],
  },
  {
    id: 'pooling',
    topic: 'benchmarking',
    term: { en: 'pooling', zh: '池化判定' },
    abbreviations: [],
    aliases: {
      en: ['judgment pool', 'depth-k pooling', 'pool depth', 'assessment pool'],
      zh: ['判定池', '评测池', '深度池化', '结果池'],
    },
    notation: [],
    definition: {
      en: 'Building relevance judgments by having assessors judge only the union of the top-k documents of the participating runs, instead of the whole corpus.',
      zh: '只让评估员判定各参评运行结果前 k 篇文档的并集、而不是整个语料，以此构建相关性判定的方法。',
    },
    explanation: {
      en: 'A corpus of millions of documents cannot be judged exhaustively. TREC pools the top-k (often 100) documents of every submitted run per topic and judges only that pool; everything outside is unjudged and counted as non-relevant. Pooling makes large test collections affordable, and studies found system rankings stable under it, but a new system that finds relevant documents none of the pooled runs retrieved is penalised. Measures such as bpref and Judged@K were introduced to cope with or to expose incomplete judgments.',
      zh: '上百万篇文档的语料无法逐篇判定。TREC 对每个主题，把所有提交运行结果的前 k 篇（常为 100 篇）放进一个池子，只判定池中文档；池外的文档都是未判定的，按不相关计算。池化使大型测试集合变得负担得起，研究也发现系统排名在池化下是稳定的，但如果新系统找到的相关文档不在任何参评运行的前 k 名中，它就会吃亏。bpref、Judged@K 等指标正是为应对或暴露不完整判定而提出的。',
    },
    example: {
      text: {
        en: 'Three runs each contribute their top {{expect.depth}} documents for a topic: at most {{expect.maximumPool}} documents. Because the runs overlap, the pool holds {{expect.uniqueDocuments}} distinct documents, so assessors judge {{expect.judgedShare|percent}} of the maximum, and nothing outside the pool.',
        zh: '三个运行结果各为某主题贡献前 {{expect.depth}} 篇文档：最多 {{expect.maximumPool}} 篇。由于结果相互重叠，池中只有 {{expect.uniqueDocuments}} 篇不同的文档，评估员只需判定最大值的 {{expect.judgedShare|percent}}，池外的文档一概不判。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { runs: '3', depth: '100', maximumPool: 'runs * depth', uniqueDocuments: '180', judgedShare: 'uniqueDocuments / maximumPool' },
        expect: { runs: 3, depth: 100, maximumPool: 300, uniqueDocuments: 180, judgedShare: 0.6 },
      },
    },
    pitfalls: [
      {
        en: 'Evaluating a system that did not contribute to the pool (a new dense retriever on an old TREC collection) without checking how many of its top documents are unjudged.',
        zh: '评价一个没有参与构建判定池的系统（例如在旧 TREC 集合上评价新的稠密检索器），却不检查它前几名中有多少未判定文档。',
      },
    ],
    compareWith: [],
    related: ['relevance-judgments', 'test-collection', 'bpref', 'judged-at-k'],
    references: [
      {
        title: "Report on the need for and provision of an 'ideal' information retrieval test collection",
        authors: 'Spärck Jones, van Rijsbergen',
        year: 1975,
        venue: 'British Library Research and Development Report 5266, University of Cambridge',
      },
      {
        title: 'TREC: Experiment and Evaluation in Information Retrieval',
        authors: 'Voorhees, Harman (eds.)',
        year: 2005,
        venue: 'MIT Press',
      },
    ],
  },
  {
    id: 'run',
    topic: 'benchmarking',
    term: { en: 'run', zh: '运行结果' },
    abbreviations: [],
    aliases: {
      en: ['run file', 'TREC run', 'ranked list', 'system output', 'submission'],
      zh: ['检索结果文件', 'run 文件', '排序结果', '系统输出'],
    },
    notation: [{ tool: 'trec_eval', name: 'qid Q0 docno rank score tag' }],
    definition: {
      en: "A system's ranked list of documents for every query of a test collection, usually in TREC's six-column format.",
      zh: '一个系统对测试集合中每个查询给出的文档排序列表，通常采用 TREC 的六列格式。',
    },
    explanation: {
      en: 'Each line of a TREC run is "query-id Q0 document-id rank score tag". trec_eval ignores the rank column: it sorts each query\'s documents by score, descending, and breaks ties by document id, descending; so two runs with the same scores but different rank columns evaluate the same. The tag names the system. Evaluation compares a run with the qrels; comparison tests compare two runs query by query.',
      zh: 'TREC 运行结果的每一行是“查询编号 Q0 文档编号 名次 分数 标签”。trec_eval 忽略名次列：它按分数降序排列每个查询的文档，分数相同时按文档编号降序；因此分数相同、名次列不同的两个运行结果评测结果相同。标签是系统的名字。评测是把运行结果与 qrels 对比；比较检验则逐查询比较两个运行结果。',
    },
    example: {
      text: {
        en: 'BM25 (k1 = 0.9, b = 0.4) on the five-document toy corpus, query q1 "brown fox", gives the run lines: q1 Q0 d5 1 {{expect.scores.d5}} bm25 / q1 Q0 d1 2 {{expect.scores.d1}} bm25 / q1 Q0 d3 3 {{expect.scores.d3}} bm25 / q1 Q0 d2 4 {{expect.scores.d2}} bm25. d4 contains neither word and scores {{expect.scores.d4}}, so a run normally leaves it out.',
        zh: '在五篇文档的玩具语料上，用 BM25（k1 = 0.9，b = 0.4）检索查询 q1 “brown fox”，得到的运行结果行为：q1 Q0 d5 1 {{expect.scores.d5}} bm25 / q1 Q0 d1 2 {{expect.scores.d1}} bm25 / q1 Q0 d3 3 {{expect.scores.d3}} bm25 / q1 Q0 d2 4 {{expect.scores.d2}} bm25。d4 不含这两个词，得分为 {{expect.scores.d4}}，运行结果通常不列出它。',
      },
      computation: {
        kind: 'bm25',
        documents: {
          d1: 'the quick brown fox jumps over the lazy dog',
          d2: 'the fox',
          d3: 'brown brown brown dog dog',
          d4: 'a lazy afternoon with no animals at all in sight today',
          d5: 'quick quick fox fox fox brown',
        },
        query: 'brown fox',
        k1: 0.9,
        b: 0.4,
        expect: { scores: { d1: 0.5308, d2: 0.3268, d3: 0.4241, d4: 0, d5: 0.7068 } },
      },
    },
    pitfalls: [
      {
        en: 'Assuming the rank column decides the order: trec_eval re-sorts by score, so equal scores are ordered by document id, not by your rank column.',
        zh: '以为名次列决定顺序：trec_eval 会按分数重新排序，分数相同时按文档编号排序，而不是按你的名次列。',
      },
      {
        en: 'Writing the same document twice for one query; trec_eval rejects such a run.',
        zh: '同一查询中把同一文档写了两次；trec_eval 会拒绝这样的运行结果。',
      },
    ],
    compareWith: [],
    related: ['relevance-judgments', 'test-collection', 'bm25'],
    references: [
      {
        title: 'TREC: Experiment and Evaluation in Information Retrieval',
        authors: 'Voorhees, Harman (eds.)',
        year: 2005,
        venue: 'MIT Press',
      },
    ],
  },
  {
    id: 'zero-shot-evaluation',
    topic: 'benchmarking',
    term: { en: 'zero-shot evaluation', zh: '零样本评估' },
    abbreviations: [],
    aliases: {
      en: ['out-of-domain evaluation', 'zero-shot retrieval', 'out-of-distribution evaluation', 'zero shot'],
      zh: ['域外评估', '零样本检索', '零样本评测', '跨域评估'],
    },
    notation: [],
    definition: {
      en: "Evaluating a model on a task or domain whose training data it never saw, to measure how well it generalises.",
      zh: '在模型从未见过其训练数据的任务或领域上进行评估，以衡量其泛化能力。',
    },
    explanation: {
      en: "BEIR popularised zero-shot evaluation for retrieval: models trained on MS MARCO are evaluated, without further training, on 18 datasets from other domains (biomedical, financial, argument retrieval...). It showed that BM25, which has no training at all, is a hard baseline out of domain: many neural retrievers that beat it in domain fall behind it zero-shot. Zero-shot numbers are only meaningful when no test data leaked into training.",
      zh: 'BEIR 让零样本评估在检索领域流行起来：在 MS MARCO 上训练的模型不再额外训练，直接在其他领域（生物医学、金融、论点检索等）的 18 个数据集上评估。它表明完全不需要训练的 BM25 在域外是难以超越的基线模型：许多在域内胜过它的神经检索器，在零样本设置下反而落后。只有训练中没有泄漏测试数据时，零样本数字才有意义。',
    },
    example: {
      text: {
        en: 'On BEIR SciFact ({{expect.documents}} documents, {{expect.queries}} test queries), Pyserini\'s BM25 (flat index) reaches nDCG@10 = {{expect.bm25}} and SPLADE++ ED, trained only on MS MARCO, reaches {{expect.splade}}: a zero-shot gain of {{expect.gain}}.',
        zh: '在 BEIR 的 SciFact（{{expect.documents}} 篇文档、{{expect.queries}} 个测试查询）上，Pyserini 的 BM25（flat 索引）nDCG@10 = {{expect.bm25}}，只在 MS MARCO 上训练过的 SPLADE++ ED 达到 {{expect.splade}}：零样本提升为 {{expect.gain}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { documents: '5183', queries: '300', bm25: '0.6789', splade: '0.7041', gain: 'splade - bm25' },
        expect: { documents: 5183, queries: 300, bm25: 0.6789, splade: 0.7041, gain: 0.0252 },
      },
    },
    pitfalls: [
      {
        en: 'Calling an evaluation zero-shot when the model\'s pre-training crawl may contain the test documents and queries.',
        zh: '模型的预训练语料可能包含测试文档和查询，却仍称之为零样本评估。',
      },
    ],
    compareWith: [],
    related: ['benchmark', 'data-contamination', 'bm25', 'dense-retrieval'],
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
    id: 'data-contamination',
    topic: 'benchmarking',
    term: { en: 'data contamination', zh: '数据污染' },
    abbreviations: [],
    aliases: {
      en: ['test set contamination', 'test-set leakage', 'benchmark contamination', 'data leakage'],
      zh: ['测试集泄漏', '测试集污染', '基准污染', '数据泄漏'],
    },
    notation: [],
    definition: {
      en: "The presence of a benchmark's test items in a model's training data, which inflates its scores on that benchmark.",
      zh: '基准测试的测试样本出现在模型的训练数据中，从而抬高模型在该基准测试上的分数。',
    },
    explanation: {
      en: 'Models pre-trained on web crawls may have seen benchmark test sets verbatim. A contaminated score measures memorisation, not ability. The GPT-3 paper measured contamination by n-gram overlap and reported results on clean subsets; later work argues that every benchmark result of a large model should state what was checked. Mitigations: held-out or newly created test sets, overlap checks against the training corpus, and reporting clean-subset scores.',
      zh: '在网页语料上预训练的模型可能一字不差地见过基准测试的测试集。被污染的分数衡量的是记忆而不是能力。GPT-3 论文用 n-gram 重叠度量污染并报告了干净子集上的结果；后来的研究主张大模型的每个基准测试结果都应说明检查过什么。缓解办法：使用留出或新建的测试集、与训练语料做重叠检查、报告干净子集上的分数。',
    },
    example: {
      text: {
        en: 'A benchmark has {{expect.items}} test items, {{expect.contaminated}} of which appear verbatim in the pre-training crawl. The model answers {{expect.contaminatedAccuracy|percent}} of the contaminated items and {{expect.cleanAccuracy|percent}} of the clean ones; its reported accuracy is {{expect.reported|percent}}, while the clean-subset accuracy, the honest figure, is {{expect.cleanAccuracy|percent}}.',
        zh: '某基准测试有 {{expect.items}} 道测试题，其中 {{expect.contaminated}} 道原样出现在预训练语料中。模型答对被污染题目的 {{expect.contaminatedAccuracy|percent}}、干净题目的 {{expect.cleanAccuracy|percent}}；报告的准确率是 {{expect.reported|percent}}，而干净子集上的准确率，即诚实的数字，是 {{expect.cleanAccuracy|percent}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: {
          items: '1000',
          contaminated: '150',
          contaminatedAccuracy: '0.9',
          cleanAccuracy: '0.7',
          reported: '(contaminated * contaminatedAccuracy + (items - contaminated) * cleanAccuracy) / items',
        },
        expect: { items: 1000, contaminated: 150, contaminatedAccuracy: 0.9, cleanAccuracy: 0.7, reported: 0.73 },
      },
    },
    pitfalls: [
      {
        en: 'Checking only exact matches: paraphrased or translated test items leak too.',
        zh: '只检查完全相同的文本：改写或翻译后的测试题同样会泄漏。',
      },
    ],
    compareWith: [],
    related: ['benchmark', 'zero-shot-evaluation', 'leaderboard'],
    references: [
      {
        title: 'Language Models are Few-Shot Learners',
        authors: 'Brown, Mann, Ryder, Subbiah, et al.',
        year: 2020,
        venue: 'NeurIPS',
        arxiv: '2005.14165',
      },
      {
        title: 'NLP Evaluation in trouble: On the Need to Measure LLM Data Contamination for each Benchmark',
        authors: 'Sainz, Campos, García-Ferrero, Etxaniz, Lopez de Lacalle, Agirre',
        year: 2023,
        venue: 'Findings of EMNLP',
        arxiv: '2310.18018',
      },
    ],
  },
  {
    id: 'leaderboard',
    topic: 'benchmarking',
    term: { en: 'leaderboard', zh: '排行榜' },
    abbreviations: [],
    aliases: { en: ['leader board', 'results table', 'ranking of systems'], zh: ['榜单', '排名榜', '评测榜单'] },
    notation: [],
    definition: {
      en: "A public ranking of systems by their score on a benchmark's hidden or fixed test set.",
      zh: '按系统在基准测试的隐藏或固定测试集上的分数对系统进行的公开排名。',
    },
    explanation: {
      en: 'Leaderboards (GLUE, MTEB, MS MARCO) make progress visible and comparisons easy, but a single number hides what users care about: cost, latency, robustness, fairness. Small gaps between neighbours are often within noise; without per-query scores, nobody can test whether rank 1 is really better than rank 2. Repeated submissions also overfit the test set.',
      zh: '排行榜（GLUE、MTEB、MS MARCO）让进展一目了然、比较变得容易，但单一数字掩盖了用户真正关心的东西：成本、延迟、鲁棒性、公平性。相邻名次之间的小差距往往在噪声范围内；没有逐查询分数，谁也无法检验第一名是否真的优于第二名。反复提交还会对测试集过拟合。',
    },
    example: {
      text: {
        en: 'Two systems score {{expect.first}} and {{expect.second}} MRR@10 on a leaderboard: a gap of {{expect.gap}}, a relative difference of {{expect.relative|percent}}. Whether that is more than noise depends on the per-query scores, which a leaderboard usually does not publish.',
        zh: '两个系统在排行榜上的 MRR@10 分别为 {{expect.first}} 和 {{expect.second}}：相差 {{expect.gap}}，相对差 {{expect.relative|percent}}。这是否超出噪声取决于逐查询分数，而排行榜通常不公布这些分数。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { first: '0.412', second: '0.409', gap: 'first - second', relative: 'gap / second' },
        expect: { first: 0.412, second: 0.409, gap: 0.003, relative: 0.0073 },
      },
    },
    pitfalls: [
      {
        en: 'Reading rank order as significance: without a paired test on per-query scores, neighbouring entries may be indistinguishable.',
        zh: '把名次先后当成显著性：没有对逐查询分数做配对检验，相邻的条目可能根本无法区分。',
      },
    ],
    compareWith: [],
    related: ['benchmark', 'statistical-significance', 'data-contamination'],
    references: [
      {
        title: 'Utility is in the Eye of the User: A Critique of NLP Leaderboards',
        authors: 'Ethayarajh, Jurafsky',
        year: 2020,
        venue: 'EMNLP',
        arxiv: '2009.13888',
      },
      {
        title: 'MTEB: Massive Text Embedding Benchmark',
        authors: 'Muennighoff, Tazi, Magne, Reimers',
        year: 2023,
        venue: 'EACL',
        arxiv: '2210.07316',
      },
    ],
  },
  {
    id: 'ablation-study',
    topic: 'benchmarking',
    term: { en: 'ablation study', zh: '消融实验' },
    abbreviations: [],
    aliases: { en: ['ablation', 'ablation experiment', 'component analysis'], zh: ['消融研究', '消融分析', '模块消融'] },
    notation: [],
    definition: {
      en: 'An experiment that removes or replaces one component of a system at a time to measure how much each contributes.',
      zh: '每次移除或替换系统的一个组件，以衡量各组件贡献大小的实验。',
    },
    explanation: {
      en: 'A new method usually bundles several changes. An ablation study evaluates the full system and variants with one change undone, on the same benchmark and queries, so a reader can see which change carries the gain. Each ablated variant is compared with the full system with the same paired test as the headline result; with several variants, the comparisons form a family that needs a multiple-comparison correction.',
      zh: '新方法通常捆绑了多项改动。消融实验在同一基准测试、同一组查询上评估完整系统和每次撤销一项改动的变体，让读者看清提升来自哪一项。每个消融变体都要用与主结果相同的配对检验和完整系统比较；变体较多时，这些比较构成一族，需要多重比较校正。',
    },
    example: {
      text: {
        en: 'The full system reaches nDCG@10 = {{expect.full}}; without its re-ranker {{expect.withoutReranker}}, without query expansion {{expect.withoutExpansion}}. The re-ranker contributes {{expect.rerankerShare}} and query expansion {{expect.expansionShare}}.',
        zh: '完整系统的 nDCG@10 = {{expect.full}}；去掉重排序器为 {{expect.withoutReranker}}，去掉查询扩展为 {{expect.withoutExpansion}}。重排序器贡献 {{expect.rerankerShare}}，查询扩展贡献 {{expect.expansionShare}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: {
          full: '0.412',
          withoutReranker: '0.356',
          withoutExpansion: '0.398',
          rerankerShare: 'full - withoutReranker',
          expansionShare: 'full - withoutExpansion',
        },
        expect: { full: 0.412, withoutReranker: 0.356, withoutExpansion: 0.398, rerankerShare: 0.056, expansionShare: 0.014 },
      },
    },
    pitfalls: [
      {
        en: 'Adding the contributions up: components interact, so the gains of single ablations rarely sum to the full gain.',
        zh: '把各项贡献直接相加：组件之间有交互，单项消融的提升很少正好加起来等于总提升。',
      },
    ],
    compareWith: [],
    related: ['baseline', 'multiple-comparisons', 'paired-t-test'],
    references: [
      {
        title: 'Ablation Studies in Artificial Neural Networks',
        authors: 'Meyes, Lu, de Puiseau, Meisen',
        year: 2019,
        arxiv: '1901.08644',
      },
    ],
  },
  {
    id: 'reproducibility',
    topic: 'benchmarking',
    term: { en: 'reproducibility', zh: '可复现性' },
    abbreviations: [],
    aliases: { en: ['replicability', 'reproducible research', 'repeatability'], zh: ['可重复性', '可再现性', '复现'] },
    notation: [],
    definition: {
      en: 'Whether someone else, with the described data, code and settings, obtains the same numbers as a published experiment.',
      zh: '他人使用论文描述的数据、代码和设置，能否得到与已发表实验相同的数字。',
    },
    explanation: {
      en: 'Numbers depend on many choices a paper may not report: tokenisation, stemming, parameters, random seeds, library versions, qrels versions, tie-breaking. Reporting every setting, releasing code and run files, and using standard evaluation tools (trec_eval-exact measures) make results reproducible. Checklists such as the NeurIPS reproducibility checklist ask for exactly this.',
      zh: '数字取决于许多论文可能没有报告的选择：分词、词干化、参数、随机种子、库版本、qrels 版本、同分的处理。报告所有设置、公开代码和运行结果文件、使用标准评测工具（与 trec_eval 完全一致的指标），才能让结果可复现。NeurIPS 可复现性检查表等正是要求这些。',
    },
    example: {
      text: {
        en: 'The same BM25 on Cranfield gives nDCG@10 = {{parts.figures.expect.anserini}} with k1 = 0.9, b = 0.4 and {{parts.figures.expect.lucene}} with k1 = 1.2, b = 0.75. A paper that says only "BM25" leaves a difference of {{parts.difference.expect.difference}} unexplained, larger than many published improvements.',
        zh: '同样是 BM25，在 Cranfield 上 k1 = 0.9、b = 0.4 时 nDCG@10 = {{parts.figures.expect.anserini}}，k1 = 1.2、b = 0.75 时为 {{parts.figures.expect.lucene}}。论文若只写“BM25”，就留下了 {{parts.difference.expect.difference}} 的差异无从解释，这比许多已发表的提升还大。',
      },
      computation: {
        kind: 'combined',
        parts: {
          figures: {
            kind: 'reference-figures',
            source: classicBaselines,
            figures: { anserini: ['results', 'cranfield k1=0.9 b=0.4', 'nDCG@10'], lucene: ['results', 'cranfield k1=1.2 b=0.75', 'nDCG@10'] },
            expect: { anserini: 0.307456, lucene: 0.321339 },
          },
          difference: { kind: 'arithmetic', expressions: { difference: '0.321339 - 0.307456' }, expect: { difference: 0.0139 } },
        },
      },
    },
    pitfalls: [
      {
        en: 'Reporting "BM25" or "LoRA" without parameters: k1, b, the analyzer, the rank r, α and the target modules all change the numbers.',
        zh: '只写“BM25”或“LoRA”而不给参数：k1、b、分析器、秩 r、α 和目标模块都会改变数字。',
      },
    ],
    compareWith: [],
    related: ['baseline', 'benchmark', 'bm25'],
    references: [
      {
        title: 'Improving Reproducibility in Machine Learning Research (A Report from the NeurIPS 2019 Reproducibility Program)',
        authors: 'Pineau, Vincent-Lamarre, Sinha, Larivière, Beygelzimer, d\'Alché-Buc, Fox, Larochelle',
        year: 2021,
        venue: 'JMLR',
        arxiv: '2003.12206',
      },
      {
        title: 'Which BM25 Do You Mean? A Large-Scale Reproducibility Study of Scoring Variants',
        authors: 'Kamphuis, de Vries, Boytsov, Lin',
        year: 2020,
        venue: 'ECIR',
      },
    ],
  },
];
