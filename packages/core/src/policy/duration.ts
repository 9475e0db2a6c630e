const UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000 };
const SHORT = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const ISO = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/;

export type DurationParse = { ok: true; ms: number } | { ok: false; message: string };

/**
 * Parses a target duration: `15m`, `4h`, `90m`, `1h30m`, `45s`, or ISO 8601 `PT4H`,
 * `PT1H30M`. Days are refused on purpose: in business time "1 day" could mean 24 hours or
 * one business day, and guessing wrong would move every deadline by hours.
 */
export function parseDuration(text: string): DurationParse {
  const trimmed = text.trim();
  const bad = (why: string): DurationParse => ({
    ok: false,
    message: `${why}, got ${JSON.stringify(text)} (write e.g. "15m", "4h", "1h30m" or "PT4H")`,
  });
  if (/^P(\d+[WD])/i.test(trimmed) || /^\d+\s*d$/i.test(trimmed))
    return bad('days are ambiguous in business time: write hours instead (e.g. "24h")');
  const short = SHORT.exec(trimmed);
  const iso = short ? null : ISO.exec(trimmed.toUpperCase());
  const parts = short ?? iso;
  if (!parts || trimmed === '' || trimmed.toUpperCase() === 'PT') return bad('must be a duration');
  const ms = ['h', 'm', 's'].reduce(
    (sum, unit, i) => sum + Number(parts[i + 1] ?? 0) * (UNITS[unit] ?? 0),
    0,
  );
  if (!Number.isFinite(ms) || ms <= 0) return bad('must be longer than zero');
  if (ms % 1000 !== 0) return bad('must be a whole number of seconds');
  return { ok: true, ms };
}
