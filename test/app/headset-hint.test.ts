import { describe, expect, it } from 'vitest';
import { correlation, HeadsetHintDetector } from '../../main/app/capture/headset-hint.ts';

// Seeded PRNG so the synthetic envelopes are the same on every run.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A speech-like loudness envelope: syllables of 3-8 frames with short gaps, in RMS. */
function speech(frames: number, rand: () => number, level = 0.1): number[] {
  const out: number[] = [];
  while (out.length < frames) {
    const syllable = 3 + Math.floor(rand() * 6);
    const peak = level * (0.4 + rand());
    for (let i = 0; i < syllable; i++) out.push(peak * Math.sin((Math.PI * (i + 0.5)) / syllable));
    const gap = Math.floor(rand() * 4);
    for (let i = 0; i < gap; i++) out.push(0.002 * rand());
  }
  return out.slice(0, frames);
}

const noise = (frames: number, rand: () => number, level = 0.002): number[] => Array.from({ length: frames }, () => level * (0.5 + rand()));

function feed(detector: HeadsetHintDetector, agent: number[], customer: number[]): boolean {
  let showing = false;
  for (let i = 0; i < agent.length; i += 16) showing = detector.push(agent.slice(i, i + 16), customer.slice(i, i + 16));
  return showing;
}

describe('headset hint', () => {
  it('correlation is 1 for proportional envelopes and 0 for a constant', () => {
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(correlation([1, 1, 1], [1, 2, 3])).toBe(0);
  });

  it('shows when the customer leaks into the agent microphone (speakers, no headset)', () => {
    const rand = prng(1);
    const customer = speech(300, rand);
    const agent = customer.map((c) => 0.3 * c + 0.001 * rand());
    expect(feed(new HeadsetHintDetector(), agent, customer)).toBe(true);
  });

  it('stays off with a headset: the agent mic is quiet while the customer speaks', () => {
    const rand = prng(2);
    expect(feed(new HeadsetHintDetector(), noise(300, rand), speech(300, rand))).toBe(false);
  });

  it('stays off when both talk at once (overtalk is not leakage)', () => {
    const rand = prng(3);
    expect(feed(new HeadsetHintDetector(), speech(300, prng(30)), speech(300, rand))).toBe(false);
  });

  it('does not judge while the customer is silent, and resets between calls', () => {
    const rand = prng(4);
    const detector = new HeadsetHintDetector();
    const customer = speech(300, rand);
    feed(detector, customer.map((c) => 0.3 * c), customer);
    expect(detector.showing).toBe(true);
    // Customer silent, agent speaking alone: not enough customer speech to change the verdict.
    expect(feed(detector, speech(300, rand), noise(300, rand))).toBe(true);
    detector.reset();
    expect(detector.showing).toBe(false);
  });

  it('hides again once the leak stops (headset put on)', () => {
    const rand = prng(5);
    const detector = new HeadsetHintDetector();
    const leaking = speech(300, rand);
    feed(detector, leaking.map((c) => 0.3 * c), leaking);
    expect(detector.showing).toBe(true);
    expect(feed(detector, noise(300, rand), speech(300, rand))).toBe(false);
  });
});
