import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, summarizeMetrics, trendFigures } from '@slawatch/core';
import { answerFormat } from '../src/csv/answer-format.js';
import { csvField, csvText } from '@slawatch/core';
import { metricsCsv } from '../src/csv/metrics-csv.js';
import { trendCsv } from '../src/csv/trend-csv.js';
import { csvRows, readCsv } from './read-csv.js';

describe('CSV fields', () => {
  it('quotes commas, quotes, CR and LF as RFC 4180 says, and nothing else', () => {
    expect(csvField('emea')).toBe('emea');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('')).toBe('');
  });

  it('puts a quote before a text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', "'quoted"])
      expect(csvField(text), JSON.stringify(text)).toBe(`'${text}`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('=HYPERLINK("http://x","a")')).toBe(`"'=HYPERLINK(""http://x"",""a"")"`);
    // The API's "no value" stays itself: alone it is no formula.
    expect(csvField('-')).toBe('-');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('prints numbers as JSON does, never guarded, and null as an empty field', () => {
    for (const n of [0, -50, 0.1 + 0.2, 1 / 3, 1e21, 5e-7, 86_400])
      expect(csvField(n)).toBe(JSON.stringify(n));
    expect(csvField(-0)).toBe('0');
    expect([null, undefined, NaN, Infinity].map(csvField)).toEqual(['', '', '', '']);
  });

  it('ends every record with CRLF, the header too, and reads back field for field', () => {
    const text = csvText(
      ['value', 'n'],
      [
        ['a,"b"\nc', 1],
        ['=x', null],
      ],
    );
    expect(text).toBe('value,n\r\n"a,""b""\nc",1\r\n\'=x,\r\n');
    expect(readCsv(text)).toEqual([
      ['value', 'n'],
      ['a,"b"\nc', '1'],
      ["'=x", ''],
    ]);
    expect(csvText(['value'], [])).toBe('value\r\n');
  });
});

describe('the further clock kinds in CSV', () => {
  const settings = { ...DEFAULT_METRICS_SETTINGS, furtherClocks: ['periodicUpdate' as const] };
  // Three periodic updates met, one breached.
  const figures = summarizeMetrics(
    new Map([
      ['mu.n', 3],
      ['bu.n', 1],
    ]),
    settings,
  );

  it('has their attainment and breaches where the JSON has them, when a policy targets them', () => {
    const report = {
      at: '2026-11-23T10:00:00.000Z',
      window: '1h',
      from: '2026-11-23T09:01:00.000Z',
      dimension: 'all' as const,
      values: { '*': figures },
    };
    const { header, rows } = csvRows(metricsCsv(report, ['periodicUpdate']));
    expect([
      rows[0]!.get('attainment.periodicUpdate'),
      rows[0]!.get('breaches.periodicUpdate'),
    ]).toEqual(['0.75', '1']);
    const at = (c: string) => header.indexOf(c);
    expect(at('attainment.periodicUpdate')).toBe(at('attainment.resolution') + 1);
    expect(at('attainment.overall')).toBe(at('attainment.periodicUpdate') + 1);
    expect(at('breaches.periodicUpdate')).toBe(at('breaches.resolution') + 1);
    expect(at('breaches.total')).toBe(at('breaches.periodicUpdate') + 1);
    // Without such a policy the columns are not there, as the JSON fields are not.
    expect(csvRows(metricsCsv(report, [])).header).not.toContain('attainment.periodicUpdate');

    const trend = {
      at: report.at,
      window: '1h',
      dimension: 'all' as const,
      stepMinutes: 5,
      slices: [{ from: report.from, to: report.at, values: { '*': trendFigures(figures) } }],
    };
    const slice = csvRows(trendCsv(trend, ['periodicUpdate']));
    expect(slice.header.indexOf('attainment.periodicUpdate')).toBe(
      slice.header.indexOf('attainment.resolution') + 1,
    );
    expect(slice.rows[0]!.get('attainment.periodicUpdate')).toBe('0.75');
  });
});

describe('the format of an answer', () => {
  it('takes the query’s format first, then an Accept header preferring text/csv', () => {
    const cases: [('json' | 'csv')?, string?, ('json' | 'csv')?][] = [
      [undefined, undefined, 'json'],
      [undefined, 'text/csv', 'csv'],
      [undefined, 'Text/CSV; charset=utf-8', 'csv'],
      ['json', 'text/csv', 'json'],
      ['csv', 'application/json', 'csv'],
      ['csv', undefined, 'csv'],
      [undefined, 'application/json', 'json'],
      [undefined, '*/*', 'json'],
      [undefined, 'text/*', 'json'],
      [undefined, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'json'],
      [undefined, 'text/csv, */*;q=0.1', 'csv'],
      [undefined, 'text/csv, application/json', 'csv'],
      [undefined, 'application/json, text/csv', 'json'],
      [undefined, 'application/json;q=0.5, text/csv', 'csv'],
      [undefined, 'text/csv;q=0.5, application/json', 'json'],
      [undefined, 'text/csv;q=0', 'json'],
      [undefined, 'text/csv;q=x', 'json'],
    ];
    for (const [format, accept, expected] of cases)
      expect(answerFormat(format, accept), `${format} ${accept}`).toBe(expected);
  });
});
