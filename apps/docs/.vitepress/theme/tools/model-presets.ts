/**
 * A few public Hugging Face `config.json` files (the fields the parameter count reads), for the calculator's
 * preset menu. Any other config can be pasted.
 */
export const modelPresets: readonly { readonly name: string; readonly targets: string; readonly config: Readonly<Record<string, unknown>> }[] = [
  {
    name: 'meta-llama/Llama-2-7b-hf',
    targets: 'q_proj, v_proj',
    config: { model_type: 'llama', hidden_size: 4096, intermediate_size: 11008, max_position_embeddings: 4096, num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 32, tie_word_embeddings: false, vocab_size: 32000 },
  },
  {
    name: 'mistralai/Mistral-7B-v0.1',
    targets: 'q_proj, v_proj',
    config: { model_type: 'mistral', hidden_size: 4096, intermediate_size: 14336, max_position_embeddings: 32768, num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 8, tie_word_embeddings: false, vocab_size: 32000 },
  },
  {
    name: 'Qwen/Qwen2-0.5B',
    targets: 'q_proj, v_proj',
    config: { model_type: 'qwen2', hidden_size: 896, intermediate_size: 4864, max_position_embeddings: 131072, num_attention_heads: 14, num_hidden_layers: 24, num_key_value_heads: 2, tie_word_embeddings: true, vocab_size: 151936 },
  },
  {
    name: 'openai-community/gpt2',
    targets: 'c_attn',
    config: { model_type: 'gpt2', n_ctx: 1024, n_embd: 768, n_head: 12, n_layer: 12, n_positions: 1024, vocab_size: 50257 },
  },
  {
    name: 'google-bert/bert-base-uncased',
    targets: 'query, value',
    config: { model_type: 'bert', hidden_size: 768, intermediate_size: 3072, max_position_embeddings: 512, num_attention_heads: 12, num_hidden_layers: 12, type_vocab_size: 2, vocab_size: 30522 },
  },
];
