import { describe, expect, it } from 'vitest';
import { BUCKET_DIMENSIONS } from '@slawatch/core';
import { hourShards, shardOf } from '../src/metrics/bucket-shards.js';
import { counterNamed, FieldNames } from '../src/metrics/field-names.js';

const TEAM = BUCKET_DIMENSIONS.indexOf('team');

describe('the increments field names kept from batch to batch', () => {
  it('names a field <value>|<counter>, with its JSON and the value hour shard', () => {
    const names = new FieldNames();
    const dims = BUCKET_DIMENSIONS.map((_, d) => (d === TEAM ? 'emea "west"' : `v${d}`));
    const values = names.values(dims, -1);
    const team = values.find((v) => v.dimension === TEAM)!;
    expect(team.shard).toBe(shardOf('emea "west"', hourShards(TEAM)));
    const field = names.field(team, counterNamed('fr.s'));
    expect(field.name).toBe('emea "west"|fr.s');
    expect(JSON.parse(field.quoted)).toBe(field.name);
    // Asked again, in this batch or a later one: the same, not made again.
    expect(
      names.field(
        names.values(dims, -1).find((v) => v.dimension === TEAM)!,
        counterNamed('fr.s'),
      ),
    ).toBe(field);
    // Another counter of the same value, and the same counter of another value: their own.
    const other = names.field(team, counterNamed('fr.n'));
    expect(other.name).toBe('emea "west"|fr.n');
    const queue = names.values(dims, -1).find((v) => v.dimension !== TEAM)!;
    expect(names.field(queue, counterNamed('fr.s')).name).toBe(`${queue.value}|fr.s`);
    // Every field its own number, for the increments to find it by.
    expect(new Set([field.id, other.id, names.field(queue, counterNamed('fr.s')).id]).size).toBe(3);
  });

  it('numbers each counter once for the process', () => {
    expect(counterNamed('fr.s')).toBe(counterNamed('fr.s'));
    expect(counterNamed('fr.s').id).not.toBe(counterNamed('fr.n').id);
  });

  it('leaves out the skipped dimension and keeps the others in dimension order', () => {
    const names = new FieldNames();
    const dims = BUCKET_DIMENSIONS.map((_, d) => `v${d}`);
    const values = names.values(dims, TEAM);
    expect(values.map((v) => v.dimension)).toEqual(
      BUCKET_DIMENSIONS.map((_, d) => d).filter((d) => d !== TEAM),
    );
    expect(values.map((v) => v.value)).toEqual(dims.filter((_, d) => d !== TEAM));
  });

  it('starts again past its bound, so a flood of values cannot grow it for ever', () => {
    const names = new FieldNames();
    const first = names.values(['a'], -1)[0]!;
    expect(names.values(['a'], -1)[0]).toBe(first);
    // 50,000 values at most: one more and the first is made again (equal, not the same).
    for (let i = 0; i < 50_000; i++) names.values([`flood-${i}`], -1);
    const again = names.values(['a'], -1)[0]!;
    expect(again).not.toBe(first);
    expect(again).toEqual({ ...first, fields: [] });
  });
});
