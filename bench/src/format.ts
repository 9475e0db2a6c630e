/** Number formatting shared by the benchmark tables. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export const perSecond = (count: number, ms: number): string => `${int(count / (ms / 1000))}/s`;

export const percent = (part: number, whole: number): string =>
  `${Math.round((100 * part) / whole)}%`;
