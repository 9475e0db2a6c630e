/** One forecast checked against the outcome: the probability given (null: none), and whether the clock breached. */
export interface Scored {
  readonly p: number | null;
  readonly breached: boolean;
}

export interface Confusion {
  /** Predicted to breach (p >= threshold) and breached. */
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

/** Predicts "breaches" where p >= threshold; no forecast counts as "does not". */
export function confusion(scored: readonly Scored[], threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { p, breached } of scored) {
    const yes = p !== null && p >= threshold;
    if (yes && breached) tp++;
    else if (yes) fp++;
    else if (breached) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

export const precision = (c: Confusion): number | null =>
  c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
export const recall = (c: Confusion): number | null =>
  c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
export function f1(c: Confusion): number | null {
  const p = precision(c);
  const r = recall(c);
  return p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r);
}

/** Mean squared error of the probabilities (lower is better); clocks without a forecast are left out. */
export function brier(scored: readonly Scored[]): number | null {
  let sum = 0;
  let n = 0;
  for (const { p, breached } of scored) {
    if (p === null) continue;
    sum += (p - (breached ? 1 : 0)) ** 2;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Two decimals, or a dash for a figure that does not exist (nothing predicted). */
export const ratio = (x: number | null): string => (x === null ? '-' : x.toFixed(2));
