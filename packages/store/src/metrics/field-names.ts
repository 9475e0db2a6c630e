import { hourShards, shardOf } from './bucket-shards.js';

/**
 * A ticket's value of one dimension as the increments use it: its hour shard
 * (bucket-shards.ts) and its fields' names `<value>|<counter>`, each worked out once.
 */
export interface DimensionValue {
  readonly dimension: number;
  readonly value: string;
  readonly shard: number;
  /** Its fields, by their counter's number (CounterName.id). */
  readonly fields: (Field | undefined)[];
}

/** A counter of a value's bucket (`<code>.n`, `<code>.b<bin>`, a gauge code), numbered. */
export interface CounterName {
  readonly name: string;
  readonly id: number;
}

/**
 * Every counter named so far. They come from the engine's fact and gauge codes and the
 * histogram's bins, a few hundred in all whatever the traffic, so they are kept for the
 * life of the process and their numbers never change: a value's fields are found by them.
 */
const COUNTERS = new Map<string, CounterName>();

/** The counter called `name`, numbered on first use. */
export function counterNamed(name: string): CounterName {
  let counter = COUNTERS.get(name);
  if (counter === undefined) COUNTERS.set(name, (counter = { name, id: COUNTERS.size }));
  return counter;
}

/** A hash field's name, the same as a JSON string for the metrics script, and a number. */
export interface Field {
  readonly name: string;
  readonly quoted: string;
  /** Unique in the process, for the increments to find the field by (counters.ts). */
  readonly id: number;
}

/** The next Field's id: never reused, not even after FieldNames starts again. */
let nextId = 0;

/**
 * Dimension values and field names kept at most (some 30 MB): a few hundred values with
 * their few hundred counters fit many times over. Past either, everything starts again, so
 * a flood of values costs names made again, never memory.
 */
const MAX_VALUES = 50_000;
const MAX_NAMES = 200_000;

/**
 * The dimension values and field names of the metric increments, kept from batch to
 * batch: every fact of a batch adds to a field of each of its ticket's dimension values,
 * and the values are a few hundred, so their names, shards and JSON are made once and
 * found again by a lookup (the increments were the tracker's hottest code, bench:pipeline
 * profile, issue 18).
 */
export class FieldNames {
  private readonly byDimension: Map<string, DimensionValue>[] = [];
  private valueCount = 0;
  private nameCount = 0;

  /** The values of `dims` but the dimension `skip` (-1: none), in dimension order. */
  values(dims: readonly string[], skip: number): DimensionValue[] {
    const out: DimensionValue[] = [];
    for (let d = 0; d < dims.length; d++) {
      if (d === skip) continue;
      const value = dims[d]!;
      if (this.valueCount >= MAX_VALUES) this.forget();
      let cache = this.byDimension[d];
      if (cache === undefined) this.byDimension[d] = cache = new Map<string, DimensionValue>();
      let found = cache.get(value);
      if (found === undefined) {
        this.valueCount += 1;
        const shard = shardOf(value, hourShards(d));
        cache.set(value, (found = { dimension: d, value, shard, fields: [] }));
      }
      out.push(found);
    }
    return out;
  }

  /** The field `<value>|<counter>` of a dimension value. */
  field(value: DimensionValue, counter: CounterName): Field {
    let field = value.fields[counter.id];
    if (field === undefined) {
      if (this.nameCount >= MAX_NAMES) this.forget();
      this.nameCount += 1;
      const name = `${value.value}|${counter.name}`;
      value.fields[counter.id] = field = { name, quoted: JSON.stringify(name), id: nextId++ };
    }
    return field;
  }

  /** Starts again; the values handed out stay valid, they are only no longer shared. */
  private forget(): void {
    this.byDimension.length = 0;
    this.valueCount = 0;
    this.nameCount = 0;
  }
}
