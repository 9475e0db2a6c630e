import type { ClockKind } from '@slawatch/core';
import { int } from './format.js';
import { brier, confusion, f1, precision, ratio, recall, type Scored } from './forecast-scores.js';

/** One running clock due within the hour at an evaluation instant, and every forecast of it. */
export interface Sample {
  readonly kind: ClockKind;
  readonly minutesLeft: number;
  readonly breached: boolean;
  /** One per forecast compared, in their order; null: no forecast. */
  readonly p: readonly (number | null)[];
  /** One per minimum of the fallback sweep. */
  readonly sweep: readonly (number | null)[];
}

const HORIZONS = [30, 60] as const;
const THRESHOLDS = [0.3, 0.5, 0.7] as const;

const scoredOf = (list: readonly Sample[], pick: (s: Sample) => number | null): Scored[] =>
  list.map((s) => ({ p: pick(s), breached: s.breached }));
/** precision / recall / F1 (clocks predicted to breach). */
function cell(scored: readonly Scored[], threshold: number): string {
  const c = confusion(scored, threshold);
  return `${ratio(precision(c))} / ${ratio(recall(c))} / ${ratio(f1(c))} (${int(c.tp + c.fp)})`;
}
const breachedIn = (list: readonly Sample[]) => list.filter((s) => s.breached).length;
const share = (part: number, whole: number) => (whole === 0 ? '-' : (part / whole).toFixed(2));

/**
 * The benchmark's tables, in markdown: each forecast at 30 and 60 minutes ahead and three
 * thresholds, then the chosen one by clock kind (beside the clock-alone survival) and its
 * calibration, then the fallback minimum's sweep.
 */
export function printForecastTables(
  samples: readonly Sample[],
  names: readonly string[],
  sweepNames: readonly string[],
  compare: { readonly chosen: string; readonly alone: string; readonly base: string },
): void {
  for (const h of HORIZONS) {
    const list = samples.filter((s) => s.minutesLeft <= h);
    const breached = breachedIn(list);
    console.log(
      `**Due within ${h} min**: ${int(list.length)} clocks, ${int(breached)} breached ` +
        `(${share(breached, list.length)}). Cells: precision / recall / F1 (clocks predicted to breach).\n`,
    );
    console.log(
      `| forecast | ${THRESHOLDS.map((t) => `p >= ${t}`).join(' | ')} | Brier | no forecast |`,
    );
    console.log(`| --- |${' --- |'.repeat(THRESHOLDS.length + 2)}`);
    names.forEach((name, i) => {
      const scored = scoredOf(list, (s) => s.p[i] ?? null);
      const none = scored.filter((s) => s.p === null).length;
      const cells = THRESHOLDS.map((t) => cell(scored, t)).join(' | ');
      console.log(`| ${name} | ${cells} | ${ratio(brier(scored))} | ${int(none)} |`);
    });
    console.log('');
  }
  const chosen = names.indexOf(compare.chosen);
  const alone = names.indexOf(compare.alone);
  const base = names.indexOf(compare.base);
  const within = samples.filter((s) => s.minutesLeft <= 60);
  console.log(
    `**By clock kind**, due within 60 min, p >= 0.5: ${compare.alone} ("alone") against ` +
      `${compare.chosen} ("chosen"), and the Brier score of ${compare.base}\n`,
  );
  console.log('| kind | clocks | breached | alone | Brier | chosen | Brier | base rate Brier |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const kind of new Set(within.map((s) => s.kind))) {
    const list = within.filter((s) => s.kind === kind);
    const a = scoredOf(list, (s) => s.p[alone] ?? null);
    const c = scoredOf(list, (s) => s.p[chosen] ?? null);
    const b = scoredOf(list, (s) => s.p[base] ?? null);
    console.log(
      `| ${kind} | ${int(list.length)} | ${int(breachedIn(list))} | ${cell(a, 0.5)} | ` +
        `${ratio(brier(a))} | ${cell(c, 0.5)} | ${ratio(brier(c))} | ${ratio(brier(b))} |`,
    );
  }
  console.log(`\n**Calibration** of ${compare.chosen}, due within 60 min\n`);
  console.log('| forecast | clocks | mean forecast | share breached |\n| --- | --- | --- | --- |');
  for (let decile = 0; decile < 10; decile++) {
    const list = within.filter((s) => {
      const p = s.p[chosen] ?? null;
      return p !== null && Math.min(9, Math.floor(p * 10)) === decile;
    });
    if (list.length === 0) continue;
    const mean = list.reduce((sum, s) => sum + s.p[chosen]!, 0) / list.length;
    console.log(
      `| ${(decile / 10).toFixed(1)}-${((decile + 1) / 10).toFixed(1)} | ${int(list.length)} | ` +
        `${mean.toFixed(2)} | ${share(breachedIn(list), list.length)} |`,
    );
  }
  console.log(
    `\n**Fallback minimum**: team histograms thinned, then the priority's below the minimum; due within 60 min\n`,
  );
  console.log('| forecast | p >= 0.5 | Brier | no forecast |\n| --- | --- | --- | --- |');
  sweepNames.forEach((name, i) => {
    const scored = scoredOf(within, (s) => s.sweep[i] ?? null);
    const none = scored.filter((s) => s.p === null).length;
    console.log(`| ${name} | ${cell(scored, 0.5)} | ${ratio(brier(scored))} | ${int(none)} |`);
  });
}
