import type { GlossaryEntry, Reference } from '../schema.js';

const lora: Reference = {
  title: 'LoRA: Low-Rank Adaptation of Large Language Models',
  authors: 'Hu, Shen, Wallis, Allen-Zhu, Li, Wang, Wang, Chen',
  year: 2022,
  venue: 'ICLR',
  arxiv: '2106.09685',
};
const houlsby: Reference = {
  title: 'Parameter-Efficient Transfer Learning for NLP',
  authors: 'Houlsby, Giurgiu, Jastrzębski, Morrone, de Laroussilhe, Gesmundo, Attariyan, Gelly',
  year: 2019,
  venue: 'ICML',
  arxiv: '1902.00751',
};
const lialin: Reference = {
  title: 'Scaling Down to Scale Up: A Guide to Parameter-Efficient Fine-Tuning',
  authors: 'Lialin, Deshpande, Rumshisky',
  year: 2023,
  arxiv: '2303.15647',
};
const qlora: Reference = {
  title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
  authors: 'Dettmers, Pagnoni, Holtzman, Zettlemoyer',
  year: 2023,
  venue: 'NeurIPS',
  arxiv: '2305.14314',
};
const rslora: Reference = {
  title: 'A Rank Stabilization Scaling Factor for Fine-Tuning with LoRA',
  authors: 'Kalajdzievski',
  year: 2023,
  arxiv: '2312.03732',
};

/** LLaMA-7B's parameter count (the figure PEFT prints as "all params" minus the adapter). */
const llama7bParameters = 6_738_415_616;

export const fineTuningEntries: readonly GlossaryEntry[] = [
  {
    id: 'fine-tuning',
    topic: 'fine-tuning',
    term: { en: 'fine-tuning', zh: '微调' },
    abbreviations: ['FT'],
    aliases: { en: ['finetuning', 'fine tuning', 'transfer learning', 'supervised fine-tuning', 'SFT'], zh: ['精调', '迁移学习', '监督微调', '模型微调'] },
    notation: [],
    definition: {
      en: 'Continuing to train a pre-trained model on data of a target task so that it adapts to that task.',
      zh: '在目标任务的数据上继续训练一个预训练模型，使其适应该任务。',
    },
    explanation: {
      en: 'Pre-training on large generic data gives a model general knowledge; fine-tuning specialises it with far less data and compute than training from scratch. It can update every weight (full fine-tuning) or only a small set of added or selected parameters (parameter-efficient fine-tuning such as LoRA). The learning rate is usually small so that the pre-trained knowledge is kept; too much training on narrow data causes catastrophic forgetting.',
      zh: '在大规模通用数据上的预训练赋予模型通用知识；微调用远少于从头训练的数据和算力使它专门化。它可以更新全部权重（全量微调），也可以只更新少量新增或选定的参数（参数高效微调，如 LoRA）。学习率通常较小，以保留预训练知识；在狭窄数据上训练过度会导致灾难性遗忘。',
    },
    example: {
      text: {
        en: 'Fine-tuning BERT-base ({{expect.parameters}} parameters) with AdamW updates every weight and keeps two moment estimates per weight: {{expect.numbersKept}} numbers in training, against {{expect.parameters}} to store the result.',
        zh: '用 AdamW 微调 BERT-base（{{expect.parameters}} 个参数）会更新每个权重，并为每个权重保存两个矩估计：训练时要保存 {{expect.numbersKept}} 个数，而保存结果只需 {{expect.parameters}} 个。',
      },
      computation: { kind: 'arithmetic', expressions: { parameters: '109482240', numbersKept: 'parameters * 3' }, expect: { parameters: 109482240, numbersKept: 328446720 } },
    },
    pitfalls: [
      {
        en: 'Selecting the checkpoint or hyper-parameters on the test split: use a validation split.',
        zh: '在测试集上挑选检查点或超参数：应使用验证集。',
      },
    ],
    compareWith: ['full-fine-tuning', 'peft'],
    related: ['lora', 'catastrophic-forgetting', 'instruction-tuning', 'knowledge-distillation'],
    references: [
      { title: 'Universal Language Model Fine-tuning for Text Classification', authors: 'Howard, Ruder', year: 2018, venue: 'ACL', arxiv: '1801.06146' },
      { title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding', authors: 'Devlin, Chang, Lee, Toutanova', year: 2019, venue: 'NAACL', arxiv: '1810.04805' },
    ],
  },
  {
    id: 'full-fine-tuning',
    topic: 'fine-tuning',
    term: { en: 'full fine-tuning', zh: '全量微调' },
    abbreviations: [],
    aliases: { en: ['full-parameter fine-tuning', 'full finetuning', 'full FT', 'dense fine-tuning'], zh: ['全参数微调', '全参微调', '完全微调'] },
    notation: [],
    definition: {
      en: 'Fine-tuning that updates every parameter of the pre-trained model.',
      zh: '更新预训练模型全部参数的微调。',
    },
    explanation: {
      en: 'Full fine-tuning is the most expressive option and the usual baseline for parameter-efficient methods, but its memory cost is dominated by training state, not by the weights: with mixed-precision AdamW each parameter needs its 16-bit weight and gradient, a 32-bit master copy and two 32-bit Adam moments, 16 bytes in all. Every task also produces a full copy of the model to store and serve.',
      zh: '全量微调表达能力最强，也是参数高效方法通常的对照基线，但它的显存开销主要来自训练状态而非权重本身：混合精度 AdamW 下，每个参数需要 16 位的权重和梯度、32 位的主副本以及两个 32 位 Adam 矩，共 16 字节。每个任务还会产生一份完整的模型副本需要存储和部署。',
    },
    example: {
      text: {
        en: 'A 7-billion-parameter model trained with mixed-precision AdamW: weights {{expect.weights}} GB, gradients {{expect.gradients}} GB, 32-bit master weights {{expect.master}} GB, Adam moments {{expect.adam}} GB: {{expect.total}} GB before any activation.',
        zh: '用混合精度 AdamW 训练一个 70 亿参数的模型：权重 {{expect.weights}} GB，梯度 {{expect.gradients}} GB，32 位主权重 {{expect.master}} GB，Adam 矩 {{expect.adam}} GB：还没算激活值就已经 {{expect.total}} GB。',
      },
      computation: {
        kind: 'memory',
        items: {
          weights: { count: 7e9, bytesEach: 2 },
          gradients: { count: 7e9, bytesEach: 2 },
          master: { count: 7e9, bytesEach: 4 },
          adam: { count: 7e9, bytesEach: 8 },
        },
        expect: { weights: 14, gradients: 14, master: 28, adam: 56, total: 112 },
        check: { calculator: 'full-adamw-bf16', parameters: 7e9 },
      },
    },
    pitfalls: [
      {
        en: 'Estimating training memory from the weights alone: optimizer state and gradients are several times larger.',
        zh: '只按权重估算训练显存：优化器状态和梯度要大好几倍。',
      },
    ],
    compareWith: ['peft', 'lora'],
    related: ['fine-tuning', 'qlora', 'catastrophic-forgetting'],
    references: [
      { title: 'ZeRO: Memory Optimizations Toward Training Trillion Parameter Models', authors: 'Rajbhandari, Rasley, Ruwase, He', year: 2020, venue: 'SC20', arxiv: '1910.02054' },
      lialin,
    ],
  },
  {
    id: 'peft',
    topic: 'fine-tuning',
    term: { en: 'parameter-efficient fine-tuning', zh: '参数高效微调' },
    abbreviations: ['PEFT'],
    aliases: { en: ['parameter efficient fine tuning', 'parameter-efficient transfer learning', 'efficient fine-tuning'], zh: ['高效参数微调', '参数高效迁移学习', '轻量化微调'] },
    notation: [{ tool: 'peft', name: 'get_peft_model(model, LoraConfig(...))' }],
    definition: {
      en: 'Fine-tuning that freezes the pre-trained weights and trains only a small number of added or selected parameters.',
      zh: '冻结预训练权重、只训练少量新增或选定参数的微调。',
    },
    explanation: {
      en: 'PEFT methods fall into families: additive (adapters, prompt and prefix tuning), selective (training only biases or some layers) and reparameterisation (LoRA and its variants). They cut optimizer memory and storage to a fraction of a percent of the model, let one base model serve many tasks with small task files, and often match full fine-tuning. Hugging Face\'s PEFT library is the de facto implementation; its adapter files are what @benchline/lora reads and writes.',
      zh: '参数高效微调方法分为几类：加法类（适配器、提示调优和前缀调优）、选择类（只训练偏置或部分层）和重参数化类（LoRA 及其变体）。它们把优化器显存和存储降到模型的不到百分之一，使一个基础模型能以很小的任务文件服务多个任务，效果也常与全量微调相当。Hugging Face 的 PEFT 库是事实上的标准实现；@benchline/lora 读写的正是它的适配器文件。',
    },
    example: {
      text: {
        en: 'LoRA with r = 8 on the query and value projections (4096 × 4096) of LLaMA-7B\'s 32 layers trains {{expect.perMatrix}} parameters per matrix, {{expect.trainable}} in all: {{expect.fraction|percent}} of the {{expect.allParameters}} parameters PEFT reports.',
        zh: '在 LLaMA-7B 的 32 层中，对查询和值投影（4096 × 4096）施加 r = 8 的 LoRA，每个矩阵训练 {{expect.perMatrix}} 个参数，共 {{expect.trainable}} 个：占 PEFT 报告的 {{expect.allParameters}} 个参数的 {{expect.fraction|percent}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: {
          perMatrix: '8 * (4096 + 4096)',
          trainable: 'perMatrix * 2 * 32',
          allParameters: `${String(llama7bParameters)} + trainable`,
          fraction: 'trainable / allParameters',
        },
        expect: { perMatrix: 65536, trainable: 4194304, allParameters: 6742609920, fraction: 0.000622 },
      },
    },
    pitfalls: [
      {
        en: 'Comparing a PEFT method with an untuned full fine-tuning baseline, or reporting only the trainable-parameter count and not the accuracy.',
        zh: '把参数高效方法与没有调好的全量微调基线相比，或只报告可训练参数数量而不报告准确率。',
      },
    ],
    compareWith: ['full-fine-tuning'],
    related: ['lora', 'adapter', 'prompt-tuning', 'prefix-tuning', 'qlora', 'fine-tuning'],
    references: [houlsby, lialin],
  },
  {
    id: 'lora',
    topic: 'fine-tuning',
    term: { en: 'LoRA', zh: '低秩自适应' },
    abbreviations: ['LoRA'],
    aliases: { en: ['low-rank adaptation', 'low rank adaptation', 'LoRA adapter', 'low-rank adapter'], zh: ['低秩适配', 'LoRA 微调', '低秩适应', '低秩适配器'] },
    notation: [
      { tool: 'peft', name: 'LoraConfig(r=8, lora_alpha=16, target_modules=[...])' },
      { tool: 'benchline', name: 'benchline lora params --rows 10000 --cols 20000 --rank 8' },
    ],
    definition: {
      en: 'Fine-tuning that freezes a weight matrix W₀ and learns its update as the product of two thin matrices, ΔW = B·A of rank r, scaled by α/r.',
      zh: '冻结权重矩阵 W₀，把它的更新学成两个细长矩阵的乘积 ΔW = B·A（秩为 r），并按 α/r 缩放的微调方法。',
    },
    explanation: {
      en: 'Instead of learning a full update ΔW for a d × k weight matrix (d·k numbers), LoRA learns B (d × r) and A (r × k), r(d + k) numbers, with r ≪ min(d, k). A starts random (Kaiming-uniform in PEFT) and B starts at zero, so B·A = 0 and training starts exactly from the original model; the gradients still flow to B, because they depend on A. The forward pass is h = W₀x + (α/r)·B(Ax), without ever forming ΔW. After training, B·A can be merged into W₀, so inference costs nothing extra; or several adapters can share one base model. The premise, supported by Aghajanyan et al., is that fine-tuning updates have low intrinsic rank.',
      zh: 'LoRA 不为 d × k 的权重矩阵学习完整的更新 ΔW（d·k 个数），而是学习 B（d × r）和 A（r × k），共 r(d + k) 个数，且 r ≪ min(d, k)。A 随机初始化（PEFT 中用 Kaiming 均匀分布），B 初始化为零，因此 B·A = 0，训练恰好从原模型出发；梯度仍能传到 B，因为它依赖于 A。前向计算为 h = W₀x + (α/r)·B(Ax)，始终不需要构造 ΔW。训练结束后可以把 B·A 合并进 W₀，推理没有额外开销；也可以让多个适配器共享同一个基础模型。其前提是微调的更新具有低的内在秩，Aghajanyan 等的研究支持这一点。',
    },
    formula: {
      latex: 'h = W_0 x + \\frac{\\alpha}{r} B A x, \\quad B \\in \\mathbb{R}^{d \\times r}, \\; A \\in \\mathbb{R}^{r \\times k}, \\; r \\ll \\min(d, k)',
      symbols: {
        en: 'W₀: frozen d × k weight; A: random init; B: zero init; r: the rank; α: lora_alpha; trainable parameters r(d + k) per matrix.',
        zh: 'W₀：冻结的 d × k 权重；A：随机初始化；B：零初始化；r：秩；α：lora_alpha；每个矩阵的可训练参数为 r(d + k)。',
      },
    },
    example: {
      text: {
        en: 'For a {{input.rows}} × {{input.cols}} weight update ΔW, full fine-tuning trains {{expect.full}} numbers. LoRA with r = {{input.rank}} trains B ({{input.rows}} × {{input.rank}}) and A ({{input.rank}} × {{input.cols}}): {{expect.lora}} parameters, {{expect.fraction|percent}} of the full update, about {{expect.reduction}}× fewer. Because B starts at zero, the adapted model is identical to the original before the first step.',
        zh: '对一个 {{input.rows}} × {{input.cols}} 的权重更新 ΔW，全量微调要训练 {{expect.full}} 个数。r = {{input.rank}} 的 LoRA 训练 B（{{input.rows}} × {{input.rank}}）和 A（{{input.rank}} × {{input.cols}}）：{{expect.lora}} 个参数，是完整更新的 {{expect.fraction|percent}}，约少 {{expect.reduction}} 倍。由于 B 初始为零，第一步训练之前，适配后的模型与原模型完全相同。',
      },
      computation: {
        kind: 'lora-params',
        input: { rows: 10000, cols: 20000, rank: 8 },
        expect: { full: 200000000, lora: 240000, fraction: 0.0012, reduction: 833.3 },
      },
    },
    pitfalls: [
      {
        en: 'Initialising both A and B at random: the model then changes before any training, and the start is no longer the pre-trained model.',
        zh: '把 A 和 B 都随机初始化：模型在任何训练之前就变了，起点不再是预训练模型。',
      },
      {
        en: 'Changing r without adjusting α: the update is scaled by α/r, so a larger r silently shrinks it (see rsLoRA).',
        zh: '改变 r 却不调整 α：更新按 α/r 缩放，r 变大会悄悄缩小更新（见 rsLoRA）。',
      },
      {
        en: 'Reporting "LoRA" without r, α, dropout and the target modules.',
        zh: '报告“LoRA”却不给出 r、α、dropout 和目标模块。',
      },
    ],
    compareWith: ['full-fine-tuning', 'adapter'],
    related: ['matrix-rank', 'lora-alpha', 'peft', 'qlora', 'rslora', 'dora', 'lora-merging', 'low-rank-approximation'],
    references: [
      lora,
      {
        title: 'Intrinsic Dimensionality Explains the Effectiveness of Language Model Fine-Tuning',
        authors: 'Aghajanyan, Zettlemoyer, Gupta',
        year: 2021,
        venue: 'ACL',
        arxiv: '2012.13255',
      },
    ],
  },
  {
    id: 'matrix-rank',
    topic: 'fine-tuning',
    term: { en: 'rank', zh: '秩' },
    abbreviations: ['r'],
    aliases: { en: ['matrix rank', 'LoRA rank', 'low rank', 'rank r'], zh: ['矩阵的秩', 'LoRA 秩', '低秩'] },
    notation: [{ tool: 'peft', name: 'r' }],
    definition: {
      en: 'The number of linearly independent rows (equivalently columns) of a matrix; in LoRA, the inner dimension r of B·A, which bounds the rank of the update.',
      zh: '矩阵中线性无关的行（等价地，列）的数目；在 LoRA 中指 B·A 的内维 r，它是更新矩阵秩的上界。',
    },
    explanation: {
      en: 'A d × k matrix of rank r can be written as the product of a d × r and an r × k matrix, so it is described by r(d + k) numbers instead of d·k. Rank 1 means every row is a multiple of one row. The rank of B·A is at most r, which is what makes LoRA cheap, and what limits it: an update that needs high rank cannot be represented. Numerically, rank is counted as the singular values above a small threshold.',
      zh: '秩为 r 的 d × k 矩阵可以写成一个 d × r 矩阵与一个 r × k 矩阵的乘积，因而只需 r(d + k) 个数而不是 d·k 个数来描述。秩为 1 意味着每一行都是同一行的倍数。B·A 的秩至多为 r，这使 LoRA 便宜，也限制了它：需要高秩的更新无法表示。数值计算中，秩按大于某个小阈值的奇异值个数来计。',
    },
    formula: {
      latex: '\\mathrm{rank}(BA) \\le \\min(\\mathrm{rank}(B), \\mathrm{rank}(A)) \\le r',
      symbols: { en: 'B: a d × r matrix; A: an r × k matrix.', zh: 'B：d × r 矩阵；A：r × k 矩阵。' },
    },
    range: { min: 0, max: null, better: 'neither' },
    example: {
      text: {
        en: 'The matrix with rows (1, 2, 3), (2, 4, 6), (1, 0, 1) has rank {{expect.rank}}: the second row is twice the first, so only two rows are independent, and it could be written as a 3 × 2 matrix times a 2 × 3 one.',
        zh: '行为 (1, 2, 3)、(2, 4, 6)、(1, 0, 1) 的矩阵秩为 {{expect.rank}}：第二行是第一行的两倍，只有两行线性无关，因此它可以写成一个 3 × 2 矩阵乘以一个 2 × 3 矩阵。',
      },
      computation: {
        kind: 'matrix-rank',
        matrix: [
          [1, 2, 3],
          [2, 4, 6],
          [1, 0, 1],
        ],
        expect: { rank: 2 },
      },
    },
    pitfalls: [
      {
        en: 'Assuming a higher LoRA rank always helps: with α/r scaling the update shrinks as r grows, and beyond the task\'s intrinsic rank more capacity buys little.',
        zh: '以为 LoRA 的秩越高越好：在 α/r 缩放下，r 增大会使更新变小；超过任务的内在秩后，更多容量收益甚微。',
      },
    ],
    compareWith: [],
    related: ['lora', 'low-rank-approximation', 'adalora'],
    references: [lora, { title: 'The approximation of one matrix by another of lower rank', authors: 'Eckart, Young', year: 1936, venue: 'Psychometrika 1(3)', doi: '10.1007/BF02288367' }],
  },
  {
    id: 'lora-alpha',
    topic: 'fine-tuning',
    term: { en: 'LoRA scaling factor', zh: 'LoRA 缩放系数' },
    abbreviations: ['α'],
    aliases: { en: ['lora_alpha', 'alpha', 'LoRA alpha', 'scaling', 'alpha over r'], zh: ['缩放因子', 'LoRA alpha', 'α/r'] },
    notation: [{ tool: 'peft', name: 'lora_alpha' }],
    definition: {
      en: 'The factor s = α/r by which LoRA multiplies its update B·A; α is the hyper-parameter lora_alpha.',
      zh: 'LoRA 对其更新 B·A 所乘的系数 s = α/r；α 即超参数 lora_alpha。',
    },
    explanation: {
      en: 'Dividing by r was meant to let one α work across ranks, so that changing r does not require retuning the learning rate. Common settings are α = r (s = 1) or α = 2r (s = 2). With α fixed, doubling r halves the scaling; rsLoRA argues the right divisor is √r. PEFT stores the scaling per module, and rank_pattern/alpha_pattern can vary it per layer.',
      zh: '除以 r 的本意是让同一个 α 适用于不同的秩，改变 r 时无需重新调学习率。常见设置是 α = r（s = 1）或 α = 2r（s = 2）。α 固定时，r 加倍会使缩放减半；rsLoRA 认为正确的除数是 √r。PEFT 按模块保存缩放系数，rank_pattern/alpha_pattern 可以按层改变它。',
    },
    formula: {
      latex: 's = \\frac{\\alpha}{r}',
      symbols: { en: 'α: lora_alpha; r: the rank.', zh: 'α：lora_alpha；r：秩。' },
    },
    example: {
      text: {
        en: 'With lora_alpha = {{input.alpha}}, ranks 8, 16 and 64 give scalings {{expect.lora.0}}, {{expect.lora.1}} and {{expect.lora.2}}.',
        zh: 'lora_alpha = {{input.alpha}} 时，秩 8、16、64 对应的缩放系数为 {{expect.lora.0}}、{{expect.lora.1}} 和 {{expect.lora.2}}。',
      },
      computation: { kind: 'lora-scaling', input: { alpha: 16, ranks: [8, 16, 64] }, expect: { lora: [2, 1, 0.25], rslora: [5.6569, 4, 2] } },
    },
    pitfalls: [
      {
        en: 'Comparing runs with different r at a fixed α as if only the rank changed: the scaling changed too.',
        zh: '在 α 固定时比较不同 r 的运行，好像只改变了秩：缩放系数也变了。',
      },
    ],
    compareWith: ['rslora'],
    related: ['lora', 'matrix-rank'],
    references: [lora],
  },
  {
    id: 'rslora',
    topic: 'fine-tuning',
    term: { en: 'rank-stabilized LoRA', zh: '秩稳定 LoRA' },
    abbreviations: ['rsLoRA'],
    aliases: { en: ['rank stabilized LoRA', 'use_rslora', 'rank-stabilised LoRA'], zh: ['秩稳定低秩自适应', 'rsLoRA 缩放'] },
    notation: [{ tool: 'peft', name: 'use_rslora=True' }],
    definition: {
      en: 'LoRA with the scaling factor α/√r instead of α/r, which keeps learning stable as the rank grows.',
      zh: '把缩放系数由 α/r 改为 α/√r 的 LoRA，使秩增大时学习仍保持稳定。',
    },
    explanation: {
      en: 'Kalajdzievski showed that with α/r the adapter\'s learning slows down as r increases, which is why higher ranks seemed not to help in the original LoRA experiments; dividing by √r keeps the activations and gradients of a stable size for any r. Higher ranks then trade more training compute for better results, at no inference cost. PEFT enables it with use_rslora=True.',
      zh: 'Kalajdzievski 证明，在 α/r 缩放下，适配器的学习会随 r 增大而变慢，这正是原始 LoRA 实验中更高秩似乎没有帮助的原因；除以 √r 能使激活和梯度的尺度对任意 r 保持稳定。于是更高的秩可以用更多训练算力换取更好的结果，推理开销不变。PEFT 中用 use_rslora=True 启用它。',
    },
    formula: {
      latex: 's = \\frac{\\alpha}{\\sqrt{r}}',
      symbols: { en: 'α: lora_alpha; r: the rank.', zh: 'α：lora_alpha；r：秩。' },
    },
    example: {
      text: {
        en: 'With lora_alpha = {{input.alpha}}: at r = 4 LoRA scales by {{expect.lora.0}} and rsLoRA by {{expect.rslora.0}}; at r = 64, LoRA by {{expect.lora.1}} and rsLoRA by {{expect.rslora.1}}. Going from r = 4 to r = 64, LoRA\'s update shrinks 16-fold, rsLoRA\'s only 4-fold.',
        zh: 'lora_alpha = {{input.alpha}} 时：r = 4 时 LoRA 缩放 {{expect.lora.0}}，rsLoRA 缩放 {{expect.rslora.0}}；r = 64 时 LoRA 缩放 {{expect.lora.1}}，rsLoRA 缩放 {{expect.rslora.1}}。r 从 4 增加到 64，LoRA 的更新缩小 16 倍，rsLoRA 只缩小 4 倍。',
      },
      computation: { kind: 'lora-scaling', input: { alpha: 16, ranks: [4, 64] }, expect: { lora: [4, 0.25], rslora: [8, 2] } },
    },
    pitfalls: [
      {
        en: 'Loading an rsLoRA adapter with code that ignores use_rslora: the merged weights are then wrong by a factor of √r.',
        zh: '用忽略 use_rslora 的代码加载 rsLoRA 适配器：合并后的权重会差一个 √r 的因子。',
      },
    ],
    compareWith: ['lora-alpha'],
    related: ['lora', 'matrix-rank'],
    references: [rslora],
  },
  {
    id: 'qlora',
    topic: 'fine-tuning',
    term: { en: 'QLoRA', zh: '量化低秩自适应' },
    abbreviations: ['QLoRA'],
    aliases: { en: ['quantized LoRA', '4-bit LoRA', 'NF4 LoRA'], zh: ['量化 LoRA', '4 位 LoRA', 'QLoRA 微调'] },
    notation: [{ tool: 'peft', name: 'BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")' }],
    definition: {
      en: 'LoRA trained on top of a frozen base model quantised to 4-bit NormalFloat (NF4), with gradients flowing through the dequantised weights.',
      zh: '在量化为 4 位 NormalFloat（NF4）的冻结基础模型上训练 LoRA，梯度经由反量化后的权重传播。',
    },
    explanation: {
      en: 'QLoRA stores the frozen weights in NF4, a 4-bit data type suited to normally distributed weights, with one scaling constant per block of 64 weights; double quantisation also quantises those constants, cutting their cost from about 0.5 to about 0.127 bits per parameter. Paged optimizers absorb memory spikes. The LoRA matrices stay in 16-bit. It made fine-tuning a 65B model possible on a single 48 GB GPU.',
      zh: 'QLoRA 用 NF4 存储冻结权重，这是一种适合正态分布权重的 4 位数据类型，每 64 个权重一个缩放常数；双重量化把这些常数也量化，使其开销从每参数约 0.5 位降到约 0.127 位。分页优化器吸收显存峰值。LoRA 矩阵保持 16 位。它使在单张 48 GB GPU 上微调 65B 模型成为可能。',
    },
    example: {
      text: {
        en: 'The frozen weights of a 7-billion-parameter model take {{parts.sixteenBit.expect.weights}} GB in 16-bit. In NF4 they take {{parts.nf4.expect.weights}} GB, plus {{parts.nf4.expect.constants}} GB of doubly quantised block constants: {{parts.nf4.expect.total}} GB in all.',
        zh: '一个 70 亿参数模型的冻结权重用 16 位存储需要 {{parts.sixteenBit.expect.weights}} GB。用 NF4 存储只需 {{parts.nf4.expect.weights}} GB，再加上 {{parts.nf4.expect.constants}} GB 经双重量化的分块常数：共 {{parts.nf4.expect.total}} GB。',
      },
      computation: {
        kind: 'combined',
        parts: {
          sixteenBit: { kind: 'memory', items: { weights: { count: 7e9, bytesEach: 2 } }, expect: { weights: 14 } },
          nf4: {
            kind: 'memory',
            items: { weights: { count: 7e9, bytesEach: 0.5 }, constants: { count: 7e9, bytesEach: 0.015875 } },
            expect: { weights: 3.5, constants: 0.1111, total: 3.6111 },
            check: { calculator: 'nf4-double-quantization', parameters: 7e9 },
          },
        },
      },
    },
    pitfalls: [
      {
        en: 'Merging a QLoRA adapter into the 4-bit weights and re-quantising: the rounding error can erase the update; merge into a 16-bit copy.',
        zh: '把 QLoRA 适配器合并进 4 位权重再重新量化：舍入误差可能抹掉更新；应合并到 16 位副本中。',
      },
    ],
    compareWith: ['lora'],
    related: ['quantization', 'peft', 'full-fine-tuning'],
    references: [qlora],
  },
  {
    id: 'quantization',
    topic: 'fine-tuning',
    term: { en: 'quantization', zh: '量化' },
    abbreviations: [],
    aliases: { en: ['quantisation', 'weight quantization', 'int8', '4-bit quantization', 'low-bit'], zh: ['模型量化', '权重量化', '低比特量化', '8 位量化'] },
    notation: [],
    definition: {
      en: 'Storing weights (and sometimes activations) with fewer bits, such as 8 or 4 instead of 16 or 32, to save memory and compute.',
      zh: '用更少的位（如 8 位或 4 位，而不是 16 或 32 位）存储权重（有时也包括激活），以节省显存和计算。',
    },
    explanation: {
      en: 'A quantiser maps each value to one of a few levels, usually per block with a scale (and sometimes a zero point). 8-bit inference is nearly lossless for most models once outlier features are handled; 4-bit formats such as NF4 or GPTQ cost a little accuracy. Quantisation-aware training or fine-tuning (QLoRA) recovers some of it.',
      zh: '量化器把每个值映射到少数几个等级之一，通常按块配一个缩放系数（有时还有零点）。处理好离群特征后，大多数模型的 8 位推理几乎无损；NF4、GPTQ 等 4 位格式会损失少量精度。量化感知训练或微调（QLoRA）可以挽回一部分。',
    },
    example: {
      text: {
        en: 'A 7-billion-parameter model\'s weights take {{expect.float32}} GB in 32-bit floats, {{expect.bfloat16}} GB in bfloat16, {{expect.int8}} GB in 8-bit and {{expect.int4}} GB in 4-bit, before block constants.',
        zh: '一个 70 亿参数模型的权重：32 位浮点需要 {{expect.float32}} GB，bfloat16 需要 {{expect.bfloat16}} GB，8 位需要 {{expect.int8}} GB，4 位需要 {{expect.int4}} GB（不含分块常数）。',
      },
      computation: {
        kind: 'memory',
        items: {
          float32: { count: 7e9, bytesEach: 4 },
          bfloat16: { count: 7e9, bytesEach: 2 },
          int8: { count: 7e9, bytesEach: 1 },
          int4: { count: 7e9, bytesEach: 0.5 },
        },
        expect: { float32: 28, bfloat16: 14, int8: 7, int4: 3.5 },
      },
    },
    pitfalls: [
      {
        en: 'Forgetting the scales and zero points: a 4-bit format with block size 64 and 32-bit scales costs 4.5 bits per weight, not 4.',
        zh: '忘了缩放系数和零点：块大小为 64、缩放系数为 32 位的 4 位格式，每个权重实际占 4.5 位而不是 4 位。',
      },
    ],
    compareWith: [],
    related: ['qlora', 'full-fine-tuning'],
    references: [
      {
        title: 'LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale',
        authors: 'Dettmers, Lewis, Belkada, Zettlemoyer',
        year: 2022,
        venue: 'NeurIPS',
        arxiv: '2208.07339',
      },
      qlora,
    ],
  },
  {
    id: 'adapter',
    topic: 'fine-tuning',
    term: { en: 'adapter', zh: '适配器' },
    abbreviations: [],
    aliases: { en: ['adapter layer', 'bottleneck adapter', 'Houlsby adapter', 'adapter module', 'adapter tuning'], zh: ['适配器层', '瓶颈适配器', '适配器模块', 'Adapter 微调'] },
    notation: [],
    definition: {
      en: 'A small bottleneck network (down-projection, non-linearity, up-projection, residual) inserted into each layer of a frozen model and trained for a task.',
      zh: '插入冻结模型每一层中、为特定任务训练的小型瓶颈网络（降维投影、非线性、升维投影、残差连接）。',
    },
    explanation: {
      en: 'Houlsby et al. inserted two adapters per Transformer layer and trained only them (plus layer norms), reaching close to full fine-tuning on GLUE with a few percent of the parameters. Unlike LoRA, adapters add sequential computation at inference that cannot be merged away. In Hugging Face PEFT, "adapter" is also used loosely for any PEFT module, including LoRA weights.',
      zh: 'Houlsby 等在每个 Transformer 层中插入两个适配器并只训练它们（以及层归一化），在 GLUE 上用百分之几的参数接近了全量微调的效果。与 LoRA 不同，适配器在推理时增加了无法合并掉的串行计算。在 Hugging Face PEFT 中，“adapter”也泛指任何参数高效模块，包括 LoRA 权重。',
    },
    formula: {
      latex: 'h \\leftarrow h + W_{\\mathrm{up}} \\, f(W_{\\mathrm{down}} h), \\quad W_{\\mathrm{down}} \\in \\mathbb{R}^{m \\times d}, \\; W_{\\mathrm{up}} \\in \\mathbb{R}^{d \\times m}',
      symbols: { en: 'd: hidden size; m: bottleneck size (m ≪ d); f: a non-linearity.', zh: 'd：隐藏层维度；m：瓶颈维度（m ≪ d）；f：非线性函数。' },
    },
    example: {
      text: {
        en: 'BERT-base has hidden size {{input.hiddenSize}} and 12 layers; two adapters per layer ({{input.sites}} in all) with bottleneck {{input.bottleneckSize}} add {{expect.parameters}} parameters with biases, {{expect.fractionOfModel|percent}} of its {{modelParameters}} parameters.',
        zh: 'BERT-base 的隐藏层维度为 {{input.hiddenSize}}，共 12 层；每层两个适配器（共 {{input.sites}} 个），瓶颈维度 {{input.bottleneckSize}}，含偏置共增加 {{expect.parameters}} 个参数，占其 {{modelParameters}} 个参数的 {{expect.fractionOfModel|percent}}。',
      },
      computation: {
        kind: 'parameter-formula',
        method: 'adapter',
        input: { hiddenSize: 768, bottleneckSize: 64, sites: 24 },
        modelParameters: 109482240,
        expect: { parameters: 2379264, fractionOfModel: 0.0217 },
      },
    },
    pitfalls: [
      {
        en: 'Ignoring the inference latency adapters add, which matters at small batch sizes.',
        zh: '忽视适配器增加的推理延迟，在小批量时这很重要。',
      },
    ],
    compareWith: ['lora'],
    related: ['peft', 'prefix-tuning'],
    references: [houlsby],
  },
  {
    id: 'prompt-tuning',
    topic: 'fine-tuning',
    term: { en: 'prompt tuning', zh: '提示调优' },
    abbreviations: [],
    aliases: { en: ['soft prompt tuning', 'soft prompts', 'virtual tokens', 'prompt learning'], zh: ['软提示调优', '软提示', '虚拟词元', '提示微调'] },
    notation: [{ tool: 'peft', name: 'PromptTuningConfig(num_virtual_tokens=20)' }],
    definition: {
      en: 'Training only a few continuous "virtual token" embeddings prepended to the input, with the whole model frozen.',
      zh: '冻结整个模型，只训练拼接在输入前面的少量连续“虚拟词元”嵌入。',
    },
    explanation: {
      en: 'Lester et al. showed that learned soft prompts approach full fine-tuning as models grow to billions of parameters, with a tiny number of task parameters. Unlike prefix tuning, the prompt enters only at the input layer. It is sensitive to initialisation and learning rate and lags behind LoRA on smaller models.',
      zh: 'Lester 等表明，随着模型增长到数十亿参数，学习到的软提示可以用极少的任务参数接近全量微调的效果。与前缀调优不同，提示只在输入层进入模型。它对初始化和学习率敏感，在较小的模型上不如 LoRA。',
    },
    example: {
      text: {
        en: '{{input.virtualTokens}} virtual tokens for a model with hidden size {{input.hiddenSize}} train {{expect.parameters}} parameters: {{expect.fractionOfModel|percent}} of LLaMA-7B.',
        zh: '对隐藏层维度为 {{input.hiddenSize}} 的模型使用 {{input.virtualTokens}} 个虚拟词元，训练 {{expect.parameters}} 个参数：只占 LLaMA-7B 的 {{expect.fractionOfModel|percent}}。',
      },
      computation: {
        kind: 'parameter-formula',
        method: 'prompt-tuning',
        input: { virtualTokens: 20, hiddenSize: 4096 },
        modelParameters: llama7bParameters,
        expect: { parameters: 81920, fractionOfModel: 0.0000122 },
      },
    },
    pitfalls: [
      {
        en: 'Expecting prompt tuning to match LoRA on a small model: its advantage appears mainly at large scale.',
        zh: '期望提示调优在小模型上与 LoRA 相当：它的优势主要在大规模模型上显现。',
      },
    ],
    compareWith: ['prefix-tuning'],
    related: ['peft', 'instruction-tuning'],
    references: [{ title: 'The Power of Scale for Parameter-Efficient Prompt Tuning', authors: 'Lester, Al-Rfou, Constant', year: 2021, venue: 'EMNLP', arxiv: '2104.08691' }],
  },
  {
    id: 'prefix-tuning',
    topic: 'fine-tuning',
    term: { en: 'prefix tuning', zh: '前缀调优' },
    abbreviations: [],
    aliases: { en: ['prefix-tuning', 'P-tuning v2', 'deep prompt tuning'], zh: ['前缀微调', '深度提示调优', 'Prefix 微调'] },
    notation: [{ tool: 'peft', name: 'PrefixTuningConfig(num_virtual_tokens=20)' }],
    definition: {
      en: 'Training continuous key and value vectors prepended at every attention layer of a frozen model.',
      zh: '在冻结模型的每个注意力层前拼接可训练的连续键向量和值向量。',
    },
    explanation: {
      en: 'Li and Liang prepend a trainable prefix of virtual tokens to the keys and values of every layer, so the task signal reaches the whole depth of the network, not only the input as in prompt tuning. Training usually goes through a small MLP reparameterisation for stability, discarded afterwards.',
      zh: 'Li 和 Liang 在每一层的键和值前拼接一段可训练的虚拟词元前缀，使任务信号能到达网络的全部深度，而不像提示调优那样只作用于输入。训练时通常通过一个小型 MLP 重参数化以保持稳定，训练后丢弃。',
    },
    example: {
      text: {
        en: 'A prefix of {{input.virtualTokens}} tokens on a model with {{input.layers}} layers and hidden size {{input.hiddenSize}} stores keys and values for each layer: 2 × {{input.layers}} × {{input.virtualTokens}} × {{input.hiddenSize}} = {{expect.parameters}} parameters, {{expect.fractionOfModel|percent}} of LLaMA-7B.',
        zh: '在 {{input.layers}} 层、隐藏层维度 {{input.hiddenSize}} 的模型上使用 {{input.virtualTokens}} 个词元的前缀，每层都要存储键和值：2 × {{input.layers}} × {{input.virtualTokens}} × {{input.hiddenSize}} = {{expect.parameters}} 个参数，占 LLaMA-7B 的 {{expect.fractionOfModel|percent}}。',
      },
      computation: {
        kind: 'parameter-formula',
        method: 'prefix-tuning',
        input: { virtualTokens: 20, layers: 32, hiddenSize: 4096 },
        modelParameters: llama7bParameters,
        expect: { parameters: 5242880, fractionOfModel: 0.00078 },
      },
    },
    pitfalls: [
      {
        en: 'Forgetting that the prefix occupies context: virtual tokens reduce the room left for the real input.',
        zh: '忘了前缀会占用上下文：虚拟词元会减少留给真实输入的空间。',
      },
    ],
    compareWith: ['prompt-tuning'],
    related: ['peft', 'adapter'],
    references: [{ title: 'Prefix-Tuning: Optimizing Continuous Prompts for Generation', authors: 'Li, Liang', year: 2021, venue: 'ACL', arxiv: '2101.00190' }],
  },
  {
    id: 'dora',
    topic: 'fine-tuning',
    term: { en: 'DoRA', zh: '权重分解低秩自适应' },
    abbreviations: ['DoRA'],
    aliases: { en: ['weight-decomposed low-rank adaptation', 'weight decomposed LoRA', 'use_dora'], zh: ['权重分解 LoRA', 'DoRA 微调'] },
    notation: [{ tool: 'peft', name: 'LoraConfig(use_dora=True)' }],
    definition: {
      en: 'A LoRA variant that splits each weight into a magnitude vector and a direction, trains the magnitude directly and the direction with LoRA.',
      zh: '把每个权重分解为幅度向量和方向的 LoRA 变体：幅度直接训练，方向用 LoRA 训练。',
    },
    explanation: {
      en: 'Liu et al. observed that full fine-tuning and LoRA change the magnitude and direction of weight columns in different patterns. DoRA writes W = m · (W₀ + BA)/‖W₀ + BA‖ with a learnable magnitude m per output, which narrows the gap to full fine-tuning at the same rank. It adds one number per output feature and some training overhead; after training it can be merged like LoRA.',
      zh: 'Liu 等观察到全量微调与 LoRA 改变权重列的幅度和方向的模式不同。DoRA 写作 W = m · (W₀ + BA)/‖W₀ + BA‖，每个输出有一个可学习的幅度 m，在相同的秩下缩小了与全量微调的差距。它为每个输出特征增加一个数，并带来一些训练开销；训练后可以像 LoRA 一样合并。',
    },
    formula: {
      latex: "W' = m \\odot \\frac{W_0 + BA}{\\lVert W_0 + BA \\rVert_c}",
      symbols: { en: 'm: learnable magnitude, one per output; ‖·‖_c: norm of each output row (PEFT\'s layout).', zh: 'm：可学习的幅度，每个输出一个；‖·‖_c：每个输出行的范数（PEFT 的布局）。' },
    },
    example: {
      text: {
        en: 'On a {{input.rows}} × {{input.cols}} projection at r = {{input.rank}}, LoRA trains {{expect.lora}} parameters; DoRA adds a magnitude per output row, {{expect.magnitude}} more: {{expect.total}}.',
        zh: '在 {{input.rows}} × {{input.cols}} 的投影上、r = {{input.rank}} 时，LoRA 训练 {{expect.lora}} 个参数；DoRA 为每个输出行增加一个幅度，多 {{expect.magnitude}} 个：共 {{expect.total}} 个。',
      },
      computation: { kind: 'dora-params', input: { rows: 4096, cols: 4096, rank: 8 }, expect: { lora: 65536, magnitude: 4096, total: 69632 } },
    },
    pitfalls: [
      {
        en: 'Assuming DoRA trains as fast as LoRA: normalising the combined weight costs extra memory and time during training.',
        zh: '以为 DoRA 训练和 LoRA 一样快：对合成权重做归一化在训练时需要额外的显存和时间。',
      },
    ],
    compareWith: ['lora'],
    related: ['peft', 'lora-merging'],
    references: [
      {
        title: 'DoRA: Weight-Decomposed Low-Rank Adaptation',
        authors: 'Liu, Wang, Yin, Molchanov, Wang, Cheng, Chen',
        year: 2024,
        venue: 'ICML',
        arxiv: '2402.09353',
      },
    ],
  },
  {
    id: 'adalora',
    topic: 'fine-tuning',
    term: { en: 'AdaLoRA', zh: '自适应低秩自适应' },
    abbreviations: ['AdaLoRA'],
    aliases: { en: ['adaptive LoRA', 'adaptive budget allocation', 'AdaLoraConfig'], zh: ['自适应 LoRA', '自适应秩分配'] },
    notation: [{ tool: 'peft', name: 'AdaLoraConfig(init_r=12, target_r=8)' }],
    definition: {
      en: 'A LoRA variant that parameterises each update like an SVD and prunes its least important singular values during training, moving rank to where it matters.',
      zh: '一种 LoRA 变体：把每个更新按 SVD 形式参数化，并在训练中剪去最不重要的奇异值，把秩分配到更需要的地方。',
    },
    explanation: {
      en: 'Instead of one fixed r for every matrix, AdaLoRA starts every matrix with a larger rank and, following an importance score and a budget schedule, removes singular values until the average reaches the target. Matrices that matter more (often the feed-forward layers of upper blocks) keep a higher rank.',
      zh: 'AdaLoRA 不给每个矩阵同一个固定的 r，而是让每个矩阵都从较大的秩开始，按重要性分数和预算计划逐步剪去奇异值，直到平均秩达到目标。更重要的矩阵（常是较高层的前馈层）保留更高的秩。',
    },
    example: {
      text: {
        en: 'Starting {{expect.matrices}} matrices at rank {{expect.initialRank}} gives {{expect.initialBudget}} singular values; pruning to an average rank of {{expect.targetRank}} keeps {{expect.finalBudget}}, distributed unevenly across the matrices.',
        zh: '让 {{expect.matrices}} 个矩阵都从秩 {{expect.initialRank}} 开始，共 {{expect.initialBudget}} 个奇异值；剪枝到平均秩 {{expect.targetRank}} 后保留 {{expect.finalBudget}} 个，并在各矩阵之间不均匀分配。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { matrices: '64', initialRank: '12', targetRank: '8', initialBudget: 'matrices * initialRank', finalBudget: 'matrices * targetRank' },
        expect: { matrices: 64, initialRank: 12, targetRank: 8, initialBudget: 768, finalBudget: 512 },
      },
    },
    pitfalls: [
      {
        en: 'Reading the final per-matrix ranks from the config: they are decided during training; inspect the saved adapter.',
        zh: '从配置中读取最终的各矩阵秩：它们是训练中决定的；应检查保存下来的适配器。',
      },
    ],
    compareWith: ['lora'],
    related: ['matrix-rank', 'low-rank-approximation', 'peft'],
    references: [
      {
        title: 'Adaptive Budget Allocation for Parameter-Efficient Fine-Tuning',
        authors: 'Zhang, Chen, Bukharin, et al.',
        year: 2023,
        venue: 'ICLR',
        arxiv: '2303.10512',
      },
    ],
  },
  {
    id: 'lora-merging',
    topic: 'fine-tuning',
    term: { en: 'LoRA merging', zh: 'LoRA 权重合并' },
    abbreviations: [],
    aliases: { en: ['merge and unload', 'weight merging', 'adapter merging', 'merge_and_unload', 'unmerge'], zh: ['权重合并', '适配器合并', '合并与卸载', '模型合并'] },
    notation: [
      { tool: 'peft', name: 'model.merge_and_unload()' },
      { tool: 'benchline', name: 'benchline lora merge --base B --adapter DIR --out F' },
    ],
    definition: {
      en: 'Adding the trained update s·B·A into the frozen weight, W = W₀ + s·B·A, so the adapted model runs with no extra computation.',
      zh: '把训练好的更新 s·B·A 加进冻结权重，W = W₀ + s·B·A，使适配后的模型运行时没有额外计算。',
    },
    explanation: {
      en: 'Because LoRA\'s update is linear, it can be folded into W₀ after training; unmerging subtracts it again (in the reverse order when several are merged). Unmerged, the adapter costs r(d + k) extra multiply-adds per token and matrix and can be swapped per request; merged, it costs nothing but is fixed. Merging several adapters with weights (task arithmetic) combines skills, with some interference.',
      zh: '由于 LoRA 的更新是线性的，训练后可以把它并入 W₀；取消合并则再减去它（合并了多个时按相反顺序）。未合并时，适配器每个词元、每个矩阵多出 r(d + k) 次乘加，但可以按请求切换；合并后没有开销，但就固定了。按权重合并多个适配器（任务算术）可以组合多种能力，但会有一定干扰。',
    },
    formula: {
      latex: 'W = W_0 + \\frac{\\alpha}{r} B A',
      symbols: { en: 'W₀: base weight; B, A: the trained LoRA factors.', zh: 'W₀：基础权重；B、A：训练好的 LoRA 因子。' },
    },
    example: {
      text: {
        en: 'For a {{input.rows}} × {{input.cols}} projection at r = {{input.rank}}, an unmerged adapter adds {{expect.lora}} multiply-adds per token to the {{expect.full}} of the base matrix, {{expect.fraction|percent}}; merged, it adds none.',
        zh: '对 {{input.rows}} × {{input.cols}} 的投影、r = {{input.rank}} 时，未合并的适配器在基础矩阵的 {{expect.full}} 次乘加之外，每个词元再增加 {{expect.lora}} 次，即 {{expect.fraction|percent}}；合并后则不增加。',
      },
      computation: { kind: 'lora-params', input: { rows: 4096, cols: 4096, rank: 8 }, expect: { full: 16777216, lora: 65536, fraction: 0.0039, reduction: 256 } },
    },
    pitfalls: [
      {
        en: 'Merging into a quantised or low-precision copy and saving it: rounding can remove much of a small update.',
        zh: '合并进量化或低精度副本并保存：舍入可能抹去小更新的大部分。',
      },
      {
        en: 'Unmerging in the wrong order after merging several adapters in sequence.',
        zh: '依次合并多个适配器后，以错误的顺序取消合并。',
      },
    ],
    compareWith: [],
    related: ['lora', 'dora', 'qlora'],
    references: [lora, { title: 'Editing Models with Task Arithmetic', authors: 'Ilharco, Ribeiro, Wortsman, Gururangan, Schmidt, Hajishirzi, Farhadi', year: 2023, venue: 'ICLR', arxiv: '2212.04089' }],
  },
  {
    id: 'low-rank-approximation',
    topic: 'fine-tuning',
    term: { en: 'low-rank approximation', zh: '低秩近似' },
    abbreviations: ['SVD'],
    aliases: { en: ['truncated SVD', 'singular value decomposition', 'Eckart–Young theorem', 'LoRA extraction'], zh: ['截断奇异值分解', '奇异值分解', 'Eckart–Young 定理', 'LoRA 提取'] },
    notation: [{ tool: 'benchline', name: 'benchline lora extract --base A --tuned B --rank r' }],
    definition: {
      en: 'The closest matrix of rank r to a given matrix, obtained by keeping its r largest singular values (Eckart–Young theorem).',
      zh: '与给定矩阵最接近的秩为 r 的矩阵，由保留其最大的 r 个奇异值得到（Eckart–Young 定理）。',
    },
    explanation: {
      en: 'Write ΔW = UΣVᵀ. Keeping the r largest singular values gives the best rank-r approximation in both the Frobenius and spectral norms, and the share of the squared Frobenius norm it keeps ("energy") tells how much is lost. This is how a LoRA adapter can be extracted from a fully fine-tuned model: take the SVD of W_tuned − W_base and set B = U_r Σ_r, A = V_rᵀ (PEFT\'s convention).',
      zh: '把 ΔW 写成 UΣVᵀ。保留最大的 r 个奇异值，在 Frobenius 范数和谱范数下都得到最佳的秩 r 近似，它保留的 Frobenius 范数平方的比例（“能量”）说明损失了多少。这正是从全量微调的模型中提取 LoRA 适配器的方法：对 W_tuned − W_base 做 SVD，令 B = U_r Σ_r，A = V_rᵀ（PEFT 的约定）。',
    },
    formula: {
      latex: '\\min_{\\mathrm{rank}(X) \\le r} \\lVert M - X \\rVert_F^2 = \\sum_{i > r} \\sigma_i^2',
      symbols: { en: 'σ_i: singular values of M, descending.', zh: 'σ_i：M 的奇异值，降序排列。' },
    },
    example: {
      text: {
        en: 'An update with singular values 3, 2 and 1 has energy 9 + 4 + 1 = {{expect.energy}}. Its best rank-1 approximation keeps {{expect.rankOneShare|percent}} of it, rank 2 keeps {{expect.rankTwoShare|percent}}.',
        zh: '奇异值为 3、2、1 的更新，能量为 9 + 4 + 1 = {{expect.energy}}。其最佳秩 1 近似保留 {{expect.rankOneShare|percent}}，秩 2 近似保留 {{expect.rankTwoShare|percent}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { energy: '3 * 3 + 2 * 2 + 1 * 1', rankOneShare: '3 * 3 / energy', rankTwoShare: '(3 * 3 + 2 * 2) / energy' },
        expect: { energy: 14, rankOneShare: 0.643, rankTwoShare: 0.929 },
      },
    },
    pitfalls: [
      {
        en: 'Extracting at a rank that keeps little energy and expecting the fine-tuned behaviour: check the energy share first.',
        zh: '在保留能量很少的秩上提取，却期望得到微调后的行为：先检查能量比例。',
      },
    ],
    compareWith: [],
    related: ['matrix-rank', 'lora', 'adalora'],
    references: [{ title: 'The approximation of one matrix by another of lower rank', authors: 'Eckart, Young', year: 1936, venue: 'Psychometrika 1(3)', doi: '10.1007/BF02288367' }],
  },
  {
    id: 'catastrophic-forgetting',
    topic: 'fine-tuning',
    term: { en: 'catastrophic forgetting', zh: '灾难性遗忘' },
    abbreviations: [],
    aliases: { en: ['catastrophic interference', 'forgetting', 'continual learning forgetting'], zh: ['灾难性干扰', '遗忘问题', '知识遗忘'] },
    notation: [],
    definition: {
      en: 'The loss of previously learned abilities when a model is trained further on new data.',
      zh: '模型在新数据上继续训练后，丧失先前学到的能力的现象。',
    },
    explanation: {
      en: 'Gradient descent on a new task moves weights that the old tasks relied on. Remedies include mixing in old data, regularising towards the old weights (elastic weight consolidation), small learning rates, and parameter-efficient methods: Biderman et al. found that LoRA learns less than full fine-tuning on new domains but also forgets less.',
      zh: '在新任务上做梯度下降，会移动旧任务依赖的权重。缓解方法包括混入旧数据、向旧权重正则化（弹性权重巩固）、小学习率以及参数高效方法：Biderman 等发现，LoRA 在新领域学到的比全量微调少，但遗忘的也少。',
    },
    example: {
      text: {
        en: 'A model scores {{expect.before}} on a general benchmark; after fine-tuning on a narrow task it scores {{expect.after}} there: it has forgotten {{expect.forgotten}}, a relative drop of {{expect.relativeDrop|percent}}.',
        zh: '某模型在通用基准测试上得 {{expect.before}}；在狭窄任务上微调后，它在该基准测试上只得 {{expect.after}}：遗忘了 {{expect.forgotten}}，相对下降 {{expect.relativeDrop|percent}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { before: '0.72', after: '0.54', forgotten: 'before - after', relativeDrop: 'forgotten / before' },
        expect: { before: 0.72, after: 0.54, forgotten: 0.18, relativeDrop: 0.25 },
      },
    },
    pitfalls: [
      {
        en: 'Evaluating a fine-tuned model only on the new task: measure the old abilities too.',
        zh: '只在新任务上评估微调后的模型：也要衡量原有的能力。',
      },
    ],
    compareWith: [],
    related: ['fine-tuning', 'full-fine-tuning', 'lora'],
    references: [
      {
        title: 'Catastrophic Interference in Connectionist Networks: The Sequential Learning Problem',
        authors: 'McCloskey, Cohen',
        year: 1989,
        venue: 'Psychology of Learning and Motivation 24',
        doi: '10.1016/S0079-7421(08)60536-8',
      },
      { title: 'Overcoming catastrophic forgetting in neural networks', authors: 'Kirkpatrick, Pascanu, Rabinowitz, et al.', year: 2017, venue: 'PNAS', arxiv: '1612.00796' },
      { title: 'LoRA Learns Less and Forgets Less', authors: 'Biderman, Portes, Gonzalez Ortiz, et al.', year: 2024, venue: 'TMLR', arxiv: '2405.09673' },
    ],
  },
  {
    id: 'instruction-tuning',
    topic: 'fine-tuning',
    term: { en: 'instruction tuning', zh: '指令微调' },
    abbreviations: [],
    aliases: { en: ['instruction fine-tuning', 'instruction following', 'FLAN', 'supervised instruction tuning'], zh: ['指令调优', '指令精调', '指令跟随训练'] },
    notation: [],
    definition: {
      en: 'Fine-tuning a language model on many tasks phrased as natural-language instructions with their answers, so that it follows unseen instructions.',
      zh: '在大量以自然语言指令表述的任务及其答案上微调语言模型，使其能遵循未见过的指令。',
    },
    explanation: {
      en: 'FLAN showed that instruction tuning on a mixture of tasks improves zero-shot performance on held-out task types. It is usually the first stage of adapting a pre-trained model into an assistant, often followed by preference tuning. It is frequently done with LoRA. Evaluation must hold out whole task clusters, or the zero-shot claim leaks.',
      zh: 'FLAN 表明，在多任务混合上做指令微调能提高模型在未见任务类型上的零样本表现。它通常是把预训练模型变成助手的第一阶段，之后常接偏好调优，也经常用 LoRA 完成。评估时必须留出整个任务簇，否则零样本的结论就有泄漏。',
    },
    example: {
      text: {
        en: 'A mixture of {{expect.tasks}} tasks with {{expect.templates}} instruction templates each gives {{expect.phrasings}} different phrasings; holding out {{expect.heldOutClusters}} of the task clusters for evaluation keeps the zero-shot test honest.',
        zh: '{{expect.tasks}} 个任务、每个任务 {{expect.templates}} 个指令模板，共有 {{expect.phrasings}} 种不同的表述；留出 {{expect.heldOutClusters}} 个任务簇用于评估，才能让零样本测试保持诚实。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { tasks: '60', templates: '10', phrasings: 'tasks * templates', heldOutClusters: '3' },
        expect: { tasks: 60, templates: 10, phrasings: 600, heldOutClusters: 3 },
      },
    },
    pitfalls: [
      {
        en: 'Evaluating on tasks from the same clusters as the training tasks and calling it zero-shot.',
        zh: '在与训练任务同簇的任务上评估，却称之为零样本。',
      },
    ],
    compareWith: [],
    related: ['fine-tuning', 'prompt-tuning', 'data-contamination'],
    references: [
      { title: 'Finetuned Language Models Are Zero-Shot Learners', authors: 'Wei, Bosma, Zhao, Guu, Yu, Lester, Du, Dai, Le', year: 2022, venue: 'ICLR', arxiv: '2109.01652' },
      { title: 'Training language models to follow instructions with human feedback', authors: 'Ouyang, Wu, Jiang, et al.', year: 2022, venue: 'NeurIPS', arxiv: '2203.02155' },
    ],
  },
  {
    id: 'knowledge-distillation',
    topic: 'fine-tuning',
    term: { en: 'knowledge distillation', zh: '知识蒸馏' },
    abbreviations: ['KD'],
    aliases: { en: ['distillation', 'teacher-student training', 'model distillation'], zh: ['蒸馏', '模型蒸馏', '师生训练'] },
    notation: [],
    definition: {
      en: 'Training a small student model to match the output distribution (soft targets) of a larger teacher model.',
      zh: '训练一个小的学生模型去拟合大的教师模型的输出分布（软目标）。',
    },
    explanation: {
      en: 'Hinton et al. soften the teacher\'s probabilities with a temperature T and train the student on them along with the true labels; the soft targets carry information about which wrong answers are nearly right. DistilBERT, a 6-layer student of BERT-base, kept most of its accuracy at a fraction of the size. In retrieval, cross-encoders are distilled into bi-encoders.',
      zh: 'Hinton 等用温度 T 软化教师模型的概率，让学生模型同时在软目标和真实标签上训练；软目标包含了哪些错误答案接近正确的信息。DistilBERT 是 BERT-base 的 6 层学生模型，以一部分规模保留了大部分准确率。在检索中，常把交叉编码器蒸馏到双塔编码器中。',
    },
    formula: {
      latex: '\\mathcal{L} = (1 - \\lambda) \\, \\mathrm{CE}(y, p_s) + \\lambda \\, T^2 \\, \\mathrm{KL}\\left( p_t^{(T)} \\,\\|\\, p_s^{(T)} \\right)',
      symbols: { en: 'p_t, p_s: teacher and student probabilities; (T): softened by temperature T; λ: mixing weight.', zh: 'p_t、p_s：教师和学生的概率；(T)：用温度 T 软化；λ：混合权重。' },
    },
    example: {
      text: {
        en: 'DistilBERT has {{expect.studentMillions}} million parameters against BERT-base\'s {{expect.teacherMillions}} million: {{expect.sizeReduction|percent}} smaller.',
        zh: 'DistilBERT 有 {{expect.studentMillions}} 百万个参数，BERT-base 有 {{expect.teacherMillions}} 百万个：小 {{expect.sizeReduction|percent}}。',
      },
      computation: {
        kind: 'arithmetic',
        expressions: { studentMillions: '66', teacherMillions: '110', sizeReduction: '1 - studentMillions / teacherMillions' },
        expect: { studentMillions: 66, teacherMillions: 110, sizeReduction: 0.4 },
      },
    },
    pitfalls: [
      {
        en: 'Forgetting the T² factor: without it the soft-target gradient shrinks as the temperature rises.',
        zh: '忘了 T² 因子：没有它，温度升高时软目标的梯度会变小。',
      },
    ],
    compareWith: ['fine-tuning'],
    related: ['cross-encoder', 'dense-retrieval', 'fine-tuning'],
    references: [
      { title: 'Distilling the Knowledge in a Neural Network', authors: 'Hinton, Vinyals, Dean', year: 2015, arxiv: '1503.02531' },
      { title: 'DistilBERT, a distilled version of BERT: smaller, faster, cheaper and lighter', authors: 'Sanh, Debut, Chaumond, Wolf', year: 2019, arxiv: '1910.01108' },
    ],
  },
];
