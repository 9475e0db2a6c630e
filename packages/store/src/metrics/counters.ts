import type { Field } from './field-names.js';

/** Fields a bucket hash's counters are found by a scan of; past it, by a map. */
const SCANNED = 48;

/**
 * A bucket or gauge hash's increments in a batch: field to change, in the order first
 * changed. Its fields come from the field cache (field-names.ts), each with a number of its
 * own, so they are kept in arrays and found by a scan of those numbers: a hash gets about
 * seven fields a batch and rarely more than SCANNED (bench:pipeline). A map per hash,
 * grown field by field and searched by name, was the increments' costliest lookup and
 * allocation (issue 18). Past SCANNED fields (a busy hour of `all`) a map takes over.
 */
export class Counters {
  private readonly ids: number[] = [];
  private readonly fields: string[] = [];
  private readonly changes: number[] = [];
  private byId: Map<number, number> | null = null;

  get size(): number {
    return this.ids.length;
  }

  add(field: Field, delta: number): void {
    const at = this.find(field.id);
    if (at >= 0) {
      this.changes[at]! += delta;
      return;
    }
    this.ids.push(field.id);
    this.fields.push(field.quoted);
    this.changes.push(delta);
    if (this.byId !== null) this.byId.set(field.id, this.ids.length - 1);
    else if (this.ids.length > SCANNED) this.byId = new Map(this.ids.map((id, i) => [id, i]));
  }

  /** The fields whose changes did not cancel out, as `"field":change,...` (JSON members). */
  members(): string {
    let json = '';
    for (let i = 0; i < this.ids.length; i++) {
      const n = this.changes[i]!;
      if (n !== 0) json += json === '' ? `${this.fields[i]}:${n}` : `,${this.fields[i]}:${n}`;
    }
    return json;
  }

  private find(id: number): number {
    if (this.byId !== null) return this.byId.get(id) ?? -1;
    const { ids } = this;
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
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
