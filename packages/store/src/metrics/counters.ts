import type { Field } from './field-names.js';

/** Fields a bucket hash's counters are found by a scan of; past it, by a map. */
const SCANNED = 48;

/**
 * A bucket or gauge hash's increments in a batch: field to change, in the order first
 * changed. Its fields come from the field cache (field-names.ts), each with a number of its
 * own, so they are kept in one array and found by a scan of those numbers: a hash gets
 * about seven fields a batch on average (bench:pipeline). A map per hash, grown field by
 * field and searched by name, was the increments' costliest lookup and allocation (issue
 * 18). Past SCANNED fields (a busy hour of `all`) a map takes over.
 */
export class Counters {
  /**
   * `[id, field as JSON, change]` for each field, flat in one array: three arrays, each
   * grown from empty, were three times the allocation for a hash of a few fields.
   */
  private readonly entries: (number | string)[] = [];
  /** Each field's place in `entries`, once there are more than SCANNED. */
  private byId: Map<number, number> | null = null;

  get size(): number {
    return this.entries.length / 3;
  }

  add(field: Field, delta: number): void {
    const at = this.find(field.id);
    if (at >= 0) {
      (this.entries[at + 2] as number) += delta;
      return;
    }
    this.entries.push(field.id, field.quoted, delta);
    const place = this.entries.length - 3;
    if (this.byId !== null) this.byId.set(field.id, place);
    else if (place >= SCANNED * 3) {
      this.byId = new Map();
      for (let i = 0; i < this.entries.length; i += 3) this.byId.set(this.entries[i] as number, i);
    }
  }

  /** The fields whose changes did not cancel out, as `"field":change,...` (JSON members). */
  members(): string {
    const { entries } = this;
    let json = '';
    for (let i = 0; i < entries.length; i += 3) {
      const n = entries[i + 2] as number;
      if (n !== 0) json += `${json === '' ? '' : ','}${entries[i + 1] as string}:${n}`;
    }
    return json;
  }

  /** The place of field `id` in `entries`, or -1. */
  private find(id: number): number {
    if (this.byId !== null) return this.byId.get(id) ?? -1;
    const { entries } = this;
    for (let i = 0; i < entries.length; i += 3) if (entries[i] === id) return i;
    return -1;
  }
}

/** A hash's increments by field name (the SLA series, the drill-down ticket sets). */
export class NamedCounters {
  private readonly changes = new Map<string, number>();

  get size(): number {
    return this.changes.size;
  }

  add(name: string, delta: number): void {
    this.changes.set(name, (this.changes.get(name) ?? 0) + delta);
  }

  /** As Counters.members. */
  members(): string {
    let json = '';
    for (const [name, n] of this.changes)
      if (n !== 0) json += `${json === '' ? '' : ','}${JSON.stringify(name)}:${n}`;
    return json;
  }
}
