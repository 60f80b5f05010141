import type { GlossaryEntry } from '../schema.js';

export const benchmarkingEntries: readonly GlossaryEntry[] = [
  {
    id: 'benchmark',
    topic: 'benchmarking',
    term: { en: 'benchmark', zh: '基准测试' },
    aliases: { en: ['benchmark dataset', 'evaluation benchmark'], zh: ['评测基准', '基准数据集', '基准'] },
    definition: {
      en: 'A fixed dataset, set of metrics and evaluation protocol on which different methods are compared.',
      zh: '用来比较不同方法的一套固定的数据集、评价指标和评测流程。',
    },
    explanation: {
      en: 'A benchmark fixes everything except the method: the data (with a held-out test split), the measures and how they are computed, and the rules (what may be trained on, how many submissions). Because everything else is fixed, numbers from different papers on the same benchmark can be compared. ImageNet (image classification, top-1 accuracy) and COCO (object detection, mAP) are benchmarks; so are BEIR for zero-shot retrieval and GLUE for language understanding.',
      zh: '基准测试把方法以外的一切都固定下来：数据（含独立的测试划分）、评价指标及其计算方式、以及规则（能用哪些数据训练、可以提交几次）。正因为其余条件都相同，不同论文在同一基准测试上的数字才可以相互比较。ImageNet（图像分类，top-1 准确率）和 COCO（目标检测，mAP）都是基准测试；BEIR（零样本检索）和 GLUE（语言理解）也是。',
    },
    example: {
      en: 'On the BEIR benchmark, a paper reports nDCG@10 on each of its 18 datasets with the official qrels; another paper that uses the same datasets, splits and measure can put its numbers in the same table.',
      zh: '在 BEIR 基准测试上，一篇论文用官方 qrels 报告 18 个数据集各自的 nDCG@10；另一篇论文只要用相同的数据集、划分和指标，就能把数字放进同一张表里比较。',
    },
    pitfalls: [
      {
        en: 'Calling the reference system a "benchmark": the system to beat is the baseline; the benchmark is the test it is measured on.',
        zh: '把参照系统叫作“基准”：要超越的系统是基线模型，基准测试是衡量它的考题。',
      },
    ],
    related: ['baseline'],
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
    id: 'baseline',
    topic: 'benchmarking',
    term: { en: 'baseline', zh: '基线模型' },
    aliases: { en: ['baseline model', 'baseline method', 'baseline system'], zh: ['基线', '基线方法', '对照方法'] },
    definition: {
      en: 'The simple, accepted method that a new method is compared against and must clearly beat on the same benchmark.',
      zh: '新方法在同一基准测试上用来对比、并且必须明显超越的简单而公认的方法。',
    },
    explanation: {
      en: 'A baseline is a point of reference, not a dataset: BM25 for text retrieval, a linear probe for representation learning, full fine-tuning for a parameter-efficient method. A new method is worth something only if it beats a strong, well-tuned baseline by more than chance, which is what a paired significance test over the queries checks. Google\'s Chinese glossary and d2l-zh render "baseline" as 基准, which collides with 基准测试 (benchmark); this glossary uses 基线模型 and lists 基准 as a discouraged rendering.',
      zh: '基线模型是参照点，而不是数据集：文本检索里的 BM25、表示学习里的线性探测、参数高效方法对比时的全量微调。只有当新方法以超出偶然的幅度胜过一个强且调好参数的基线模型时，它才有价值，这正是按查询做配对显著性检验所检查的。谷歌中文术语表和 d2l-zh 把 baseline 译作“基准”，与“基准测试”（benchmark）混淆；本术语表采用“基线模型”，并把“基准”列为不推荐的译法。',
    },
    example: {
      en: 'On Cranfield, BM25 (k1 = 0.9, b = 0.4) is the baseline; a new ranker that raises nDCG@10 on the same 225 queries is compared against it query by query.',
      zh: '在 Cranfield 上，BM25（k1 = 0.9，b = 0.4）是基线模型；一个在同样 225 个查询上提高了 nDCG@10 的新排序器，要逐个查询与它比较。',
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
    ],
    related: ['benchmark'],
    references: [
      {
        title: 'Critically Examining the "Neural Hype": Weak Baselines and the Additivity of Effectiveness Gains from Neural Ranking Models',
        authors: 'Yang, Lu, Yang, Lin',
        year: 2019,
        venue: 'SIGIR',
        arxiv: '1904.09171',
      },
    ],
  },
];
