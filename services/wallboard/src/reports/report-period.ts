import type { RequestProblem } from '../api/request-problem';

export const PERIOD_PRESETS = ['last-month', 'this-month', 'last-7-days', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PRESET_LABELS: Readonly<Record<PeriodPreset, string>> = {
  'last-month': 'Last month',
  'this-month': 'This month so far',
  'last-7-days': 'Last 7 days',
  custom: 'Custom',
};

/** The period as the form holds it; `from` and `to` as `<input type="datetime-local">` has them. */
export interface PeriodForm {
  readonly preset: PeriodPreset;
  readonly from: string;
  readonly to: string;
}

export const DEFAULT_PERIOD: PeriodForm = { preset: 'last-month', from: '', to: '' };

export type Period =
  | { readonly ok: true; readonly from: Date; readonly to: Date }
  | { readonly ok: false; readonly problems: readonly RequestProblem[] };

const DAY_MS = 86_400_000;

/** A `datetime-local` value (`2024-05-01T09:30`) in this browser's zone; null when not one. */
function localTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const t = new Date(y, mo - 1, d, h, mi, s);
  // 2024-02-31 rolls over into March: that is not the date that was typed.
  return t.getMonth() === mo - 1 && t.getDate() === d ? t : null;
}

/**
 * The instants a period's form stands for, `to` not included, in the zone of this browser:
 * months start at local midnight on the first, whatever the offset or a DST change.
 * `now` is an argument so the presets are testable.
 */
export function reportPeriod(form: PeriodForm, now: Date): Period {
  const monthStart = (offset: number) => new Date(now.getFullYear(), now.getMonth() + offset, 1);
  switch (form.preset) {
    case 'last-month':
      return { ok: true, from: monthStart(-1), to: monthStart(0) };
    case 'this-month':
      return { ok: true, from: monthStart(0), to: now };
    case 'last-7-days':
      return { ok: true, from: new Date(now.getTime() - 7 * DAY_MS), to: now };
    case 'custom': {
      const problems: RequestProblem[] = [];
      const from = localTime(form.from);
      const to = localTime(form.to);
      if (from === null)
        problems.push({ path: 'body.from', message: 'give a start date and time' });
      if (to === null) problems.push({ path: 'body.to', message: 'give an end date and time' });
      else if (from !== null && to <= from)
        problems.push({ path: 'body.to', message: 'the period must end after it starts' });
      return from !== null && to !== null && problems.length === 0
        ? { ok: true, from, to }
        : { ok: false, problems };
    }
  }
}
