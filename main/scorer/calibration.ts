// Platt scaling: a behaviour's raw scores become probabilities through 1 / (1 + exp(-(a s + b))),
// with a and b fitted on out-of-fold scores (scores of lines the model did not train on), so a
// confidence of 0.8 means "right about 8 times in 10" on lines like the training lines.
// Targets are Platt's smoothed labels, which keep a and b finite when the classes separate.

export interface Platt {
  a: number;
  b: number;
}

export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): Platt {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = Math.log((negatives + 1) / (positives + 1)) * -1;
  // Newton's method on the log loss, with step halving when a step does not improve it.
  const loss = (pa: number, pb: number): number => {
    let sum = 0;
    for (let i = 0; i < scores.length; i++) {
      const z = pa * scores[i]! + pb;
      const t = labels[i] ? hi : lo;
      // log(1 + exp(z)) - t z, computed without overflow.
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return sum;
  };
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = 1 / (1 + Math.exp(-(a * s + b)));
      const d = p - (labels[i] ? hi : lo);
      const w = p * (1 - p);
      ga += d * s;
      gb += d;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - step * da, b - step * db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const gain = current - next;
    current = next;
    if (gain < 1e-10) break;
  }
  return { a, b };
}
