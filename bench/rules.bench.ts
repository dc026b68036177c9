// Speed of the full Dutch text pipeline on one core: the phrase rules and the learned scorer
// together, as the live coach runs them. Utterances per second and per-utterance latency
// (median, p95, p99), on the corpus lines with their recogniser twins, the dev set's lines (when
// the team's shared folder is there) and our held-out lines; the rules alone for comparison;
// and what the scorer's model costs to load (time, and resident memory it adds).
// Targets from issue 12: >= 5,000 utterances/s with the scorer, p99 <= 2 ms, model load <= 300 ms,
// RSS growth <= 50 MB.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { readCorpusDir } from '../main/rules/corpus.ts';
import { RuleEngine, createCallContext, modelFileFor } from '../main/rules/engine.ts';
import { readLabelled } from '../main/rules/evaluate.ts';
import { recogniserStyle } from '../main/rules/normalise.ts';
import { readScorer } from '../main/scorer/scorer.ts';
import { corpusDirFor } from '../main/scorer/dataset.ts';
import { fmt, median, percentile } from './stats.ts';

const MB = 1024 * 1024;

/** The largest value; Math.max(...values) overflows the stack on long lists. */
const maxOf = (values: readonly number[]): number => values.reduce((a, b) => Math.max(a, b), -Infinity);

function throughput(engine: RuleEngine, corpus: readonly string[], rounds: number): { perSecond: number; wallPerSecond: number; latencies: number[] } {
  // Warm up the JIT so the figures describe the steady state a live call sees.
  for (let i = 0; i < 3; i++) for (const text of corpus) engine.analyzeUtterance({ startMs: 0, endMs: 1, text });
  const latencies: number[] = [];
  const ctx = createCallContext();
  // Throughput from CPU time: the machines are shared, and wall time would mostly measure the
  // other processes. Per-utterance latency is wall time, so it includes that noise (see load).
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const text of corpus) {
      const s = performance.now();
      engine.analyzeUtterance({ startMs: r, endMs: r + 1, text }, ctx);
      latencies.push(performance.now() - s);
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: (latencies.length / ((cpu.user + cpu.system) / 1000)) * 1000, wallPerSecond: (latencies.length / wallMs) * 1000, latencies };
}

/** Cost per utterance as the median of 9 runs of it: filters out moments another process had the core. */
function intrinsic(engine: RuleEngine, corpus: readonly string[]): number[] {
  return corpus.map((text) => {
    const runs: number[] = [];
    for (let i = 0; i < 9; i++) {
      const s = performance.now();
      engine.analyzeUtterance({ startMs: 0, endMs: 1, text });
      runs.push(performance.now() - s);
    }
    return median(runs);
  });
}

export default async function bench(): Promise<void> {
  const loadStart = performance.now();
  const rulesOnly = RuleEngine.fromDir('rules', { model: null });
  const rulesLoadMs = performance.now() - loadStart;

  // Memory the scorer adds: RSS before its model is read, and after it has scored every utterance.
  const modelFile = modelFileFor('rules');
  const rssBefore = process.memoryUsage().rss;
  const engine = new RuleEngine(rulesOnly.rules, readScorer(modelFile), { state: 'loaded', file: modelFile });

  // Every 7th corpus line with its two twins (about 3,000 utterances): enough variety, a bench
  // that stays around a minute.
  const corpusLines = readCorpusDir(corpusDirFor('rules')).lines
    .filter((_, i) => i % 7 === 0)
    .flatMap((l) => [l.value.text, l.value.asr, l.value.asrHeavy]);
  const files = ['../shared/eval/dev-utterances.jsonl', 'test/rules/fixtures/heldout.jsonl'].filter((f) => existsSync(f));
  const texts = files.flatMap((f) => readLabelled(f).items.map((i) => i.value.text));
  const corpus = [...corpusLines, ...texts, ...texts.map(recogniserStyle)];
  const rounds = 10;

  const withScorer = throughput(engine, corpus, rounds);
  const rssAfter = process.memoryUsage().rss;
  const loadMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    readScorer(modelFile);
    loadMs.push(performance.now() - s);
  }
  const alone = throughput(rulesOnly, corpus, rounds);
  const intrinsicMs = intrinsic(engine, corpus);

  // Worst case the transcript reader lets through: one 5,000-character utterance.
  const long = corpus.join(' ').slice(0, 5_000);
  const longMs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const s = performance.now();
    engine.analyzeUtterance({ startMs: 0, endMs: 1, text: long });
    longMs.push(performance.now() - s);
  }

  const l = withScorer.latencies;
  console.log(`rules: ${engine.textRuleCount} text rules, loaded and compiled in ${fmt(rulesLoadMs, 0)} ms`);
  console.log(`scorer model ${modelFile}: loaded in median ${fmt(median(loadMs), 1)} ms of 5 loads (target <= 300); RSS +${fmt((rssAfter - rssBefore) / MB, 1)} MB after loading it and scoring every utterance (target <= 50)`);
  console.log(`utterances: ${l.length} (${corpus.length} distinct x ${rounds} rounds, one core; every 7th corpus line with its twins${files.length > 0 ? `, ${files.join(', ')}` : ''})`);
  console.log(`throughput with the scorer: ${fmt(withScorer.perSecond, 0)} utterances/s of CPU time on one core (target >= 5000); rules alone ${fmt(alone.perSecond, 0)}/s; wall ${fmt(withScorer.wallPerSecond, 0)}/s at load average ${fmt(loadavg()[0]!, 1)} on ${cpus().length} cores`);
  console.log(`latency per utterance: median ${fmt(median(l), 3)} ms, p95 ${fmt(percentile(l, 95), 3)} ms, p99 ${fmt(percentile(l, 99), 3)} ms, max ${fmt(maxOf(l), 3)} ms (wall time, includes waiting for a core)`);
  console.log(`latency per utterance, median of 9 runs each: median ${fmt(median(intrinsicMs), 3)} ms, p95 ${fmt(percentile(intrinsicMs, 95), 3)} ms, p99 ${fmt(percentile(intrinsicMs, 99), 3)} ms, max ${fmt(maxOf(intrinsicMs), 3)} ms (target p99 <= 2)`);
  console.log(`one 5,000-character utterance (the longest accepted): median ${fmt(median(longMs), 2)} ms`);
}
