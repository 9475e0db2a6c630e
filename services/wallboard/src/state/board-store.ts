import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { BusinessCalendar } from '@slawatch/core';
import type { Session } from '../api/session';
import { TILE_SPECS } from '../tiles/tile-specs';
import { sameView, type BoardView } from './board-view';
import { parsePreferences, type Mode } from './preferences';
import { resolveView } from './resolve-view';
import { parseSavedViews, serializeSavedViews, stepSavedView, type SavedView } from './saved-views';
import { parseScopeKey, scopeKey, type Scope } from './scope';
import { parseThresholds, type Thresholds } from './thresholds';
import { readItem, STORAGE_KEYS, writeItem } from './web-storage';

/** What the scope selector offers. */
export interface ScopeChoices {
  readonly all: boolean;
  readonly teams: readonly string[];
  readonly queues: readonly string[];
}

/**
 * The board's own state (what to show and how), apart from the data: the view, the mode,
 * the saved views and the limits, each kept on this device as it changes.
 */
export class BoardStore {
  readonly view: Signal<BoardView>;
  readonly mode: Signal<Mode>;
  readonly savedViews = signal<readonly SavedView[]>(
    parseSavedViews(readItem('local', STORAGE_KEYS.views)),
  );
  readonly thresholds = signal<Thresholds>(
    parseThresholds(readItem('local', STORAGE_KEYS.thresholds), TILE_SPECS),
  );
  /** Each policy's business calendar; null until the policy document has been read. */
  readonly calendars = signal<ReadonlyMap<string, BusinessCalendar> | null>(null);
  /** The helpdesk's ticket page (`alerting.ticketUrl`) of that document; null without one. */
  readonly ticketUrl = signal<string | null>(null);
  readonly rotateSeconds: number;
  readonly scopeChoices: ReadonlySignal<ScopeChoices>;
  /** The saved view being shown, if the view is one. */
  readonly currentSaved: ReadonlySignal<SavedView | null>;
  private readonly stopPersisting: () => void;

  constructor(readonly session: Session) {
    const prefs = parsePreferences(readItem('local', STORAGE_KEYS.prefs));
    const scope = prefs.scope === undefined ? null : parseScopeKey(prefs.scope);
    this.view = signal(resolveView({ scope, window: prefs.window }, session));
    this.mode = signal(prefs.mode);
    this.rotateSeconds = prefs.rotateSeconds;
    this.scopeChoices = computed(() => this.choicesFor(this.view.value.scope));
    this.currentSaved = computed(
      () => this.savedViews.value.find((v) => sameView(v, this.view.value)) ?? null,
    );
    this.stopPersisting = effect(() => {
      const { scope, window } = this.view.value;
      const stored = parsePreferences(readItem('local', STORAGE_KEYS.prefs));
      writeItem(
        'local',
        STORAGE_KEYS.prefs,
        JSON.stringify({ ...stored, mode: this.mode.value, scope: scopeKey(scope), window }),
      );
    });
  }

  dispose(): void {
    this.stopPersisting();
  }

  /** Shows a view, narrowed to what the token may see. */
  show(view: { readonly scope?: Scope; readonly window?: string }): void {
    const next = resolveView({ ...this.view.value, ...view }, this.session);
    if (!sameView(next, this.view.value)) this.view.value = next;
  }

  step(direction: 1 | -1): void {
    const next = stepSavedView(this.savedViews.value, this.view.value, direction);
    if (next) this.show(next);
  }

  /** Saves the current view under a name (replacing one of that name). */
  saveView(name: string): void {
    const view: SavedView = { name, ...this.view.value };
    const others = this.savedViews.value.filter((v) => v.name !== name);
    this.setSavedViews([...others, view]);
  }

  deleteView(name: string): void {
    this.setSavedViews(this.savedViews.value.filter((v) => v.name !== name));
  }

  setThresholds(thresholds: Thresholds): void {
    this.thresholds.value = thresholds;
    writeItem('local', STORAGE_KEYS.thresholds, JSON.stringify(thresholds));
  }

  resetThresholds(): void {
    writeItem('local', STORAGE_KEYS.thresholds, null);
    this.thresholds.value = parseThresholds(null, TILE_SPECS);
  }

  private setSavedViews(views: readonly SavedView[]): void {
    this.savedViews.value = views;
    writeItem('local', STORAGE_KEYS.views, serializeSavedViews(views));
  }

  private choicesFor(current: Scope): ScopeChoices {
    const { teams, choices } = this.session;
    const withCurrent = (list: readonly string[], kind: 'team' | 'queue') =>
      current.kind === kind && !list.includes(current.value) ? [...list, current.value] : list;
    if (teams !== null) return { all: false, teams: [...teams], queues: [] };
    return {
      all: true,
      teams: withCurrent(choices.team, 'team'),
      queues: withCurrent(choices.queue, 'queue'),
    };
  }
}
