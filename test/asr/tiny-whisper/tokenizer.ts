// The vocabulary of the tiny test Whisper: the 256 byte-level symbols (so any text can be
// decoded), a few Dutch words (so output reads like words), Whisper's special tokens in
// Whisper's order, and the 1501 timestamp tokens <|0.00|> … <|30.00|> that follow
// <|notimestamps|>, exactly as transformers.js expects (timestamp_begin = notimestamps + 1).

/** GPT-2 byte-to-unicode table used by byte-level BPE (written from its definition). */
function byteLevelSymbols(): string[] {
  const printable = new Set<number>();
  for (let b = 0x21; b <= 0x7e; b++) printable.add(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.add(b);
  for (let b = 0xae; b <= 0xff; b++) printable.add(b);
  const symbols: string[] = [];
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    symbols.push(printable.has(b) ? String.fromCharCode(b) : String.fromCharCode(256 + shifted++));
  }
  return symbols;
}

export const DUTCH_WORDS = [
  'ik', 'begrijp', 'dat', 'u', 'boos', 'bent', 'het', 'spijt', 'me', 'we', 'gaan', 'dit', 'oplossen',
  'de', 'directie', 'vindt', 'ja', 'goed', 'dank', 'voor', 'uw', 'geduld', 'klopt', 'vervelend',
];

const SPECIALS = [
  '<|endoftext|>', '<|startoftranscript|>', '<|en|>', '<|nl|>', '<|translate|>', '<|transcribe|>',
  '<|startoflm|>', '<|startofprev|>', '<|nocaptions|>', '<|notimestamps|>',
] as const;

export interface TinyVocab {
  size: number;
  wordIds: number[];
  byteIds: number[];
  special: Record<(typeof SPECIALS)[number], number>;
  timestampBegin: number;
  tokenizerJson: Record<string, unknown>;
}

export function tinyVocab(): TinyVocab {
  const vocab: Record<string, number> = {};
  const bytes = byteLevelSymbols();
  bytes.forEach((s, i) => { vocab[s] = i; });
  const space = bytes[0x20]!; // 'Ġ'
  const wordIds = DUTCH_WORDS.map((w, i) => {
    vocab[space + w] = 256 + i;
    return 256 + i;
  });
  let next = 256 + DUTCH_WORDS.length;
  const addedTokens: Record<string, unknown>[] = [];
  const special = {} as Record<(typeof SPECIALS)[number], number>;
  for (const content of SPECIALS) {
    special[content] = next;
    addedTokens.push({ id: next++, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  }
  const timestampBegin = next;
  for (let i = 0; i <= 1500; i++) {
    addedTokens.push({ id: next++, content: `<|${(i * 0.02).toFixed(2)}|>`, single_word: false, lstrip: false, rstrip: false, normalized: true, special: false });
  }
  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '',
      fuse_unk: false, byte_fallback: false, vocab, merges: [],
    },
  };
  return { size: next, wordIds, byteIds: bytes.map((_, i) => i), special, timestampBegin, tokenizerJson };
}
