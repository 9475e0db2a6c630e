/** The formats an answer of the metrics routes can take; JSON unless asked otherwise. */
export const ANSWER_FORMATS = ['json', 'csv'] as const;
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** A media range's weight (`q`, 1 when absent) and its place in the Accept header. */
interface Preference {
  readonly q: number;
  readonly at: number;
}

/**
 * The format to answer in: the query's `format` when it gives one; otherwise CSV when the
 * Accept header prefers `text/csv` to `application/json` (a higher `q`, or the same and
 * listed first), JSON for anything else. Wildcard ranges (`text/*`, the match-all one)
 * count for neither, so a browser's or an HTTP library's default Accept keeps the JSON.
 */
export function answerFormat(
  format: AnswerFormat | undefined,
  accept: string | undefined,
): AnswerFormat {
  if (format) return format;
  const csv = preference(accept ?? '', 'text/csv');
  if (!csv) return 'json';
  const json = preference(accept ?? '', 'application/json');
  return !json || csv.q > json.q || (csv.q === json.q && csv.at < json.at) ? 'csv' : 'json';
}

/** How the header `accept` weighs the media type `type`; null when it is absent or refused (q=0). */
function preference(accept: string, type: string): Preference | null {
  let best: Preference | null = null;
  for (const [at, range] of accept.split(',').entries()) {
    const [name, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (name !== type) continue;
    const weight = params.find((p) => p.startsWith('q='));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    // An unreadable weight counts as a refusal rather than a guess.
    if (Number.isFinite(q) && q > 0 && q <= 1 && (!best || q > best.q)) best = { q, at };
  }
  return best;
}
