import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CalendarSpec } from '../../src/calendar/index.js';
import { calendarListSchema, calendarSchema } from '../../src/calendar/index.js';
import { EMEA_BUSINESS } from './declare-calendar.js';

/** Issues as the policy loader prints them: `weekly.mon[1]: message`. */
function problems(schema: { safeParse(raw: unknown): unknown }, raw: unknown): string[] {
  const result = schema.safeParse(raw) as
    | { success: true }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path
      .map((part, index) =>
        typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
      )
      .join('');
    return `${path}: ${issue.message}`;
  });
}

const valid = { id: 'ops', timezone: 'Europe/Berlin', weekly: { mon: ['08:00-12:00'] } };
const withWeekly = (weekly: unknown): unknown => ({ ...valid, weekly });

describe('calendarSchema accepts', () => {
  it('the example of the policy contract, written in YAML', () => {
    const yaml = `
id: emea-business
timezone: Europe/Berlin
weekly:
  mon: ["08:00-12:00", "13:00-18:00"]
  tue: ["08:00-18:00"]
  wed: ["08:00-18:00"]
  thu: ["08:00-18:00"]
  fri: ["08:00-16:00"]
holidays:
  - 2026-12-26
  - --12-25
  - { date: 2026-12-24, hours: ["09:00-13:00"] }
`;
    const expected: CalendarSpec = {
      id: 'emea-business',
      timezone: 'Europe/Berlin',
      weekly: {
        mon: [
          { start: 480, end: 720 },
          { start: 780, end: 1080 },
        ],
        tue: [{ start: 480, end: 1080 }],
        wed: [{ start: 480, end: 1080 }],
        thu: [{ start: 480, end: 1080 }],
        fri: [{ start: 480, end: 960 }],
      },
      holidays: [
        { kind: 'dated', year: 2026, month: 12, day: 26 },
        { kind: 'recurring', month: 12, day: 25 },
        { kind: 'dated', year: 2026, month: 12, day: 24, hours: [{ start: 540, end: 780 }] },
      ],
    };
    expect(calendarSchema.parse(parseYaml(yaml))).toEqual(expected);
    expect(calendarSchema.parse(EMEA_BUSINESS)).toEqual(expected);
  });

  it('whole days, touching periods and closed days', () => {
    const spec = calendarSchema.parse(
      withWeekly({ mon: ['00:00-24:00'], tue: ['08:00-12:00', '12:00-13:00'], wed: [] }),
    );
    expect(spec.weekly).toEqual({
      mon: [{ start: 0, end: 1440 }],
      tue: [
        { start: 480, end: 720 },
        { start: 720, end: 780 },
      ],
      wed: [],
    });
    expect(spec.holidays).toEqual([]);
  });

  it('a holiday date a YAML 1.1 loader turned into a Date, and --02-29', () => {
    const spec = calendarSchema.parse({
      ...valid,
      holidays: [new Date(Date.UTC(2026, 11, 26)), '--02-29', { date: '--12-31', hours: [] }],
    });
    expect(spec.holidays).toEqual([
      { kind: 'dated', year: 2026, month: 12, day: 26 },
      { kind: 'recurring', month: 2, day: 29 },
      { kind: 'recurring', month: 12, day: 31, hours: [] },
    ]);
  });
});

describe('calendarSchema rejects, with the path and a readable message,', () => {
  it('an unknown time zone', () => {
    expect(problems(calendarSchema, { ...valid, timezone: 'Europe/Berln' })).toEqual([
      'timezone: unknown time zone "Europe/Berln"',
    ]);
  });

  it('a malformed range', () => {
    expect(problems(calendarSchema, withWeekly({ mon: ['08:00-12:00', '8-12'] }))).toEqual([
      'weekly.mon[1]: must be a time range HH:MM-HH:MM, got "8-12"',
    ]);
    expect(problems(calendarSchema, withWeekly({ tue: [800] }))).toEqual([
      'weekly.tue[0]: must be a time range HH:MM-HH:MM, got 800',
    ]);
  });

  it('a range that does not end after it starts', () => {
    expect(problems(calendarSchema, withWeekly({ mon: ['12:00-08:00', '09:00-09:00'] }))).toEqual([
      'weekly.mon[0]: must end after it starts, got "12:00-08:00" (split a period across midnight, e.g. "22:00-24:00" and the next day\'s "00:00-06:00")',
      'weekly.mon[1]: must end after it starts, got "09:00-09:00"',
    ]);
  });

  it('hours and minutes out of range, and 24:00 anywhere but at the end', () => {
    expect(
      problems(
        calendarSchema,
        withWeekly({
          mon: ['08:00-25:00'],
          tue: ['08:60-09:00'],
          wed: ['24:00-24:00'],
          thu: ['20:00-24:30'],
        }),
      ),
    ).toEqual([
      'weekly.mon[0]: "25:00" is not a time of day in "08:00-25:00": hours run 00-23, minutes 00-59, and 24:00 may end a range',
      'weekly.tue[0]: "08:60" is not a time of day in "08:60-09:00": hours run 00-23, minutes 00-59, and 24:00 may end a range',
      'weekly.wed[0]: 24:00 is allowed only as an end, got "24:00-24:00"',
      'weekly.thu[0]: "24:30" is not a time of day in "20:00-24:30": hours run 00-23, minutes 00-59, and 24:00 may end a range',
    ]);
  });

  it('overlapping periods on one day', () => {
    expect(
      problems(calendarSchema, withWeekly({ mon: ['08:00-12:00', '11:00-13:00', '08:00-12:00'] })),
    ).toEqual([
      'weekly.mon[1]: "11:00-13:00" overlaps "08:00-12:00"',
      'weekly.mon[2]: "08:00-12:00" overlaps "08:00-12:00"',
    ]);
    expect(
      problems(calendarSchema, {
        ...valid,
        holidays: [{ date: '2026-12-24', hours: ['09:00-13:00', '12:00-14:00'] }],
      }),
    ).toEqual(['holidays[0].hours[1]: "12:00-14:00" overlaps "09:00-13:00"']);
  });

  it('invalid dates', () => {
    expect(
      problems(calendarSchema, {
        ...valid,
        holidays: ['2026-02-30', '2026-13-01', '--02-30', '12/25', { date: '2026-04-31' }, 7],
      }),
    ).toEqual([
      'holidays[0]: "2026-02-30" is not a date: February 2026 has 28 days',
      'holidays[1]: "2026-13-01" is not a date: months run 01-12',
      'holidays[2]: "--02-30" is not a date: February has 29 days',
      'holidays[3]: must be a date YYYY-MM-DD or a recurring date --MM-DD, got "12/25"',
      'holidays[4].date: "2026-04-31" is not a date: April 2026 has 30 days',
      'holidays[5]: must be a date YYYY-MM-DD, a recurring date --MM-DD or { date, hours }, got 7',
    ]);
  });

  it('a holiday listed twice, or with unknown fields', () => {
    expect(
      problems(calendarSchema, {
        ...valid,
        holidays: ['2026-12-26', { date: '2026-12-26', hours: [] }, { date: '--12-25', hour: [] }],
      }),
    ).toEqual(['holidays[2].hour: unknown field "hour": a holiday has a date and optional hours']);
    expect(
      problems(calendarSchema, { ...valid, holidays: ['2026-12-26', { date: '2026-12-26' }] }),
    ).toEqual(['holidays[1]: duplicate holiday "2026-12-26" (also at index 0)']);
  });

  it('unknown weekday keys', () => {
    expect(
      problems(calendarSchema, withWeekly({ monday: ['08:00-12:00'], tue: ['8-12'] })),
    ).toEqual([
      'weekly.monday: unknown weekday "monday": use mon, tue, wed, thu, fri, sat, sun',
      'weekly.tue[0]: must be a time range HH:MM-HH:MM, got "8-12"',
    ]);
  });

  it('a calendar that is never open', () => {
    expect(problems(calendarSchema, withWeekly({}))).toEqual([
      'weekly: the calendar is never open: give at least one weekday an open period',
    ]);
    expect(problems(calendarSchema, withWeekly({ sat: [], sun: [] }))).toEqual([
      'weekly: the calendar is never open: give at least one weekday an open period',
    ]);
  });

  it('the reserved id 24x7', () => {
    expect(problems(calendarSchema, { ...valid, id: '24x7' })).toEqual([
      'id: "24x7" is reserved for the built-in always-open calendar',
    ]);
  });

  it('missing fields, wrong types and unknown fields', () => {
    expect(problems(calendarSchema, { holiday: [] })).toEqual([
      'id: must be a calendar id (text), got nothing',
      'timezone: must be an IANA time zone such as "Europe/Berlin", got nothing',
      'weekly: must be a mapping from weekdays (mon … sun) to lists of time ranges, got nothing',
      ': unknown field "holiday": a calendar has id, timezone, weekly, holidays',
    ]);
    expect(problems(calendarSchema, withWeekly({ mon: '08:00-12:00' }))).toEqual([
      'weekly.mon: must be a list of time ranges such as ["08:00-12:00"], got "08:00-12:00"',
    ]);
    expect(problems(calendarSchema, 'emea')).toEqual([
      ': must be a calendar with id, timezone, weekly, holidays, got "emea"',
    ]);
  });
});

describe('calendarListSchema', () => {
  it('accepts distinct calendars', () => {
    expect(calendarListSchema.parse([valid, { ...valid, id: 'other' }])).toHaveLength(2);
  });

  it('rejects a repeated id at the repeat, alongside other errors', () => {
    expect(
      problems(calendarListSchema, [
        valid,
        { ...valid, id: 'other', timezone: 'Mars/Olympus' },
        { ...valid },
      ]),
    ).toEqual([
      '[2].id: duplicate calendar id "ops" (also at index 0)',
      '[1].timezone: unknown time zone "Mars/Olympus"',
    ]);
  });

  it('rejects something that is not a list', () => {
    expect(problems(calendarListSchema, { ops: valid })).toEqual([
      ': must be a list of calendars, got a mapping',
    ]);
  });
});
