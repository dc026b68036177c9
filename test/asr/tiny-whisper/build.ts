// Builds a tiny Whisper-shaped model that transformers.js loads exactly like a real
// onnx-community export: an encoder graph (mel features → hidden states, with Whisper's stride-2
// convolution) and a merged decoder (one layer, self-attention over past key values, cross-attention
// whose weights are exported for word timestamps, and an `If` on use_cache_branch that reuses the
// cached encoder keys, as Optimum's merged exports do). Weights are random but seeded, so the
// same seed always gives the same model; the output text is meaningless but deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel, TensorDataType } from './onnx-proto.ts';
import { attr, GraphBuilder, randomWeights, seededRandom } from './graph-builder.ts';
import { tinyVocab, type TinyVocab } from './tokenizer.ts';

const { FLOAT, INT64, BOOL } = TensorDataType;
export const TINY = { dModel: 16, heads: 2, melBins: 80, melFrames: 3000, encoderPositions: 1500 } as const;
const HEAD_DIM = TINY.dModel / TINY.heads;

function wrap(graph: Record<string, unknown>): Uint8Array {
  return encodeModel({
    irVersion: 8,
    producerName: 'klachtcoach-tiny-whisper-test',
    opsetImport: [{ domain: '', version: 17 }],
    graph,
  });
}

export function buildEncoder(rand: () => number): Uint8Array {
  const { dModel: D, melBins, melFrames, encoderPositions } = TINY;
  const g = new GraphBuilder();
  const features = g.input('input_features', FLOAT, ['batch_size', melBins, melFrames]);
  const convW = g.floats('conv.weight', [D, melBins, 3], randomWeights(rand, D * melBins * 3, 0.2));
  const convB = g.floats('conv.bias', [D], randomWeights(rand, D, 0.1));
  const pos = g.floats('embed_positions', [encoderPositions, D], randomWeights(rand, encoderPositions * D, 1));
  const conv = g.op('Conv', [features, convW, convB], { kernel_shape: attr.ints([3]), strides: attr.ints([2]), pads: attr.ints([1, 1]) });
  const timeMajor = g.op('Transpose', [conv], { perm: attr.ints([0, 2, 1]) });
  const withPos = g.op('Add', [timeMajor, pos]);
  g.op('Tanh', [withPos], {}, 'last_hidden_state');
  g.output('last_hidden_state', FLOAT, ['batch_size', encoderPositions, D]);
  return wrap(g.build('tiny_whisper_encoder'));
}

/** [b, s, D] → [b, H, s, hd] */
function splitHeads(g: GraphBuilder, x: string, weight: string, shape: string): string {
  const projected = g.op('MatMul', [x, weight]);
  const heads = g.op('Reshape', [projected, shape]);
  return g.op('Transpose', [heads], { perm: attr.ints([0, 2, 1, 3]) });
}

export function buildDecoder(rand: () => number, vocab: TinyVocab): Uint8Array {
  const { dModel: D, heads: H } = TINY;
  const V = vocab.size;
  const g = new GraphBuilder();
  const inputIds = g.input('input_ids', INT64, ['batch_size', 'decoder_sequence_length']);
  const encoderStates = g.input('encoder_hidden_states', FLOAT, ['batch_size', 'encoder_sequence_length_out', D]);
  const pastDecKey = g.input('past_key_values.0.decoder.key', FLOAT, ['batch_size', H, 'past_decoder_sequence_length', HEAD_DIM]);
  const pastDecValue = g.input('past_key_values.0.decoder.value', FLOAT, ['batch_size', H, 'past_decoder_sequence_length', HEAD_DIM]);
  const pastEncKey = g.input('past_key_values.0.encoder.key', FLOAT, ['batch_size', H, 'encoder_sequence_length_out', HEAD_DIM]);
  const pastEncValue = g.input('past_key_values.0.encoder.value', FLOAT, ['batch_size', H, 'encoder_sequence_length_out', HEAD_DIM]);
  const useCache = g.input('use_cache_branch', BOOL, [1]);

  const embed = g.floats('embed_tokens', [V, D], randomWeights(rand, V * D, 1));
  const wq = g.floats('q_proj', [D, D], randomWeights(rand, D * D, 0.5));
  const wk = g.floats('k_proj', [D, D], randomWeights(rand, D * D, 0.5));
  const wv = g.floats('v_proj', [D, D], randomWeights(rand, D * D, 0.5));
  const wck = g.floats('cross_k_proj', [D, D], randomWeights(rand, D * D, 0.5));
  const wcv = g.floats('cross_v_proj', [D, D], randomWeights(rand, D * D, 0.5));
  const wout = g.floats('lm_head', [D, V], randomWeights(rand, D * V, 1));
  // A fixed logit bias shapes the random model into something the Whisper decoding rules can
  // work with: words beat raw bytes, timestamps are possible but rarer than words (otherwise the
  // timestamp logits processor would force timestamps forever and the text would be empty).
  const bias = new Float32Array(V).fill(-20);
  for (const id of vocab.byteIds) bias[id] = -3;
  for (const id of vocab.wordIds) bias[id] = 3;
  bias[vocab.special['<|endoftext|>']] = -1;
  for (let id = vocab.timestampBegin; id < V; id++) bias[id] = -4;
  const logitBias = g.floats('final_logits_bias', [V], bias);
  const headShape = g.int64s([0, 0, H, HEAD_DIM]);
  const mergeShape = g.int64s([0, 0, D]);
  const scale = g.scalar(1 / Math.sqrt(HEAD_DIM));

  // Token embedding plus a learned position embedding, positions counted after the cached
  // tokens (as Whisper does), so each decoding step sees where it is.
  const decPos = g.floats('embed_positions', [448, D], randomWeights(rand, 448 * D, 1));
  const pastLength = g.op('Gather', [g.op('Shape', [pastDecKey]), g.int64s([2], [])], { axis: attr.int(0) });
  const newLength = g.op('Gather', [g.op('Shape', [inputIds]), g.int64s([1], [])], { axis: attr.int(0) });
  const positions = g.op('Range', [pastLength, g.op('Add', [pastLength, newLength]), g.int64s([1], [])]);
  const tokens = g.op('Gather', [embed, inputIds], { axis: attr.int(0) });
  const x = g.op('Add', [tokens, g.op('Gather', [decPos, positions], { axis: attr.int(0) })]);
  const q = splitHeads(g, x, wq, headShape);

  // Self-attention over the cache plus the new tokens.
  const keys = g.op('Concat', [pastDecKey, splitHeads(g, x, wk, headShape)], { axis: attr.int(2) }, 'present.0.decoder.key');
  const values = g.op('Concat', [pastDecValue, splitHeads(g, x, wv, headShape)], { axis: attr.int(2) }, 'present.0.decoder.value');
  const selfScores = g.op('Mul', [g.op('MatMul', [q, g.op('Transpose', [keys], { perm: attr.ints([0, 1, 3, 2]) })]), scale]);
  const selfOut = g.op('MatMul', [g.op('Softmax', [selfScores], { axis: attr.int(-1) }), values]);

  // Cross-attention keys: reuse the cache on later steps, compute from the encoder on the first.
  const reuse = new GraphBuilder('then_');
  reuse.op('Identity', [pastEncKey], {}, 'then_key');
  reuse.op('Identity', [pastEncValue], {}, 'then_value');
  reuse.output('then_key', FLOAT, ['batch_size', H, 'enc', HEAD_DIM]);
  reuse.output('then_value', FLOAT, ['batch_size', H, 'enc', HEAD_DIM]);
  const compute = new GraphBuilder('else_');
  compute.op('Identity', [splitHeads(compute, encoderStates, wck, headShape)], {}, 'else_key');
  compute.op('Identity', [splitHeads(compute, encoderStates, wcv, headShape)], {}, 'else_value');
  compute.output('else_key', FLOAT, ['batch_size', H, 'enc', HEAD_DIM]);
  compute.output('else_value', FLOAT, ['batch_size', H, 'enc', HEAD_DIM]);
  const [encKey, encValue] = g.node('If', [useCache], {
    then_branch: attr.graph(reuse.build('reuse_encoder_cache')),
    else_branch: attr.graph(compute.build('compute_encoder_cache')),
  }, ['present.0.encoder.key', 'present.0.encoder.value']) as [string, string];

  const crossScores = g.op('Mul', [g.op('MatMul', [q, g.op('Transpose', [encKey], { perm: attr.ints([0, 1, 3, 2]) })]), scale]);
  const crossWeights = g.op('Softmax', [crossScores], { axis: attr.int(-1) }, 'cross_attentions.0');
  const crossOut = g.op('MatMul', [crossWeights, encValue]);

  const merged = g.op('Reshape', [g.op('Transpose', [g.op('Add', [selfOut, crossOut])], { perm: attr.ints([0, 2, 1, 3]) }), mergeShape]);
  const hidden = g.op('Add', [merged, x]);
  g.op('Add', [g.op('MatMul', [hidden, wout]), logitBias], {}, 'logits');

  g.output('logits', FLOAT, ['batch_size', 'decoder_sequence_length', V]);
  g.output('present.0.decoder.key', FLOAT, ['batch_size', H, 'total_sequence_length', HEAD_DIM]);
  g.output('present.0.decoder.value', FLOAT, ['batch_size', H, 'total_sequence_length', HEAD_DIM]);
  g.output('present.0.encoder.key', FLOAT, ['batch_size', H, 'encoder_sequence_length_out', HEAD_DIM]);
  g.output('present.0.encoder.value', FLOAT, ['batch_size', H, 'encoder_sequence_length_out', HEAD_DIM]);
  g.output('cross_attentions.0', FLOAT, ['batch_size', H, 'decoder_sequence_length', 'encoder_sequence_length_out']);
  return wrap(g.build('tiny_whisper_decoder_merged'));
}

/** The JSON files transformers.js reads for a Whisper repository. */
export function configFiles(vocab: TinyVocab): Record<string, unknown> {
  const { special } = vocab;
  const eos = special['<|endoftext|>'];
  return {
    'config.json': {
      model_type: 'whisper',
      architectures: ['WhisperForConditionalGeneration'],
      is_encoder_decoder: true,
      d_model: TINY.dModel,
      encoder_layers: 1,
      encoder_attention_heads: TINY.heads,
      decoder_layers: 1,
      decoder_attention_heads: TINY.heads,
      num_mel_bins: TINY.melBins,
      max_source_positions: TINY.encoderPositions,
      max_target_positions: 448,
      vocab_size: vocab.size,
      decoder_start_token_id: special['<|startoftranscript|>'],
      bos_token_id: eos,
      eos_token_id: eos,
      pad_token_id: eos,
      median_filter_width: 7,
      use_cache: true,
    },
    'generation_config.json': {
      decoder_start_token_id: special['<|startoftranscript|>'],
      bos_token_id: eos,
      eos_token_id: eos,
      pad_token_id: eos,
      is_multilingual: true,
      lang_to_id: { '<|en|>': special['<|en|>'], '<|nl|>': special['<|nl|>'] },
      task_to_id: { transcribe: special['<|transcribe|>'], translate: special['<|translate|>'] },
      no_timestamps_token_id: special['<|notimestamps|>'],
      alignment_heads: [[0, 0], [0, 1]],
      max_initial_timestamp_index: 50,
      max_length: 448,
      begin_suppress_tokens: [eos],
    },
    'preprocessor_config.json': {
      feature_extractor_type: 'WhisperFeatureExtractor',
      processor_class: 'WhisperProcessor',
      feature_size: TINY.melBins,
      hop_length: 160,
      n_fft: 400,
      chunk_length: 30,
      n_samples: 480000,
      nb_max_frames: TINY.melFrames,
      padding_side: 'right',
      padding_value: 0,
      return_attention_mask: false,
      sampling_rate: 16000,
    },
    'tokenizer_config.json': {
      tokenizer_class: 'WhisperTokenizer',
      model_max_length: 1024,
      bos_token: '<|endoftext|>',
      eos_token: '<|endoftext|>',
      unk_token: '<|endoftext|>',
      pad_token: '<|endoftext|>',
      add_prefix_space: false,
      errors: 'replace',
    },
    'tokenizer.json': vocab.tokenizerJson,
  };
}

/** Writes a complete tiny Whisper repository (same layout as onnx-community/whisper-*) into dir. */
export function buildTinyWhisper(dir: string, seed = 1234): { files: string[] } {
  const rand = seededRandom(seed);
  const vocab = tinyVocab();
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const files: string[] = [];
  for (const [name, json] of Object.entries(configFiles(vocab))) {
    writeFileSync(join(dir, name), JSON.stringify(json, null, 2));
    files.push(name);
  }
  writeFileSync(join(dir, 'onnx/encoder_model.onnx'), buildEncoder(rand));
  writeFileSync(join(dir, 'onnx/decoder_model_merged.onnx'), buildDecoder(rand, vocab));
  files.push('onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx');
  return { files };
}
