import type { GlossaryEntry, Reference } from '../schema.js';

/**
 * Per-query nDCG@10-like scores of a baseline and a system on 10 queries: the `small_n10` case of the scipy
 * reference values (`../shared/reference/stats/ref_tests.json`), so every statistic below is checked against scipy.
 */
const baseline = [0.421, 0.31, 0.555, 0.2, 0.612, 0.48, 0.333, 0.701, 0.15, 0.52];
const system = [0.489, 0.305, 0.627, 0.271, 0.648, 0.55, 0.315, 0.792, 0.23, 0.541];
/** `ties_zeros_n15`: 15 queries with three exact ties. */
const baselineWithTies = [0.5, 0.25, 0.1, 0.8, 0.3, 0.45, 0.6, 0.0, 0.35, 0.7, 0.2, 0.9, 0.4, 0.15, 0.55];
const systemWithTies = [0.55, 0.25, 0.2, 0.75, 0.4, 0.45, 0.65, 0.1, 0.3, 0.8, 0.2, 0.85, 0.5, 0.25, 0.65];
/** The p-value family of `ref_tests.json` (`multiple_comparisons.raw_p`): six comparisons against one baseline. */
const pValueFamily = [0.002842057021, 0.017460365704, 0.04715726287, 0.001, 0.04, 0.3];

const dataText = {
  en: 'A baseline and a new system are scored (nDCG@10) on the same 10 queries; the system is higher on 8 of them.',
  zh: '基线模型和新系统在同样的 10 个查询上评分（nDCG@10）；系统在其中 8 个查询上更高。',
};
const familyText = {
  en: 'Six systems are each compared with one baseline; their six raw p-values lie between 0.001 and 0.3.',
  zh: '六个系统各自与同一个基线模型比较；六个原始 p 值介于 0.001 和 0.3 之间。',
};

const smucker: Reference = {
  title: 'A Comparison of Statistical Significance Tests for Information Retrieval Evaluation',
  authors: 'Smucker, Allan, Carterette',
  year: 2007,
  venue: 'CIKM',
  doi: '10.1145/1321440.1321528',
};
const urbano: Reference = {
  title: 'Statistical Significance Testing in Information Retrieval: An Empirical Analysis of Type I, Type II and Type III Errors',
  authors: 'Urbano, Lima, Hanjalic',
  year: 2019,
  venue: 'SIGIR',
  arxiv: '1905.11096',
};
const carterette: Reference = {
  title: 'Multiple Testing in Statistical Analysis of Systems-Based Information Retrieval Experiments',
  authors: 'Carterette',
  year: 2012,
  venue: 'ACM Transactions on Information Systems 30(1)',
  doi: '10.1145/2094072.2094076',
};
const wasserstein: Reference = {
  title: 'The ASA Statement on p-Values: Context, Process, and Purpose',
  authors: 'Wasserstein, Lazar',
  year: 2016,
  venue: 'The American Statistician 70(2)',
  doi: '10.1080/00031305.2016.1154108',
};
const cohen: Reference = { title: 'Statistical Power Analysis for the Behavioral Sciences (2nd edition)', authors: 'Cohen', year: 1988, venue: 'Lawrence Erlbaum Associates' };
const sakai: Reference = { title: 'Statistical reform in information retrieval?', authors: 'Sakai', year: 2014, venue: 'SIGIR Forum 48(1)' };

const pRange = { min: 0, max: 1, better: 'lower' } as const;

export const statisticsEntries: readonly GlossaryEntry[] = [
  {
    id: 'statistical-significance',
    topic: 'statistics',
    term: { en: 'statistical significance', zh: '统计显著性' },
    abbreviations: [],
    aliases: {
      en: ['significance test', 'hypothesis test', 'significance level', 'alpha', 'null hypothesis', 'statistically significant'],
      zh: ['显著性检验', '假设检验', '显著性水平', '零假设', '原假设', '统计学显著'],
    },
    notation: [{ tool: 'benchline', name: 'benchline compare --alpha 0.05' }],
    definition: {
      en: 'A difference is statistically significant at level α when a test finds it unlikely (p ≤ α) under the null hypothesis that the two systems are equally good.',
      zh: '若在“两个系统一样好”的零假设下，检验认为观察到的差异不太可能出现（p ≤ α），则称该差异在显著性水平 α 下统计显著。',
    },
    explanation: {
      en: 'Benchmark scores vary from query to query, so a higher mean could be luck. A significance test assumes the null hypothesis H0 (no real difference), computes how surprising the observed difference would be under H0 (the p-value), and rejects H0 when p ≤ α, the significance level chosen in advance (0.05 by IR convention; ranx uses 0.01). In IR the test is paired: both systems run on the same queries. Significance says a difference is probably real, not that it is large or useful; report the effect size and a confidence interval too.',
      zh: '基准测试的分数逐查询波动，所以更高的平均分可能只是运气。显著性检验先假设零假设 H0（没有真实差异），计算在 H0 下观察到的差异有多令人意外（p 值），当 p ≤ α 时拒绝 H0，α 是事先选定的显著性水平（信息检索惯例为 0.05；ranx 用 0.01）。信息检索中的检验是配对的：两个系统在同一批查询上运行。显著只说明差异很可能是真的，不说明差异大或有用；还应报告效应量和置信区间。',
    },
    formula: {
      latex: '\\text{reject } H_0 \\iff p \\le \\alpha',
      symbols: { en: 'H₀: the null hypothesis of no difference; p: the p-value; α: the significance level.', zh: 'H₀：无差异的零假设；p：p 值；α：显著性水平。' },
    },
    example: {
      text: {
        en: `${dataText.en} A paired t-test gives t = {{expect.t}} with {{expect.df}} degrees of freedom and p = {{expect.pValue}}, below α = 0.05: the improvement is statistically significant.`,
        zh: `${dataText.zh}配对 t 检验得到 t = {{expect.t}}，自由度 {{expect.df}}，p = {{expect.pValue}}，低于 α = 0.05：该提升统计显著。`,
      },
      computation: { kind: 'paired-test', test: 'student-t', baseline, system, expect: { t: 4.06, df: 9, pValue: 0.0028 } },
    },
    pitfalls: [
      {
        en: 'Reading "not significant" as "no difference": with few queries a real difference often fails to reach significance (low power).',
        zh: '把“不显著”理解为“没有差异”：查询很少时，真实的差异也常常达不到显著（功效低）。',
      },
      {
        en: 'Running many tests and reporting the significant ones without a multiple-comparison correction.',
        zh: '做了很多次检验却只报告显著的那些，而不做多重比较校正。',
      },
    ],
    compareWith: ['effect-size'],
    related: ['p-value', 'paired-t-test', 'statistical-power', 'multiple-comparisons', 'baseline'],
    references: [
      { title: 'Statistical Methods for Research Workers', authors: 'Fisher', year: 1925, venue: 'Oliver and Boyd' },
      wasserstein,
      smucker,
    ],
  },
  {
    id: 'p-value',
    topic: 'statistics',
    term: { en: 'p-value', zh: 'p 值' },
    abbreviations: ['p'],
    aliases: { en: ['p value', 'probability value', 'observed significance level'], zh: ['P 值', '概率值', '显著性概率'] },
    notation: [{ tool: 'scipy', name: 'pvalue' }],
    definition: {
      en: 'The probability, computed under the null hypothesis, of a test statistic at least as extreme as the one observed.',
      zh: '在零假设成立的前提下，得到至少与观察值一样极端的检验统计量的概率。',
    },
    explanation: {
      en: 'A small p-value says the data would be surprising if the systems were equally good. It is not the probability that the null hypothesis is true, nor the probability that the result will replicate, and it says nothing about the size of the difference. The randomization test shows the idea most directly: under H0 each per-query difference is equally likely to have either sign, so the p-value is the share of all sign assignments whose total is at least as large as the one observed.',
      zh: 'p 值小，说明如果两个系统一样好，当前数据就会令人意外。它不是零假设为真的概率，也不是结果能复现的概率，更不反映差异的大小。随机化检验最直接地体现了这个思想：在 H0 下，每个查询的差值取正号或负号的可能性相同，因此 p 值就是所有符号组合中总和至少与观察值一样大的组合所占的比例。',
    },
    formula: {
      latex: 'p = \\Pr\\left( |T| \\ge |t_{\\mathrm{obs}}| \\mid H_0 \\right)',
      symbols: { en: 'T: the test statistic as a random variable; t_obs: its observed value; H₀: the null hypothesis.', zh: 'T：作为随机变量的检验统计量；t_obs：其观察值；H₀：零假设。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${dataText.en} Flipping the signs of the 10 differences in all {{expect.assignments}} possible ways, {{expect.extreme}} assignments give a total at least as far from 0 as the observed one: p = {{expect.extreme}}/{{expect.assignments}} = {{expect.pValue}}.`,
        zh: `${dataText.zh}把 10 个差值的符号以全部 {{expect.assignments}} 种方式翻转，有 {{expect.extreme}} 种组合的总和与 0 的距离不小于观察值：p = {{expect.extreme}}/{{expect.assignments}} = {{expect.pValue}}。`,
      },
      computation: { kind: 'paired-test', test: 'randomization', baseline, system, expect: { extreme: 10, assignments: 1024, pValue: 0.0098 } },
    },
    pitfalls: [
      {
        en: 'Saying "p = 0.03 means a 97% chance the system is better".',
        zh: '说“p = 0.03 意味着系统更好的概率是 97%”。',
      },
      {
        en: 'Comparing p-values across experiments as if they measured effect size: with thousands of queries tiny differences get tiny p-values.',
        zh: '把不同实验的 p 值当作效应量来比较：查询有成千上万个时，微小的差异也会得到很小的 p 值。',
      },
    ],
    compareWith: ['confidence-interval'],
    related: ['statistical-significance', 'randomization-test', 'multiple-comparisons'],
    references: [wasserstein, { title: 'Statistical Methods for Research Workers', authors: 'Fisher', year: 1925, venue: 'Oliver and Boyd' }],
  },
  {
    id: 'paired-t-test',
    topic: 'statistics',
    term: { en: 'paired t-test', zh: '配对 t 检验' },
    abbreviations: [],
    aliases: {
      en: ["Student's t-test", 'paired Student t-test', 'dependent t-test', 't-test', 'ttest_rel'],
      zh: ['成对 t 检验', '配对样本 t 检验', '学生 t 检验', 't 检验'],
    },
    notation: [
      { tool: 'scipy', name: 'scipy.stats.ttest_rel' },
      { tool: 'ranx', name: 'student' },
      { tool: 'benchline', name: 'benchline compare --test t' },
    ],
    definition: {
      en: "Student's t-test on the per-query differences between two systems, testing whether their mean is zero.",
      zh: '对两个系统逐查询差值做的 Student t 检验，检验其均值是否为零。',
    },
    explanation: {
      en: 'Pairing removes the large query-to-query variation (some queries are hard for every system) and tests only the differences. The statistic is the mean difference divided by its standard error; under H0 and roughly normal differences it follows Student\'s t distribution with n − 1 degrees of freedom. Despite the normality assumption, IR studies (Smucker et al. 2007; Urbano et al. 2019) found it behaves about as well as the randomization test with 25 or more queries, which is why it is the default of ranx, PyTerrier and this toolkit.',
      zh: '配对消除了查询之间的巨大差异（有些查询对所有系统都难），只检验差值。统计量是平均差除以其标准误；在 H0 下且差值近似正态时，它服从自由度为 n − 1 的 Student t 分布。尽管有正态性假设，信息检索的研究（Smucker 等 2007；Urbano 等 2019）发现，查询数在 25 个以上时它的表现与随机化检验相当，这也是 ranx、PyTerrier 和本工具包把它作为默认检验的原因。',
    },
    formula: {
      latex: 't = \\frac{\\bar{d}}{s_d / \\sqrt{n}}, \\quad s_d = \\sqrt{\\frac{1}{n - 1} \\sum_{q=1}^{n} (d_q - \\bar{d})^2}, \\quad \\mathrm{df} = n - 1',
      symbols: { en: 'd_q = system_q − baseline_q; d̄: their mean; s_d: their sample standard deviation; n: number of queries.', zh: 'd_q = 系统_q − 基线_q；d̄：其均值；s_d：其样本标准差；n：查询数。' },
    },
    example: {
      text: {
        en: `${dataText.en} The differences have standard deviation s_d = {{parts.summary.expect.standardDeviation}}, so t = {{parts.summary.expect.meanDifference}}/({{parts.summary.expect.standardDeviation}}/√10) = {{parts.test.expect.t}} with {{parts.test.expect.df}} degrees of freedom: p = {{parts.test.expect.pValue}} (two-sided).`,
        zh: `${dataText.zh}差值的标准差 s_d = {{parts.summary.expect.standardDeviation}}，因此 t = {{parts.summary.expect.meanDifference}}/({{parts.summary.expect.standardDeviation}}/√10) = {{parts.test.expect.t}}，自由度 {{parts.test.expect.df}}：p = {{parts.test.expect.pValue}}（双侧）。`,
      },
      computation: {
        kind: 'combined',
        parts: {
          summary: { kind: 'paired-summary', baseline, system, expect: { meanDifference: 0.0486, standardDeviation: 0.0379 } },
          test: { kind: 'paired-test', test: 'student-t', baseline, system, expect: { t: 4.06, df: 9, pValue: 0.0028 } },
        },
      },
    },
    pitfalls: [
      {
        en: 'Using the unpaired (two-sample) t-test on per-query scores: it leaves the query variance in and loses most of the power.',
        zh: '对逐查询分数使用非配对（双样本）t 检验：查询间方差留在误差里，损失大部分功效。',
      },
      {
        en: 'Pairing queries in different orders for the two runs: the arrays must be aligned by query id.',
        zh: '两个运行结果的查询顺序不同就直接配对：数组必须按查询编号对齐。',
      },
    ],
    compareWith: ['wilcoxon-signed-rank-test', 'randomization-test'],
    related: ['statistical-significance', 'effect-size', 'confidence-interval', 'p-value'],
    references: [
      { title: 'The Probable Error of a Mean', authors: 'Student (Gosset)', year: 1908, venue: 'Biometrika 6(1)', doi: '10.1093/biomet/6.1.1' },
      smucker,
      urbano,
    ],
  },
  {
    id: 'randomization-test',
    topic: 'statistics',
    term: { en: 'randomization test', zh: '随机化检验' },
    abbreviations: [],
    aliases: {
      en: ['permutation test', 'Fisher randomization test', 'sign-flip test', 'approximate randomization', 'Fisher test'],
      zh: ['置换检验', '排列检验', 'Fisher 随机化检验', '符号翻转检验'],
    },
    notation: [
      { tool: 'ranx', name: 'fisher' },
      { tool: 'benchline', name: 'benchline compare --test randomization' },
    ],
    definition: {
      en: 'A paired test that builds the null distribution by randomly swapping the two systems\' scores on each query (flipping the sign of each difference).',
      zh: '通过在每个查询上随机交换两个系统的分数（即翻转每个差值的符号）来构造零分布的配对检验。',
    },
    explanation: {
      en: 'If the systems were interchangeable, which one got which score on a query would be arbitrary, so every assignment of signs to the per-query differences is equally likely. The p-value is the share of assignments whose total difference is at least as extreme as the observed one: exactly, over all 2ⁿ assignments, when n is small; otherwise over B random ones, with p = (c + 1)/(B + 1) so that it is never 0. It makes no normality assumption; Smucker et al. (2007) recommended it as the reference test for IR.',
      zh: '如果两个系统可以互换，那么某个查询上哪个系统得到哪个分数就是任意的，因此给逐查询差值分配符号的每一种方式都同样可能。p 值就是总差值至少与观察值一样极端的分配所占的比例：n 较小时在全部 2ⁿ 种分配上精确计算；否则在 B 个随机分配上计算，并取 p = (c + 1)/(B + 1)，使其永远不为 0。它不作正态性假设；Smucker 等（2007）推荐它作为信息检索的参照检验。',
    },
    formula: {
      latex: 'p = \\frac{1}{2^n} \\sum_{\\sigma \\in \\{-1, 1\\}^n} \\mathbb{1}\\left[ \\left| \\sum_{q} \\sigma_q d_q \\right| \\ge \\left| \\sum_{q} d_q \\right| \\right]',
      symbols: { en: 'σ: a vector of signs, one per query; d_q: per-query differences.', zh: 'σ：每个查询一个符号组成的向量；d_q：逐查询差值。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${dataText.en} Of the {{parts.randomization.expect.assignments}} sign assignments, {{parts.randomization.expect.extreme}} give a total difference at least as extreme: exact p = {{parts.randomization.expect.pValue}}, close to the t-test's {{parts.t.expect.pValue}} and far from the sign test's {{parts.sign.expect.pValue}}.`,
        zh: `${dataText.zh}在 {{parts.randomization.expect.assignments}} 种符号分配中，有 {{parts.randomization.expect.extreme}} 种的总差值至少同样极端：精确 p = {{parts.randomization.expect.pValue}}，与 t 检验的 {{parts.t.expect.pValue}} 接近，而与符号检验的 {{parts.sign.expect.pValue}} 相去甚远。`,
      },
      computation: {
        kind: 'combined',
        parts: {
          randomization: { kind: 'paired-test', test: 'randomization', baseline, system, expect: { extreme: 10, assignments: 1024, pValue: 0.0098 } },
          t: { kind: 'paired-test', test: 'student-t', baseline, system, expect: { t: 4.06, df: 9, pValue: 0.0028 } },
          sign: { kind: 'paired-test', test: 'sign', baseline, system, expect: { wins: 8, losses: 2, pValue: 0.1094 } },
        },
      },
    },
    pitfalls: [
      {
        en: 'Reporting p = 0 from a Monte Carlo run: with B samples the smallest honest value is 1/(B + 1).',
        zh: '蒙特卡罗计算报告 p = 0：用 B 个样本时，最小的诚实取值是 1/(B + 1)。',
      },
      {
        en: 'Using few permutations (ranx defaults to 1,000): the p-value then has a Monte Carlo error of about 0.007 near 0.05.',
        zh: '置换次数太少（ranx 默认 1,000 次）：此时 p 值在 0.05 附近的蒙特卡罗误差约为 0.007。',
      },
    ],
    compareWith: ['paired-t-test', 'bootstrap-test'],
    related: ['p-value', 'statistical-significance'],
    references: [
      { title: 'The Design of Experiments', authors: 'Fisher', year: 1935, venue: 'Oliver and Boyd' },
      smucker,
      {
        title: 'Permutation P-values Should Never Be Zero: Calculating Exact P-values When Permutations Are Randomly Drawn',
        authors: 'Phipson, Smyth',
        year: 2010,
        venue: 'Statistical Applications in Genetics and Molecular Biology 9(1)',
        doi: '10.2202/1544-6115.1585',
      },
    ],
  },
  {
    id: 'bootstrap-test',
    topic: 'statistics',
    term: { en: 'bootstrap test', zh: '自助法检验' },
    abbreviations: [],
    aliases: {
      en: ['bootstrap', 'paired bootstrap', 'bootstrap confidence interval', 'resampling test', 'bootstrap shift test'],
      zh: ['自助法', 'Bootstrap 检验', '自助置信区间', '重抽样检验', '配对自助法'],
    },
    notation: [{ tool: 'benchline', name: 'benchline compare --test bootstrap' }],
    definition: {
      en: 'A test that resamples the queries (their per-query differences) with replacement to estimate how much the mean difference varies.',
      zh: '对查询（其逐查询差值）进行有放回重抽样，以估计平均差变化幅度的检验。',
    },
    explanation: {
      en: 'The bootstrap treats the observed queries as a stand-in for the population of queries: drawing n queries with replacement many times gives the sampling distribution of the mean difference. For a test, the resample means are shifted to be centred on 0 (the null hypothesis) and the p-value is the share at least as far from 0 as the observed mean; for a percentile confidence interval, take the 2.5% and 97.5% quantiles of the resample means. With few queries it tends to be too liberal (Urbano et al. 2019).',
      zh: '自助法把观察到的查询当作查询总体的替身：有放回地多次抽取 n 个查询，就得到平均差的抽样分布。用于检验时，把重抽样均值平移到以 0 为中心（零假设），p 值为与 0 的距离不小于观察均值的比例；用于百分位置信区间时，取重抽样均值的 2.5% 和 97.5% 分位数。查询很少时它往往过于宽松（Urbano 等 2019）。',
    },
    formula: {
      latex: 'p = \\frac{1}{B} \\sum_{b=1}^{B} \\mathbb{1}\\left[ |m_b - \\bar{m}| \\ge |\\bar{d}| \\right]',
      symbols: { en: 'm_b: mean of the b-th resample of the differences; m̄: mean of the m_b; d̄: the observed mean difference; B: resamples.', zh: 'm_b：差值第 b 次重抽样的均值；m̄：各 m_b 的均值；d̄：观察到的平均差；B：重抽样次数。' },
    },
    range: pRange,
    example: {
      text: {
        en: 'Four queries have differences 0.08, 0.02, 0.05 and −0.03 (mean {{expect.meanDifference}}). Enumerating all {{expect.resamples}} equally likely resamples of four queries instead of drawing them at random, the shifted means reach at least {{expect.meanDifference}} away from centre in a share p = {{expect.pValue}} of them: not significant.',
        zh: '四个查询的差值为 0.08、0.02、0.05 和 −0.03（均值 {{expect.meanDifference}}）。不随机抽取，而是枚举全部 {{expect.resamples}} 种等可能的四查询重抽样，平移后的均值离中心至少 {{expect.meanDifference}} 的比例为 p = {{expect.pValue}}：不显著。',
      },
      computation: { kind: 'exact-bootstrap', differences: [0.08, 0.02, 0.05, -0.03], expect: { resamples: 256, meanDifference: 0.03, pValue: 0.1328 } },
    },
    pitfalls: [
      {
        en: 'Resampling documents or judgments instead of queries: the unit of the experiment is the query.',
        zh: '对文档或判定而不是对查询重抽样：实验的单位是查询。',
      },
    ],
    compareWith: ['randomization-test'],
    related: ['confidence-interval', 'paired-t-test'],
    references: [
      { title: 'Bootstrap Methods: Another Look at the Jackknife', authors: 'Efron', year: 1979, venue: 'The Annals of Statistics 7(1)', doi: '10.1214/aos/1176344552' },
      urbano,
    ],
  },
  {
    id: 'wilcoxon-signed-rank-test',
    topic: 'statistics',
    term: { en: 'Wilcoxon signed-rank test', zh: '威尔科克森符号秩检验' },
    abbreviations: [],
    aliases: { en: ['Wilcoxon test', 'signed-rank test', 'Wilcoxon signed rank'], zh: ['Wilcoxon 符号秩检验', '符号秩检验', '威尔科克森检验'] },
    notation: [
      { tool: 'scipy', name: 'scipy.stats.wilcoxon' },
      { tool: 'benchline', name: 'benchline compare --test wilcoxon' },
    ],
    definition: {
      en: 'A paired, rank-based test: rank the absolute per-query differences and compare the rank sums of the positive and negative ones.',
      zh: '基于秩的配对检验：对逐查询差值的绝对值排秩，比较正差值与负差值的秩和。',
    },
    explanation: {
      en: 'Ranks make the test robust to outliers and free of the normality assumption, but they discard the magnitudes. Zero differences are usually dropped (scipy and R: zero_method "wilcox"; Pratt and zsplit are alternatives); tied magnitudes get average ranks. Small samples without ties use the exact distribution of W+, otherwise a normal approximation. The IR literature disagrees about it: Smucker et al. (2007) advised against it, later simulation studies found it reliable.',
      zh: '使用秩使检验对异常值稳健、不需要正态性假设，但丢掉了差值的大小。零差值通常被丢弃（scipy 和 R 的 zero_method 为“wilcox”；Pratt 和 zsplit 是替代做法）；绝对值相同的差值取平均秩。小样本且无并列时使用 W+ 的精确分布，否则用正态近似。信息检索文献对它看法不一：Smucker 等（2007）不建议使用，后来的模拟研究则认为它可靠。',
    },
    formula: {
      latex: 'W^{+} = \\sum_{q : d_q > 0} \\mathrm{rank}(|d_q|), \\qquad W^{-} = \\sum_{q : d_q < 0} \\mathrm{rank}(|d_q|)',
      symbols: { en: 'rank(|d_q|): rank of |d_q| among the non-zero differences (ties get average ranks).', zh: 'rank(|d_q|)：|d_q| 在非零差值中的秩（并列取平均秩）。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${dataText.en} The two negative differences have the smallest magnitudes: W+ = {{expect.wPlus}}, W− = {{expect.wMinus}}, exact p = {{expect.pValue}}.`,
        zh: `${dataText.zh}两个负差值的绝对值最小：W+ = {{expect.wPlus}}，W− = {{expect.wMinus}}，精确 p = {{expect.pValue}}。`,
      },
      computation: { kind: 'paired-test', test: 'wilcoxon', baseline, system, expect: { wPlus: 52, wMinus: 3, pValue: 0.0098 } },
    },
    pitfalls: [
      {
        en: 'Comparing p-values from tools with different zero and tie handling (scipy, R and older scipy versions choose exact or approximate differently).',
        zh: '比较零值和并列处理方式不同的工具给出的 p 值（scipy、R 以及旧版 scipy 对精确与近似的选择不同）。',
      },
    ],
    compareWith: ['paired-t-test', 'sign-test'],
    related: ['statistical-significance', 'p-value'],
    references: [
      { title: 'Individual Comparisons by Ranking Methods', authors: 'Wilcoxon', year: 1945, venue: 'Biometrics Bulletin 1(6)', doi: '10.2307/3001968' },
      smucker,
    ],
  },
  {
    id: 'sign-test',
    topic: 'statistics',
    term: { en: 'sign test', zh: '符号检验' },
    abbreviations: [],
    aliases: { en: ['binomial sign test', 'paired sign test'], zh: ['二项符号检验', '配对符号检验'] },
    notation: [
      { tool: 'scipy', name: 'scipy.stats.binomtest' },
      { tool: 'benchline', name: 'benchline compare --test sign' },
    ],
    definition: {
      en: 'A paired test that counts only on how many queries the system wins and loses, and compares the count with a fair coin.',
      zh: '只统计系统在多少个查询上胜、多少个查询上负，并与公平硬币比较的配对检验。',
    },
    explanation: {
      en: 'Under H0 a win and a loss are equally likely, so the number of wins among the non-tied queries follows Binomial(n, ½). The test ignores how large each difference is, so it has little power; Smucker et al. used a minimum difference (0.01) below which a query counts as a tie. Its win/loss counts are still worth reporting.',
      zh: '在 H0 下胜和负的可能性相同，所以非平局查询中的胜场数服从 Binomial(n, ½)。该检验忽略每个差值的大小，因此功效很低；Smucker 等使用了最小差值（0.01），低于它的查询算平局。不过它的胜负计数仍值得报告。',
    },
    formula: {
      latex: 'p = \\min\\left( 1, 2 \\sum_{i=0}^{\\min(k, n - k)} \\binom{n}{i} 2^{-n} \\right)',
      symbols: { en: 'k: wins; n: wins + losses (ties dropped).', zh: 'k：胜场数；n：胜场数 + 负场数（平局不计）。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${dataText.en} The sign test sees only {{parts.sign.expect.wins}} wins and {{parts.sign.expect.losses}} losses: p = {{parts.sign.expect.pValue}}, not significant, although the t-test ({{parts.t.expect.pValue}}) and the randomization test ({{parts.randomization.expect.pValue}}) are.`,
        zh: `${dataText.zh}符号检验只看到 {{parts.sign.expect.wins}} 胜 {{parts.sign.expect.losses}} 负：p = {{parts.sign.expect.pValue}}，不显著，而 t 检验（{{parts.t.expect.pValue}}）和随机化检验（{{parts.randomization.expect.pValue}}）都显著。`,
      },
      computation: {
        kind: 'combined',
        parts: {
          sign: { kind: 'paired-test', test: 'sign', baseline, system, expect: { wins: 8, losses: 2, pValue: 0.1094 } },
          t: { kind: 'paired-test', test: 'student-t', baseline, system, expect: { t: 4.06, df: 9, pValue: 0.0028 } },
          randomization: { kind: 'paired-test', test: 'randomization', baseline, system, expect: { extreme: 10, assignments: 1024, pValue: 0.0098 } },
        },
      },
    },
    pitfalls: [
      {
        en: 'Concluding "no difference" from a non-significant sign test: it throws away most of the information.',
        zh: '由不显著的符号检验得出“没有差异”：它丢掉了大部分信息。',
      },
    ],
    compareWith: ['wilcoxon-signed-rank-test'],
    related: ['win-tie-loss', 'statistical-power'],
    references: [smucker],
  },
  {
    id: 'multiple-comparisons',
    topic: 'statistics',
    term: { en: 'multiple comparisons', zh: '多重比较' },
    abbreviations: ['FWER'],
    aliases: {
      en: ['multiple testing', 'multiple-comparison correction', 'multiplicity', 'family-wise error rate', 'look-elsewhere effect'],
      zh: ['多重检验', '多重比较校正', '族错误率', '多重假设检验'],
    },
    notation: [{ tool: 'benchline', name: 'benchline compare --correction holm|bonferroni|bh|none' }],
    definition: {
      en: 'The problem that testing many hypotheses at level α makes at least one false "significant" result likely, and the corrections that control it.',
      zh: '在水平 α 下检验许多假设时，至少出现一个假“显著”结果的可能性会变大；以及用来控制这一问题的校正方法。',
    },
    explanation: {
      en: 'Comparing several systems, measures or datasets against a baseline makes a family of tests. If each has a 5% false-positive rate, the chance of at least one false positive in the family (the family-wise error rate, FWER) grows quickly. Corrections adjust the p-values: Bonferroni and Holm control the FWER, Benjamini–Hochberg controls the false discovery rate. State the family (for example: all systems × measures compared with the baseline) in the table caption.',
      zh: '把多个系统、指标或数据集与基线模型比较，就构成一族检验。若每个检验的假阳性率是 5%，整族中至少出现一个假阳性的概率（族错误率，FWER）会迅速增大。校正方法会调整 p 值：Bonferroni 和 Holm 控制族错误率，Benjamini–Hochberg 控制错误发现率。请在表格标题中说明检验族（例如：所有系统 × 指标与基线模型的比较）。',
    },
    formula: {
      latex: '\\mathrm{FWER} = 1 - (1 - \\alpha)^m',
      symbols: { en: 'm independent tests, each at level α, all null hypotheses true.', zh: 'm 个独立检验，每个水平为 α，且所有零假设都为真。' },
    },
    range: pRange,
    example: {
      text: {
        en: 'Five independent comparisons at α = 0.05 where no system is really better: the chance that at least one comes out "significant" is 1 − 0.95⁵ = {{expect.familyWiseError}}, not 0.05.',
        zh: '在 α = 0.05 下做五个独立比较，而实际上没有一个系统更好：至少有一个显示“显著”的概率是 1 − 0.95⁵ = {{expect.familyWiseError}}，而不是 0.05。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { alpha: '0.05', keep: '1 - alpha', familyWiseError: '1 - keep * keep * keep * keep * keep' },
        expect: { alpha: 0.05, keep: 0.95, familyWiseError: 0.2262 },
      },
    },
    pitfalls: [
      {
        en: 'Correcting only over the comparisons that looked promising: the family is everything that was tested.',
        zh: '只对看起来有希望的比较做校正：检验族是所有做过的检验。',
      },
    ],
    compareWith: [],
    related: ['bonferroni-correction', 'holm-correction', 'benjamini-hochberg', 'tukey-hsd', 'statistical-significance'],
    references: [carterette, { title: 'Some Common Mistakes In IR Evaluation, And How They Can Be Avoided', authors: 'Fuhr', year: 2017, venue: 'SIGIR Forum 51(3)' }],
  },
  {
    id: 'bonferroni-correction',
    topic: 'statistics',
    term: { en: 'Bonferroni correction', zh: 'Bonferroni 校正' },
    abbreviations: [],
    aliases: { en: ['Bonferroni adjustment', 'Bonferroni method'], zh: ['邦费罗尼校正', 'Bonferroni 修正', 'Bonferroni 调整'] },
    notation: [{ tool: 'benchline', name: 'benchline compare --correction bonferroni' }],
    definition: {
      en: 'Multiplying each of m p-values by m (capped at 1), which keeps the family-wise error rate at most α.',
      zh: '把 m 个 p 值各乘以 m（上限为 1），使族错误率不超过 α 的校正方法。',
    },
    explanation: {
      en: 'Bonferroni is the simplest correction and is valid for any dependence between the tests, but it is conservative: Holm\'s procedure rejects everything Bonferroni rejects and sometimes more, at the same guarantee, so there is rarely a reason to prefer Bonferroni.',
      zh: 'Bonferroni 是最简单的校正，对检验之间任意的相关性都成立，但它偏保守：Holm 方法在同样的保证下，能拒绝 Bonferroni 拒绝的一切，有时还更多，所以很少有理由偏好 Bonferroni。',
    },
    formula: {
      latex: '\\tilde{p}_i = \\min(1, m \\cdot p_i)',
      symbols: { en: 'p_i: raw p-value; m: number of tests; p̃_i: adjusted p-value, rejected when p̃_i ≤ α.', zh: 'p_i：原始 p 值；m：检验个数；p̃_i：调整后的 p 值，p̃_i ≤ α 时拒绝。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${familyText.en} Bonferroni multiplies each by 6: {{expect.adjusted.0}}, {{expect.adjusted.1}}, {{expect.adjusted.2}}, {{expect.adjusted.3}}, {{expect.adjusted.4}}, {{expect.adjusted.5}}; {{expect.rejectedAt005}} stay significant at 0.05.`,
        zh: `${familyText.zh}Bonferroni 把每个都乘以 6：{{expect.adjusted.0}}、{{expect.adjusted.1}}、{{expect.adjusted.2}}、{{expect.adjusted.3}}、{{expect.adjusted.4}}、{{expect.adjusted.5}}；在 0.05 水平下仍有 {{expect.rejectedAt005}} 个显著。`,
      },
      computation: {
        kind: 'adjust-p-values',
        method: 'bonferroni',
        pValues: pValueFamily,
        expect: { adjusted: [0.0171, 0.1048, 0.2829, 0.006, 0.24, 1], rejectedAt005: 2 },
      },
    },
    pitfalls: [
      {
        en: 'Using Bonferroni when Holm is available: same guarantee, never less power.',
        zh: '有 Holm 可用时仍用 Bonferroni：保证相同，而 Holm 的功效从不更低。',
      },
    ],
    compareWith: ['holm-correction'],
    related: ['multiple-comparisons', 'benjamini-hochberg'],
    references: [
      { title: 'Multiple Comparisons Among Means', authors: 'Dunn', year: 1961, venue: 'Journal of the American Statistical Association 56(293)', doi: '10.1080/01621459.1961.10482090' },
    ],
  },
  {
    id: 'holm-correction',
    topic: 'statistics',
    term: { en: 'Holm correction', zh: 'Holm 逐步校正' },
    abbreviations: [],
    aliases: { en: ['Holm-Bonferroni method', 'Holm procedure', 'step-down Bonferroni', 'Holm adjustment'], zh: ['Holm 校正', 'Holm-Bonferroni 校正', '逐步向下校正'] },
    notation: [{ tool: 'benchline', name: 'benchline compare --correction holm' }],
    definition: {
      en: "A step-down correction: sort the p-values, multiply the i-th smallest by (m − i + 1), and keep the adjusted values non-decreasing; it controls the family-wise error rate.",
      zh: '一种逐步向下的校正：把 p 值排序，第 i 小的乘以 (m − i + 1)，并保持调整后的值单调不减；它控制族错误率。',
    },
    explanation: {
      en: 'Holm gives the same guarantee as Bonferroni (FWER ≤ α under any dependence) but only the smallest p-value pays the full factor m; the next pays m − 1, and so on. It is uniformly at least as powerful as Bonferroni and is the default correction of this toolkit when more than one comparison is reported.',
      zh: 'Holm 与 Bonferroni 的保证相同（在任意相关性下 FWER ≤ α），但只有最小的 p 值承担完整的因子 m；下一个承担 m − 1，依此类推。它的功效一致地不低于 Bonferroni，也是本工具包在报告多于一个比较时的默认校正。',
    },
    formula: {
      latex: '\\tilde{p}_{(i)} = \\max_{j \\le i} \\min\\left( 1, (m - j + 1) \\cdot p_{(j)} \\right)',
      symbols: { en: 'p_(j): the j-th smallest raw p-value; m: number of tests.', zh: 'p_(j)：第 j 小的原始 p 值；m：检验个数。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${familyText.en} Holm gives {{expect.adjusted.0}}, {{expect.adjusted.1}}, {{expect.adjusted.2}}, {{expect.adjusted.3}}, {{expect.adjusted.4}}, {{expect.adjusted.5}}: smaller than Bonferroni's, {{expect.rejectedAt005}} significant at 0.05.`,
        zh: `${familyText.zh}Holm 给出 {{expect.adjusted.0}}、{{expect.adjusted.1}}、{{expect.adjusted.2}}、{{expect.adjusted.3}}、{{expect.adjusted.4}}、{{expect.adjusted.5}}：比 Bonferroni 的小，0.05 水平下 {{expect.rejectedAt005}} 个显著。`,
      },
      computation: {
        kind: 'adjust-p-values',
        method: 'holm',
        pValues: pValueFamily,
        expect: { adjusted: [0.0142, 0.0698, 0.12, 0.006, 0.12, 0.3], rejectedAt005: 2 },
      },
    },
    pitfalls: [
      {
        en: 'Forgetting the running maximum: without it an adjusted p-value can be smaller than that of a smaller raw p-value.',
        zh: '忘了取累积最大值：否则某个调整后的 p 值可能比原始 p 值更小者的调整值还小。',
      },
    ],
    compareWith: ['bonferroni-correction', 'benjamini-hochberg'],
    related: ['multiple-comparisons'],
    references: [
      { title: 'A Simple Sequentially Rejective Multiple Test Procedure', authors: 'Holm', year: 1979, venue: 'Scandinavian Journal of Statistics 6(2)', url: 'https://www.jstor.org/stable/4615733' },
      carterette,
    ],
  },
  {
    id: 'benjamini-hochberg',
    topic: 'statistics',
    term: { en: 'Benjamini–Hochberg procedure', zh: 'Benjamini–Hochberg 校正' },
    abbreviations: ['BH', 'FDR'],
    aliases: {
      en: ['false discovery rate', 'Benjamini-Hochberg', 'BH correction', 'FDR control', 'step-up procedure'],
      zh: ['错误发现率', '假发现率', 'BH 校正', 'FDR 校正', '错误发现率控制'],
    },
    notation: [
      { tool: 'scipy', name: 'scipy.stats.false_discovery_control' },
      { tool: 'benchline', name: 'benchline compare --correction bh' },
    ],
    definition: {
      en: 'A step-up correction that controls the false discovery rate, the expected share of false positives among the rejected hypotheses.',
      zh: '一种逐步向上的校正，控制错误发现率，即被拒绝的假设中假阳性的期望比例。',
    },
    explanation: {
      en: 'Controlling the FWER is strict: it limits the chance of even one false positive. When many hypotheses are explored (datasets × measures × configurations), controlling the false discovery rate is often more useful: among the results called significant, at most a fraction α is expected to be false. BH multiplies the i-th smallest p-value by m/i and takes running minima from the top. It assumes independent or positively dependent tests.',
      zh: '控制族错误率很严格：它限制哪怕一个假阳性出现的概率。当探索的假设很多时（数据集 × 指标 × 配置），控制错误发现率往往更有用：在被判为显著的结果中，预期至多有比例 α 是假的。BH 把第 i 小的 p 值乘以 m/i，并从最大的一端起取累积最小值。它假设检验之间独立或正相关。',
    },
    formula: {
      latex: '\\tilde{p}_{(i)} = \\min_{j \\ge i} \\min\\left( 1, \\frac{m}{j} \\cdot p_{(j)} \\right)',
      symbols: { en: 'p_(j): the j-th smallest raw p-value; m: number of tests.', zh: 'p_(j)：第 j 小的原始 p 值；m：检验个数。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${familyText.en} BH gives {{expect.adjusted.0}}, {{expect.adjusted.1}}, {{expect.adjusted.2}}, {{expect.adjusted.3}}, {{expect.adjusted.4}}, {{expect.adjusted.5}}: {{expect.rejectedAt005}} discoveries at 0.05, one more than Holm.`,
        zh: `${familyText.zh}BH 给出 {{expect.adjusted.0}}、{{expect.adjusted.1}}、{{expect.adjusted.2}}、{{expect.adjusted.3}}、{{expect.adjusted.4}}、{{expect.adjusted.5}}：0.05 水平下有 {{expect.rejectedAt005}} 个发现，比 Holm 多一个。`,
      },
      computation: {
        kind: 'adjust-p-values',
        method: 'bh',
        pValues: pValueFamily,
        expect: { adjusted: [0.0085, 0.0349, 0.0566, 0.006, 0.0566, 0.3], rejectedAt005: 3 },
      },
    },
    pitfalls: [
      {
        en: 'Presenting FDR-controlled results as if the family-wise error were controlled: some of the discoveries are expected to be false.',
        zh: '把控制错误发现率的结果当作控制了族错误率来陈述：部分发现预期是假的。',
      },
    ],
    compareWith: ['holm-correction'],
    related: ['multiple-comparisons', 'bonferroni-correction'],
    references: [
      {
        title: 'Controlling the False Discovery Rate: A Practical and Powerful Approach to Multiple Testing',
        authors: 'Benjamini, Hochberg',
        year: 1995,
        venue: 'Journal of the Royal Statistical Society: Series B 57(1)',
        doi: '10.1111/j.2517-6161.1995.tb02031.x',
      },
    ],
  },
  {
    id: 'effect-size',
    topic: 'statistics',
    term: { en: 'effect size', zh: '效应量' },
    abbreviations: [],
    aliases: { en: ["Cohen's d", "Cohen's d_z", 'standardized mean difference', "Hedges' g", 'effect magnitude'], zh: ['效应大小', '效果量', 'Cohen d 值', '标准化均值差'] },
    notation: [{ tool: 'benchline', name: 'cohenDz' }],
    definition: {
      en: 'How large a difference is, in raw units (the mean difference) or standardised (for paired data, Cohen\'s d_z = mean difference ÷ standard deviation of the differences).',
      zh: '差异有多大：用原始单位表示（平均差），或标准化表示（配对数据用 Cohen 的 d_z = 平均差 ÷ 差值标准差）。',
    },
    explanation: {
      en: 'A p-value mixes the size of a difference with the number of queries: with thousands of queries a negligible gain is "significant". Reporting the effect size separates the two. The raw mean difference (with a confidence interval) and the relative improvement are the most readable; d_z allows comparison across measures. Cohen\'s bands (0.2 small, 0.5 medium, 0.8 large) are rough heuristics from the behavioural sciences, not rules.',
      zh: 'p 值把差异大小和查询数量混在一起：查询有成千上万个时，可以忽略的提升也会“显著”。报告效应量可以把两者分开。原始平均差（附置信区间）和相对提升最易读；d_z 便于跨指标比较。Cohen 的分档（0.2 小、0.5 中、0.8 大）只是来自行为科学的粗略经验，不是规则。',
    },
    formula: {
      latex: 'd_z = \\frac{\\bar{d}}{s_d}, \\qquad g_z = d_z \\left( 1 - \\frac{3}{4(n - 1) - 1} \\right)',
      symbols: { en: 'd̄: mean difference; s_d: standard deviation of the differences; g_z: Hedges\' small-sample correction.', zh: 'd̄：平均差；s_d：差值标准差；g_z：Hedges 的小样本校正。' },
    },
    range: { min: 0, max: null, better: 'neither' },
    example: {
      text: {
        en: `${dataText.en} The standard deviation of the differences is {{expect.standardDeviation}}, so d_z = {{expect.meanDifference}}/{{expect.standardDeviation}} = {{expect.cohenDz}}: a large standardised effect, from a raw gain of {{expect.meanDifference}} nDCG@10.`,
        zh: `${dataText.zh}差值的标准差为 {{expect.standardDeviation}}，所以 d_z = {{expect.meanDifference}}/{{expect.standardDeviation}} = {{expect.cohenDz}}：标准化效应很大，对应的原始提升为 {{expect.meanDifference}} 的 nDCG@10。`,
      },
      computation: { kind: 'paired-summary', baseline, system, expect: { meanDifference: 0.0486, standardDeviation: 0.0379, cohenDz: 1.28 } },
    },
    pitfalls: [
      {
        en: 'Reporting only "significant (p < 0.05)" with no effect size: readers cannot tell a 0.001 gain from a 0.1 gain.',
        zh: '只报告“显著（p < 0.05）”而不给效应量：读者无法区分 0.001 的提升和 0.1 的提升。',
      },
    ],
    compareWith: ['statistical-significance'],
    related: ['confidence-interval', 'paired-t-test', 'statistical-power'],
    references: [cohen, sakai],
  },
  {
    id: 'confidence-interval',
    topic: 'statistics',
    term: { en: 'confidence interval', zh: '置信区间' },
    abbreviations: ['CI'],
    aliases: { en: ['95% CI', 'interval estimate', 'confidence bounds'], zh: ['95% 置信区间', '区间估计', '置信界'] },
    notation: [{ tool: 'benchline', name: 'confidenceInterval' }],
    definition: {
      en: 'An interval computed from the data by a procedure that covers the true value (here, the true mean difference) in a stated share of repeated experiments, usually 95%.',
      zh: '由数据按某种程序算出的区间，在重复实验中有规定比例（通常 95%）的区间覆盖真值（此处为真实平均差）。',
    },
    explanation: {
      en: 'A confidence interval shows both the size of a difference and its uncertainty. For paired per-query differences the t interval is d̄ ± t(0.975, n − 1)·s_d/√n; it excludes 0 exactly when the two-sided paired t-test is significant at 0.05. Bootstrap percentile intervals are an alternative without the normality assumption. The 95% is a property of the procedure, not a 95% probability that this particular interval contains the truth.',
      zh: '置信区间同时展示差异的大小及其不确定性。对配对的逐查询差值，t 区间为 d̄ ± t(0.975, n − 1)·s_d/√n；当且仅当双侧配对 t 检验在 0.05 水平下显著时，它不包含 0。自助法百分位区间是不需要正态性假设的替代方案。95% 是区间构造程序的性质，而不是这个具体区间包含真值的概率为 95%。',
    },
    formula: {
      latex: '\\bar{d} \\pm t_{0.975, n-1} \\cdot \\frac{s_d}{\\sqrt{n}}',
      symbols: { en: 't_{0.975, n−1}: the 97.5% quantile of Student\'s t with n − 1 degrees of freedom.', zh: 't_{0.975, n−1}：自由度为 n − 1 的 Student t 分布的 97.5% 分位数。' },
    },
    example: {
      text: {
        en: `${dataText.en} The 95% confidence interval of the mean difference is [{{expect.ciLow}}, {{expect.ciHigh}}]: it excludes 0, matching the significant t-test, and says the true gain could be as small as {{expect.ciLow}}.`,
        zh: `${dataText.zh}平均差的 95% 置信区间为 [{{expect.ciLow}}, {{expect.ciHigh}}]：它不包含 0，与显著的 t 检验一致，同时表明真实提升可能小至 {{expect.ciLow}}。`,
      },
      computation: { kind: 'paired-summary', baseline, system, expect: { meanDifference: 0.0486, ciLow: 0.0215, ciHigh: 0.0757 } },
    },
    pitfalls: [
      {
        en: 'Comparing two systems by whether their separate (unpaired) intervals overlap: overlapping intervals can still hide a significant paired difference.',
        zh: '用两个系统各自（非配对）区间是否重叠来比较它们：区间重叠时，配对差异仍可能显著。',
      },
    ],
    compareWith: ['p-value'],
    related: ['effect-size', 'bootstrap-test', 'paired-t-test'],
    references: [
      {
        title: 'Outline of a Theory of Statistical Estimation Based on the Classical Theory of Probability',
        authors: 'Neyman',
        year: 1937,
        venue: 'Philosophical Transactions of the Royal Society A 236(767)',
        doi: '10.1098/rsta.1937.0005',
      },
      sakai,
    ],
  },
  {
    id: 'tukey-hsd',
    topic: 'statistics',
    term: { en: "Tukey's HSD test", zh: 'Tukey 真实显著差异检验' },
    abbreviations: ['HSD'],
    aliases: { en: ['Tukey HSD', 'honestly significant difference', 'randomised Tukey HSD', 'Tukey range test'], zh: ['Tukey HSD', 'Tukey 检验', '真实显著差异检验', '随机化 Tukey HSD'] },
    notation: [
      { tool: 'scipy', name: 'scipy.stats.tukey_hsd' },
      { tool: 'ranx', name: 'tukey' },
    ],
    definition: {
      en: 'A test of all pairwise differences among several systems that controls the family-wise error rate, based on the distribution of the largest difference between means.',
      zh: '基于各均值间最大差值分布、控制族错误率的多系统两两差异检验。',
    },
    explanation: {
      en: 'When every system is compared with every other, Tukey\'s HSD compares each mean difference with the studentised range. In IR it should be applied to the topic × system table as a two-way design (or as Carterette\'s randomised version that permutes scores within each topic), so that topic difficulty leaves the error term. scipy\'s tukey_hsd, which ranx uses, is the one-way version that treats the systems\' scores as independent groups and loses almost all power on per-query data.',
      zh: '当每个系统都要和其他所有系统比较时，Tukey HSD 把每个均值差与学生化极差比较。在信息检索中，应把它用于主题 × 系统的二维表（或用 Carterette 的随机化版本，在每个主题内置换分数），使主题难度离开误差项。ranx 使用的 scipy tukey_hsd 是单因素版本，把各系统的分数当作独立组，在逐查询数据上几乎丧失全部功效。',
    },
    formula: {
      latex: 'q_{ij} = \\frac{|\\bar{x}_i - \\bar{x}_j|}{\\sqrt{V_E / n}}',
      symbols: { en: 'x̄_i: mean score of system i; V_E: residual mean square of the topic × system ANOVA; n: topics.', zh: 'x̄_i：系统 i 的平均分；V_E：主题 × 系统方差分析的残差均方；n：主题数。' },
    },
    range: pRange,
    example: {
      text: {
        en: `${dataText.en} scipy's one-way Tukey HSD, which ignores the pairing, gives p = {{expect.unpairedTukey}} for this pair, while the paired t-test gives p = {{expect.pairedT}}: use the paired (two-way or randomised) version.`,
        zh: `${dataText.zh}忽略配对的 scipy 单因素 Tukey HSD 对这一对给出 p = {{expect.unpairedTukey}}，而配对 t 检验给出 p = {{expect.pairedT}}：应使用配对的（二因素或随机化）版本。`,
      },
      computation: {
        kind: 'reference-figures',
        source: 'stats/ref_tests.json',
        figures: {
          unpairedTukey: ['tukey_hsd_scipy_unpaired', 'pvalue_matrix', '0', '1'],
          pairedT: ['cases', 'small_n10', 'paired_t', 'p_two_sided'],
        },
        expect: { unpairedTukey: 0.8286, pairedT: 0.0028 },
      },
    },
    pitfalls: [
      {
        en: 'Running the one-way (unpaired) Tukey HSD on per-query scores, as ranx\'s "tukey" does.',
        zh: '像 ranx 的“tukey”那样，在逐查询分数上运行单因素（非配对）Tukey HSD。',
      },
    ],
    compareWith: ['holm-correction'],
    related: ['multiple-comparisons', 'paired-t-test'],
    references: [
      { title: 'Comparing Individual Means in the Analysis of Variance', authors: 'Tukey', year: 1949, venue: 'Biometrics 5(2)', doi: '10.2307/3001913' },
      carterette,
    ],
  },
  {
    id: 'win-tie-loss',
    topic: 'statistics',
    term: { en: 'wins/ties/losses', zh: '胜/平/负统计' },
    abbreviations: ['W/T/L'],
    aliases: { en: ['win/tie/loss', 'win-loss record', 'per-query wins', 'helped/hurt queries'], zh: ['胜平负', '胜负统计', '逐查询胜负', '改进/变差查询数'] },
    notation: [{ tool: 'benchline', name: 'wins, ties, losses' }],
    definition: {
      en: 'The numbers of queries on which a system scores higher than, equal to, and lower than the baseline.',
      zh: '系统得分高于、等于、低于基线模型的查询数目。',
    },
    explanation: {
      en: 'Wins/ties/losses show how an average gain is distributed: a gain from many small wins is more robust than one from a few large ones, and losses tell the users who would be hurt. ranx reports them in its comparison table, PyTerrier as + and − columns. Ties are frequent for coarse measures such as P@10 or reciprocal rank.',
      zh: '胜/平/负展示平均提升是如何分布的：来自许多小胜的提升比来自少数大胜的更稳健，而负场说明哪些用户会受损。ranx 在比较表中报告它们，PyTerrier 用 + 和 − 列报告。对 P@10、倒数排名等粗粒度指标，平局很常见。',
    },
    formula: {
      latex: 'W = \\#\\{q : d_q > 0\\}, \\quad T = \\#\\{q : d_q = 0\\}, \\quad L = \\#\\{q : d_q < 0\\}',
      symbols: { en: 'd_q = system_q − baseline_q.', zh: 'd_q = 系统_q − 基线_q。' },
    },
    example: {
      text: {
        en: 'On 15 queries scored by average precision, the new system wins {{expect.wins}}, ties {{expect.ties}} and loses {{expect.losses}}; its mean gain is {{expect.meanDifference}}.',
        zh: '在以平均精度评分的 15 个查询上，新系统胜 {{expect.wins}} 个、平 {{expect.ties}} 个、负 {{expect.losses}} 个；平均提升为 {{expect.meanDifference}}。',
      },
      computation: {
        kind: 'paired-summary',
        baseline: baselineWithTies,
        system: systemWithTies,
        expect: { wins: 9, ties: 3, losses: 3, meanDifference: 0.0433 },
      },
    },
    pitfalls: [
      {
        en: 'Treating tiny differences from floating-point noise as wins or losses: use a tolerance.',
        zh: '把浮点噪声造成的微小差异算作胜或负：应使用容差。',
      },
    ],
    compareWith: [],
    related: ['sign-test', 'effect-size', 'baseline'],
    references: [{ title: 'ranx: A Blazing-Fast Python Library for Ranking Evaluation and Comparison', authors: 'Bassani', year: 2022, venue: 'ECIR' }],
  },
  {
    id: 'statistical-power',
    topic: 'statistics',
    term: { en: 'statistical power', zh: '统计功效' },
    abbreviations: [],
    aliases: {
      en: ['power', 'type II error', 'type I error', 'false negative rate', 'sample size', 'beta'],
      zh: ['检验功效', '第二类错误', '第一类错误', '样本量', '统计检验力'],
    },
    notation: [],
    definition: {
      en: 'The probability that a test detects a real difference of a given size; 1 minus the type II error rate β.',
      zh: '检验能发现给定大小的真实差异的概率，即 1 减去第二类错误率 β。',
    },
    explanation: {
      en: 'A type I error is a false "significant" (probability α); a type II error is missing a real difference (probability β). Power, 1 − β, grows with the effect size and the number of queries. IR experiments with 50 topics are often underpowered for small gains, so a non-significant result is weak evidence of no difference. Power analysis chooses the number of queries before the experiment.',
      zh: '第一类错误是假“显著”（概率为 α）；第二类错误是漏掉真实差异（概率为 β）。功效 1 − β 随效应量和查询数量增大而增大。只有 50 个主题的信息检索实验，对小幅提升往往功效不足，所以不显著的结果只是“没有差异”的弱证据。功效分析在实验之前确定所需的查询数量。',
    },
    formula: {
      latex: '1 - \\beta \\approx \\Phi\\left( d_z \\sqrt{n} - z_{1 - \\alpha/2} \\right)',
      symbols: { en: 'Φ: standard normal CDF; d_z: standardised effect; n: queries; z_{1−α/2} = 1.96 for α = 0.05 (normal approximation of the paired test).', zh: 'Φ：标准正态分布函数；d_z：标准化效应；n：查询数；α = 0.05 时 z_{1−α/2} = 1.96（配对检验的正态近似）。' },
    },
    range: { min: 0, max: 1, better: 'higher' },
    example: {
      text: {
        en: 'For a medium effect d_z = 0.5 at α = 0.05 (z = {{parts.fifty.input.criticalZ}}), a paired test on 50 queries has power ≈ {{parts.fifty.expect.power}}; on 10 queries only ≈ {{parts.ten.expect.power}}, so it misses the effect two times out of three.',
        zh: '对于中等效应 d_z = 0.5、α = 0.05（z = {{parts.fifty.input.criticalZ}}），50 个查询的配对检验功效约为 {{parts.fifty.expect.power}}；10 个查询时只有约 {{parts.ten.expect.power}}，三次中大约有两次会漏掉这个效应。',
      },
      computation: {
        kind: 'combined',
        parts: {
          fifty: { kind: 'normal-power', input: { effectSize: 0.5, queries: 50, criticalZ: 1.959964 }, expect: { power: 0.9424 } },
          ten: { kind: 'normal-power', input: { effectSize: 0.5, queries: 10, criticalZ: 1.959964 }, expect: { power: 0.3524 } },
        },
      },
    },
    pitfalls: [
      {
        en: 'Claiming two systems are "equivalent" because a low-powered test found no significant difference.',
        zh: '因为低功效的检验没有发现显著差异，就声称两个系统“等效”。',
      },
    ],
    compareWith: ['statistical-significance'],
    related: ['effect-size', 'sign-test', 'p-value'],
    references: [
      cohen,
      { title: 'Statistical Power in Retrieval Experimentation', authors: 'Webber, Moffat, Zobel', year: 2008, venue: 'CIKM' },
    ],
  },
];
