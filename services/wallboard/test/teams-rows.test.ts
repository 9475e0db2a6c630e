import { describe, expect, it } from 'vitest';
import { MalformedAnswer } from '../src/api/json-reader';
import type { Session } from '../src/api/session';
import { parseMetricsAnswer } from '../src/api/teams-api';
import { pageFromSearch, searchForPage } from '../src/state/page-param';
import { BY_NAME, nextSort, sortTeamRows, type RowSort } from '../src/teams/sort-team-rows';
import { buildTeamRows, type TeamRow, type TeamsAnswers } from '../src/teams/team-rows';
import { dimensionsFor } from '../src/teams/teams-dimension';
import { trendSpec } from '../src/teams/trend-choices';
import { figures, metricsAnswer, sliceFigures, trendAnswer } from './teams-fixtures';

const answers = (all: boolean): TeamsAnswers => ({
  dimension: 'team',
  window: '1h',
  metrics: metricsAnswer('team', {
    us: figures({ overall: 0.8, breaches: 1 }),
    emea: figures({ overall: 0.5, breaches: 2 }),
    '-': figures({ overall: null }),
  }),
  // emea in the first and last slices, us in the middle one.
  trend: trendAnswer('team', [
    { emea: sliceFigures(0.5, 1) },
    { us: sliceFigures(0.8, 1) },
    { emea: sliceFigures(1, 0) },
  ]),
  all: all
    ? {
        metrics: metricsAnswer('all', { '*': figures({ overall: 0.6, breaches: 3 }) }),
        trend: trendAnswer('all', [{ '*': sliceFigures(0.5, 1) }, {}, {}]),
      }
    : null,
});

const names = (rows: readonly TeamRow[]) => rows.map((r) => r.label);
const values = (rows: readonly TeamRow[]) => rows.map((r) => r.spark.points.map((p) => p.v));

describe('the rows of the Teams page', () => {
  it('are the all row, then one per value of the answer with its figures', () => {
    const rows = buildTeamRows(answers(true), trendSpec('attainment.overall'));
    expect(names(rows)).toEqual(['All teams', 'us', 'emea', 'No team']);
    expect(rows.map((r) => r.isAll)).toEqual([true, false, false, false]);
    expect(rows.map((r) => r.figures.attainment.overall)).toEqual([0.6, 0.8, 0.5, null]);
    expect(rows.map((r) => r.figures.breaches.total)).toEqual([3, 1, 2, 0]);
  });

  it("draw each row's line over the trend's slices, a gap where a slice has no rate", () => {
    const rows = buildTeamRows(answers(true), trendSpec('attainment.overall'));
    expect(values(rows)).toEqual([
      [0.5, null, null],
      [null, 0.8, null],
      [0.5, null, 1],
      [null, null, null],
    ]);
    const emea = rows[2]!;
    expect(emea.spark.label).toBe('trend: 50.0 % to 100 %');
    // Every line spans the window: the first slice's start to the last one's end.
    expect(emea.spark.to - emea.spark.from).toBe(3_600_000);
    expect(rows[3]!.spark.label).toBe('trend: no data yet');
  });

  it('count an empty slice as none of a count, when the line is of breaches', () => {
    const rows = buildTeamRows(answers(true), trendSpec('breaches'));
    expect(values(rows)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('have no all row for a token limited to teams', () => {
    const rows = buildTeamRows(answers(false), trendSpec('attainment.overall'));
    expect(names(rows)).toEqual(['us', 'emea', 'No team']);
  });
});

describe('sorting the rows', () => {
  const row = (value: string, p90: number | null, isAll = false): TeamRow => ({
    value,
    label: value,
    isAll,
    figures: figures({ firstReplyP90: p90 }),
    spark: { points: [], from: 0, to: 1, label: '' },
  });
  const rows = [
    row('us', 300),
    row('-', 100),
    row('emea', 600),
    row('*', 400, true),
    row('apac', null),
    row('latam', 300),
    row('Nordics', 50),
  ];
  const order = (sort: RowSort) => sortTeamRows(rows, sort).map((r) => r.value);

  it('is by name by default, case aside, the all row first and no value last', () => {
    expect(order(BY_NAME)).toEqual(['*', 'apac', 'emea', 'latam', 'Nordics', 'us', '-']);
    expect(order({ column: 'name', direction: 'descending' })).toEqual([
      '*',
      'us',
      'Nordics',
      'latam',
      'emea',
      'apac',
      '-',
    ]);
  });

  it('orders names with numbers by their numbers', () => {
    const queues = ['queue 10', 'queue 2', 'queue 1'].map((v) => row(v, null));
    expect(sortTeamRows(queues, BY_NAME).map((r) => r.value)).toEqual([
      'queue 1',
      'queue 2',
      'queue 10',
    ]);
  });

  it('is by a figure either way, rows without it last, ties by name', () => {
    const by = (direction: RowSort['direction']) =>
      order({ column: 'firstResponseP90', direction });
    expect(by('ascending')).toEqual(['*', 'Nordics', '-', 'latam', 'us', 'emea', 'apac']);
    expect(by('descending')).toEqual(['*', 'emea', 'latam', 'us', '-', 'Nordics', 'apac']);
  });

  it('turns around on a second click of the same heading, and starts ascending on another', () => {
    const byBreaches = nextSort(BY_NAME, 'breaches');
    expect(byBreaches).toEqual({ column: 'breaches', direction: 'ascending' });
    expect(nextSort(byBreaches, 'breaches')).toEqual({
      column: 'breaches',
      direction: 'descending',
    });
    expect(nextSort(BY_NAME, 'name')).toEqual({ column: 'name', direction: 'descending' });
  });
});

describe('the choices of a token', () => {
  const session = (teams: string[] | null): Session => ({
    name: 'wall',
    scopes: ['read'],
    teams,
    windows: ['1h'],
    choices: { team: [], queue: [] },
  });

  it('offer every dimension to a token of all teams, and only team to one limited to teams', () => {
    expect(dimensionsFor(session(null))).toEqual(['team', 'queue', 'policy', 'customerTier']);
    expect(dimensionsFor(session(['emea']))).toEqual(['team']);
  });
});

describe('the address of the Teams page', () => {
  it('is ?page=teams, beside the query it had', () => {
    expect(pageFromSearch('?page=teams')).toBe('teams');
    expect(searchForPage('?tv=1', 'teams')).toBe('?tv=1&page=teams');
  });
});

describe('reading a metrics answer', () => {
  it('takes its instants, and refuses an answer without its values', () => {
    const read = parseMetricsAnswer({
      at: '2026-12-07T10:00:00.000Z',
      from: '2026-12-07T09:01:00.000Z',
      window: '1h',
      dimension: 'team',
      values: {},
    });
    expect([read.at, read.from]).toEqual([
      Date.parse('2026-12-07T10:00:00Z'),
      Date.parse('2026-12-07T09:01:00Z'),
    ]);
    expect(() => parseMetricsAnswer({ window: '1h', dimension: 'team' })).toThrow(MalformedAnswer);
  });
});
