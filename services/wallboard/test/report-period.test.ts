import { describe, expect, it } from 'vitest';
import { pageFromSearch } from '../src/state/page-param';
import { reportPeriod, type PeriodForm } from '../src/reports/report-period';

/** 10 March 2025, 14:30 in this process's zone: months start at local midnight. */
const NOW = new Date(2025, 2, 10, 14, 30);
const preset = (p: PeriodForm['preset'], from = '', to = ''): PeriodForm => ({
  preset: p,
  from,
  to,
});

describe('a report period', () => {
  it('is the whole of last month for "last month", from local midnight on the first', () => {
    expect(reportPeriod(preset('last-month'), NOW)).toEqual({
      ok: true,
      from: new Date(2025, 1, 1),
      to: new Date(2025, 2, 1),
    });
  });

  it('crosses the year back in January', () => {
    const period = reportPeriod(preset('last-month'), new Date(2025, 0, 5));
    expect(period).toEqual({ ok: true, from: new Date(2024, 11, 1), to: new Date(2025, 0, 1) });
  });

  it('runs from the first of the month to now for "this month so far"', () => {
    expect(reportPeriod(preset('this-month'), NOW)).toEqual({
      ok: true,
      from: new Date(2025, 2, 1),
      to: NOW,
    });
  });

  it('is the seven days up to now for "last 7 days"', () => {
    expect(reportPeriod(preset('last-7-days'), NOW)).toEqual({
      ok: true,
      from: new Date(NOW.getTime() - 7 * 86_400_000),
      to: NOW,
    });
  });

  it('reads custom times in the local zone', () => {
    expect(reportPeriod(preset('custom', '2025-01-01T00:00', '2025-02-01T09:30'), NOW)).toEqual({
      ok: true,
      from: new Date(2025, 0, 1),
      to: new Date(2025, 1, 1, 9, 30),
    });
  });

  it('names each missing, impossible or backwards field of a custom period', () => {
    expect(reportPeriod(preset('custom'), NOW)).toEqual({
      ok: false,
      problems: [
        { path: 'body.from', message: 'give a start date and time' },
        { path: 'body.to', message: 'give an end date and time' },
      ],
    });
    expect(reportPeriod(preset('custom', '2025-02-31T00:00', '2025-03-01T00:00'), NOW)).toEqual({
      ok: false,
      problems: [{ path: 'body.from', message: 'give a start date and time' }],
    });
    expect(reportPeriod(preset('custom', '2025-03-01T00:00', '2025-03-01T00:00'), NOW)).toEqual({
      ok: false,
      problems: [{ path: 'body.to', message: 'the period must end after it starts' }],
    });
  });
});

describe('the Reports page address', () => {
  it('is ?page=reports', () => {
    expect(pageFromSearch('?page=reports')).toBe('reports');
  });
});
