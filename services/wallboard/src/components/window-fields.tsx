import type { WindowForm } from '../backtest/backtest-window';
import type { WhatIfStore } from '../state/what-if-store';

const zone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The stretch of history whose clock outcomes the backtest compares. */
export function WindowFields({
  store,
  disabled,
}: {
  readonly store: WhatIfStore;
  readonly disabled: boolean;
}) {
  const form = store.window.value;
  const set = (change: Partial<WindowForm>) => store.setWindow({ ...form, ...change });
  return (
    <fieldset class="window-fields" disabled={disabled}>
      <legend>Window</legend>
      <div class="checks">
        <label class="check">
          <input
            type="radio"
            name="windowMode"
            value="span"
            checked={form.mode === 'span'}
            onChange={() => set({ mode: 'span' })}
          />
          A span before the end
        </label>
        <label class="check">
          <input
            type="radio"
            name="windowMode"
            value="since"
            checked={form.mode === 'since'}
            onChange={() => set({ mode: 'since' })}
          />
          From a start time
        </label>
      </div>
      <div class="form-row">
        {form.mode === 'span' ? (
          <label class="control">
            <span>Span (90m, 12h, 7d)</span>
            <input
              name="span"
              value={form.span}
              size={8}
              spellcheck={false}
              onInput={(e) => set({ span: e.currentTarget.value })}
            />
          </label>
        ) : (
          <label class="control">
            <span>Start</span>
            <input
              type="datetime-local"
              name="since"
              value={form.since}
              onInput={(e) => set({ since: e.currentTarget.value })}
            />
          </label>
        )}
        <label class="control">
          <span>End (empty: now)</span>
          <input
            type="datetime-local"
            name="until"
            value={form.until}
            onInput={(e) => set({ until: e.currentTarget.value })}
          />
        </label>
      </div>
      <p class="hint">
        Times are in your time zone ({zone()}). Clocks that were met or breached in the window
        count; every ticket is folded from its whole history.
      </p>
    </fieldset>
  );
}
