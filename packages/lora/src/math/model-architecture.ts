import { ModelConfigError } from '../errors.js';

/** A weight matrix LoRA can target: an `nn.Linear`, a GPT-2 `Conv1D` or an `nn.Embedding`. */
export interface TargetableModule {
  /** The module path as PEFT sees it on the model (`model.layers.0.self_attn.q_proj`, `transformer.h.0.attn.c_attn`). */
  readonly name: string;
  readonly kind: 'linear' | 'conv1d' | 'embedding';
  /** in_features (or num_embeddings for an embedding). */
  readonly inFeatures: number;
  /** out_features (or embedding_dim). */
  readonly outFeatures: number;
  readonly bias: boolean;
  /** The model's output layer (`lm_head`), which PEFT's `all-linear` leaves out. */
  readonly isOutputLayer: boolean;
  /** Weights stored here (0 for an output layer tied to the input embedding). */
  readonly parameters: number;
}

/** A model's parameters, computed from its `config.json` alone. */
export interface ModelArchitecture {
  /** `model_type` from the config. */
  readonly modelType: string;
  readonly family: 'llama' | 'gpt2' | 'bert' | 'distilbert';
  /** What the total counts: the model class whose parameters it equals (`LlamaForCausalLM`, `BertModel`...). */
  readonly modelClass: string;
  readonly layers: number;
  readonly hiddenSize: number;
  readonly attentionHeads: number;
  /** Every parameter of `modelClass`, tied weights counted once. */
  readonly totalParameters: number;
  /** The total split by role, in model order (embeddings, attention, mlp, norms, pooler, lm_head). */
  readonly breakdown: readonly { readonly part: string; readonly parameters: number }[];
  /** Every module LoRA could target, in model order. */
  readonly modules: readonly TargetableModule[];
  readonly tiedEmbeddings: boolean;
}

/** The families {@link modelArchitecture} knows, by `model_type`. */
export const supportedModelTypes: readonly string[] = ['llama', 'mistral', 'qwen2', 'gpt2', 'bert', 'roberta', 'distilbert'];

/**
 * Every parameter of a Hugging Face model, from its `config.json`, and the shapes of the modules LoRA can target.
 *
 * Formulas (h = hidden size, L = layers, V = vocabulary, I = intermediate size):
 * - LLaMA / Mistral / Qwen2 (`…ForCausalLM`): embeddings V·h; per layer q h·(n_heads·d), k and v h·(n_kv_heads·d)
 *   (grouped-query attention), o (n_heads·d)·h with d = `head_dim` or h/n_heads, q/k/v biases for Qwen2
 *   (`attention_bias` for LLaMA), gate and up h·I, down I·h, two RMSNorms 2h; final norm h; lm_head V·h unless
 *   `tie_word_embeddings` (default true for Qwen2, false for LLaMA/Mistral).
 * - GPT-2 (`GPT2LMHeadModel`, lm_head tied to wte): wte V·h, wpe n_positions·h; per layer ln_1 and ln_2 2h each,
 *   c_attn h·3h + 3h, attn.c_proj h·h + h, c_fc h·I + I, mlp.c_proj I·h + h (I = n_inner or 4h; Conv1D weights are
 *   stored [in, out]); ln_f 2h.
 * - BERT / RoBERTa (`BertModel` with pooler): word V·h, position P·h, token type T·h, LayerNorm 2h; per layer
 *   query/key/value/output 4·(h² + h), two LayerNorms 4h, intermediate h·I + I, output I·h + h; pooler h² + h.
 * - DistilBERT (`DistilBertModel`): word V·h, position P·h, LayerNorm 2h; per layer q/k/v/out_lin 4·(h² + h), two
 *   LayerNorms 4h, lin1 h·I + I, lin2 I·h + h.
 *
 * @param source - The file's name, for error messages.
 * @throws {ModelConfigError} for an unknown `model_type` or a missing or non-integer field, naming the file and
 * the field.
 */
export function modelArchitecture(config: Readonly<Record<string, unknown>>, source = 'config.json'): ModelArchitecture {
  const modelType = config.model_type;
  if (typeof modelType !== 'string') {
    throw new ModelConfigError(`${source}: "model_type" is missing; expected one of ${supportedModelTypes.join(', ')}`, 'model_type');
  }
  const read = reader(config, source, modelType);
  switch (modelType) {
    case 'llama':
    case 'mistral':
    case 'qwen2':
      return llamaFamily(config, read, modelType);
    case 'gpt2':
      return gpt2(config, read);
    case 'bert':
    case 'roberta':
      return bert(read, modelType);
    case 'distilbert':
      return distilbert(read);
    default:
      throw new ModelConfigError(`${source}: model_type "${modelType}" is not supported; expected one of ${supportedModelTypes.join(', ')}`, 'model_type');
  }
}

type Reader = (field: string, fallback?: number) => number;

function reader(config: Readonly<Record<string, unknown>>, source: string, modelType: string): Reader {
  return (field, fallback) => {
    const value = config[field] ?? fallback;
    if (value === undefined || value === null) {
      throw new ModelConfigError(`${source}: "${field}" is missing; a ${modelType} model needs it`, field);
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new ModelConfigError(`${source}: "${field}" must be a positive integer, found ${JSON.stringify(value)}`, field);
    }
    return value;
  };
}

/** Accumulates modules and parameter groups in model order. */
class Builder {
  readonly modules: TargetableModule[] = [];
  readonly #parts = new Map<string, number>();

  add(part: string, parameters: number): void {
    this.#parts.set(part, (this.#parts.get(part) ?? 0) + parameters);
  }

  module(part: string, module: Omit<TargetableModule, 'parameters'> & { parameters?: number }): void {
    const parameters = module.parameters ?? module.inFeatures * module.outFeatures + (module.bias ? module.outFeatures : 0);
    this.modules.push({ ...module, parameters });
    this.add(part, parameters);
  }

  linear(part: string, name: string, shape: [inFeatures: number, outFeatures: number, bias: boolean]): void {
    this.module(part, { name, kind: 'linear', inFeatures: shape[0], outFeatures: shape[1], bias: shape[2], isOutputLayer: false });
  }

  get breakdown(): { part: string; parameters: number }[] {
    return [...this.#parts].map(([part, parameters]) => ({ part, parameters }));
  }

  get total(): number {
    let sum = 0;
    for (const value of this.#parts.values()) sum += value;
    return sum;
  }
}

function llamaFamily(config: Readonly<Record<string, unknown>>, read: Reader, modelType: string): ModelArchitecture {
  const hidden = read('hidden_size');
  const layers = read('num_hidden_layers');
  const heads = read('num_attention_heads');
  const keyValueHeads = read('num_key_value_heads', heads);
  const intermediate = read('intermediate_size');
  const vocabulary = read('vocab_size');
  const headDimension = read('head_dim', Math.floor(hidden / heads));
  const attentionBias = modelType === 'qwen2' ? true : config.attention_bias === true;
  const mlpBias = config.mlp_bias === true;
  const tied = typeof config.tie_word_embeddings === 'boolean' ? config.tie_word_embeddings : modelType === 'qwen2';
  const builder = new Builder();
  builder.module('embeddings', { name: 'model.embed_tokens', kind: 'embedding', inFeatures: vocabulary, outFeatures: hidden, bias: false, isOutputLayer: false });
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `model.layers.${String(layer)}`;
    builder.linear('attention', `${prefix}.self_attn.q_proj`, [hidden, heads * headDimension, attentionBias]);
    builder.linear('attention', `${prefix}.self_attn.k_proj`, [hidden, keyValueHeads * headDimension, attentionBias]);
    builder.linear('attention', `${prefix}.self_attn.v_proj`, [hidden, keyValueHeads * headDimension, attentionBias]);
    builder.linear('attention', `${prefix}.self_attn.o_proj`, [heads * headDimension, hidden, attentionBias && modelType !== 'qwen2']);
    builder.linear('mlp', `${prefix}.mlp.gate_proj`, [hidden, intermediate, mlpBias]);
    builder.linear('mlp', `${prefix}.mlp.up_proj`, [hidden, intermediate, mlpBias]);
    builder.linear('mlp', `${prefix}.mlp.down_proj`, [intermediate, hidden, mlpBias]);
    builder.add('norms', 2 * hidden);
  }
  builder.add('norms', hidden);
  builder.module('lm_head', { name: 'lm_head', kind: 'linear', inFeatures: hidden, outFeatures: vocabulary, bias: false, isOutputLayer: true, parameters: tied ? 0 : hidden * vocabulary });
  const modelClass = `${{ llama: 'Llama', mistral: 'Mistral', qwen2: 'Qwen2' }[modelType] ?? 'Llama'}ForCausalLM`;
  return { modelType, family: 'llama', modelClass, layers, hiddenSize: hidden, attentionHeads: heads, totalParameters: builder.total, breakdown: builder.breakdown, modules: builder.modules, tiedEmbeddings: tied };
}

function gpt2(config: Readonly<Record<string, unknown>>, read: Reader): ModelArchitecture {
  const hidden = read('n_embd');
  const layers = read('n_layer');
  const heads = read('n_head');
  const vocabulary = read('vocab_size');
  const positions = read('n_positions');
  const inner = config.n_inner === null || config.n_inner === undefined ? 4 * hidden : read('n_inner');
  const builder = new Builder();
  builder.module('embeddings', { name: 'transformer.wte', kind: 'embedding', inFeatures: vocabulary, outFeatures: hidden, bias: false, isOutputLayer: false });
  builder.add('embeddings', positions * hidden); // wpe: a learned position table, not a LoRA target in practice
  const conv1d = (part: string, name: string, inFeatures: number, outFeatures: number): void => {
    builder.module(part, { name, kind: 'conv1d', inFeatures, outFeatures, bias: true, isOutputLayer: false });
  };
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `transformer.h.${String(layer)}`;
    builder.add('norms', 4 * hidden);
    conv1d('attention', `${prefix}.attn.c_attn`, hidden, 3 * hidden);
    conv1d('attention', `${prefix}.attn.c_proj`, hidden, hidden);
    conv1d('mlp', `${prefix}.mlp.c_fc`, hidden, inner);
    conv1d('mlp', `${prefix}.mlp.c_proj`, inner, hidden);
  }
  builder.add('norms', 2 * hidden);
  builder.module('lm_head', { name: 'lm_head', kind: 'linear', inFeatures: hidden, outFeatures: vocabulary, bias: false, isOutputLayer: true, parameters: 0 });
  return { modelType: 'gpt2', family: 'gpt2', modelClass: 'GPT2LMHeadModel', layers, hiddenSize: hidden, attentionHeads: heads, totalParameters: builder.total, breakdown: builder.breakdown, modules: builder.modules, tiedEmbeddings: true };
}

function bert(read: Reader, modelType: string): ModelArchitecture {
  const hidden = read('hidden_size');
  const layers = read('num_hidden_layers');
  const heads = read('num_attention_heads');
  const intermediate = read('intermediate_size');
  const vocabulary = read('vocab_size');
  const positions = read('max_position_embeddings');
  const tokenTypes = read('type_vocab_size', 2);
  const builder = new Builder();
  builder.module('embeddings', { name: 'embeddings.word_embeddings', kind: 'embedding', inFeatures: vocabulary, outFeatures: hidden, bias: false, isOutputLayer: false });
  builder.add('embeddings', positions * hidden + tokenTypes * hidden);
  builder.add('norms', 2 * hidden);
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `encoder.layer.${String(layer)}`;
    for (const name of ['query', 'key', 'value']) builder.linear('attention', `${prefix}.attention.self.${name}`, [hidden, hidden, true]);
    builder.linear('attention', `${prefix}.attention.output.dense`, [hidden, hidden, true]);
    builder.linear('mlp', `${prefix}.intermediate.dense`, [hidden, intermediate, true]);
    builder.linear('mlp', `${prefix}.output.dense`, [intermediate, hidden, true]);
    builder.add('norms', 4 * hidden);
  }
  builder.linear('pooler', 'pooler.dense', [hidden, hidden, true]);
  const modelClass = modelType === 'roberta' ? 'RobertaModel' : 'BertModel';
  return { modelType, family: 'bert', modelClass, layers, hiddenSize: hidden, attentionHeads: heads, totalParameters: builder.total, breakdown: builder.breakdown, modules: builder.modules, tiedEmbeddings: false };
}

function distilbert(read: Reader): ModelArchitecture {
  const hidden = read('dim');
  const layers = read('n_layers');
  const heads = read('n_heads');
  const inner = read('hidden_dim');
  const vocabulary = read('vocab_size');
  const positions = read('max_position_embeddings');
  const builder = new Builder();
  builder.module('embeddings', { name: 'embeddings.word_embeddings', kind: 'embedding', inFeatures: vocabulary, outFeatures: hidden, bias: false, isOutputLayer: false });
  builder.add('embeddings', positions * hidden);
  builder.add('norms', 2 * hidden);
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `transformer.layer.${String(layer)}`;
    for (const name of ['q_lin', 'k_lin', 'v_lin', 'out_lin']) builder.linear('attention', `${prefix}.attention.${name}`, [hidden, hidden, true]);
    builder.linear('mlp', `${prefix}.ffn.lin1`, [hidden, inner, true]);
    builder.linear('mlp', `${prefix}.ffn.lin2`, [inner, hidden, true]);
    builder.add('norms', 4 * hidden);
  }
  return { modelType: 'distilbert', family: 'distilbert', modelClass: 'DistilBertModel', layers, hiddenSize: hidden, attentionHeads: heads, totalParameters: builder.total, breakdown: builder.breakdown, modules: builder.modules, tiedEmbeddings: false };
}
