import { useState } from 'preact/hooks';
import type { BoardStore } from '../state/board-store';
import type { Limits } from '../state/level';
import type { Thresholds } from '../state/thresholds';
import { inputUnit, limitFromInput, limitToInput } from '../tiles/figure-unit';
import { TILE_SPECS } from '../tiles/tile-specs';
import type { TileKey } from '../tiles/tile-key';
import { ModalDialog } from './modal-dialog';

type Drafts = Record<TileKey, { warn: string; critical: string }>;

const draftsOf = (thresholds: Thresholds): Drafts =>
  Object.fromEntries(
    TILE_SPECS.map((s) => [
      s.key,
      {
        warn: limitToInput(s.unit, thresholds[s.key].warn),
        critical: limitToInput(s.unit, thresholds[s.key].critical),
      },
    ]),
  ) as Drafts;

/**
 * The supervisor's limits for every tile: when it turns "warn" and "critical". Which side
 * is bad is fixed per metric (attainment is bad low, waits are bad high) and shown.
 */
export function SettingsDialog({
  store,
  onClose,
}: {
  readonly store: BoardStore;
  readonly onClose: () => void;
}) {
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(store.thresholds.value));
  const [invalid, setInvalid] = useState<readonly string[]>([]);

  const edit = (key: TileKey, field: 'warn' | 'critical', text: string) =>
    setDrafts({ ...drafts, [key]: { ...drafts[key], [field]: text } });

  const save = (event: Event) => {
    event.preventDefault();
    const bad: string[] = [];
    const next: Partial<Record<TileKey, Limits>> = {};
    for (const spec of TILE_SPECS) {
      const warn = limitFromInput(spec.unit, drafts[spec.key].warn);
      const critical = limitFromInput(spec.unit, drafts[spec.key].critical);
      if (warn === undefined || critical === undefined) bad.push(spec.key);
      else next[spec.key] = { warn, critical };
    }
    setInvalid(bad);
    if (bad.length > 0) return;
    store.setThresholds(next as Thresholds);
    onClose();
  };

  const reset = () => {
    store.resetThresholds();
    setDrafts(draftsOf(store.thresholds.value));
    setInvalid([]);
  };

  return (
    <ModalDialog title="Tile limits" onClose={onClose} wide>
      <form onSubmit={save} class="settings">
        <p class="hint">
          A tile turns <b>warn</b> or <b>critical</b> past its limit. Leave a field empty for no
          limit. Kept on this device.
        </p>
        {invalid.length > 0 && (
          <p role="alert" class="form-error">
            Some limits are not numbers: fix the fields marked in red.
          </p>
        )}
        <table class="limits">
          <thead>
            <tr>
              <th scope="col">Tile</th>
              <th scope="col">Bad when</th>
              <th scope="col">Warn</th>
              <th scope="col">Critical</th>
              <th scope="col">Unit</th>
            </tr>
          </thead>
          <tbody>
            {TILE_SPECS.map((spec) => {
              const wrong = invalid.includes(spec.key);
              const field = (which: 'warn' | 'critical') => (
                <input
                  type="text"
                  inputMode="decimal"
                  name={`${spec.key}.${which}`}
                  aria-label={`${spec.title}: ${which} limit`}
                  aria-invalid={
                    wrong && limitFromInput(spec.unit, drafts[spec.key][which]) === undefined
                  }
                  value={drafts[spec.key][which]}
                  onInput={(e) => edit(spec.key, which, e.currentTarget.value)}
                  size={6}
                />
              );
              return (
                <tr key={spec.key}>
                  <th scope="row">{spec.title}</th>
                  <td>{spec.direction === 'below' ? 'below' : 'at or above'}</td>
                  <td>{field('warn')}</td>
                  <td>{field('critical')}</td>
                  <td>{inputUnit(spec.unit)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div class="dialog-actions">
          <button type="button" onClick={reset}>
            Reset to defaults
          </button>
          <span class="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Save
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
