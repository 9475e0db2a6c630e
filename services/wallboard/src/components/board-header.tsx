import { isAdmin } from '../api/session';
import type { LiveData } from '../live/live-data';
import type { BoardStore } from '../state/board-store';
import { parseScopeKey, scopeKey } from '../state/scope';
import { theme, toggleTheme } from '../state/theme';
import { windowLabel } from '../state/window-minutes';
import { PageNav } from './page-nav';
import { UpdatedAt } from './updated-at';
import { ChoiceSelect } from './choice-select';

/** Which dialog the header opens. */
export type DialogName = 'settings' | 'link' | 'saveView';

export interface BoardHeaderProps {
  readonly store: BoardStore;
  readonly data: LiveData;
  readonly openDialog: (name: DialogName) => void;
  readonly signOut: () => void;
}

/** The laptop layout's controls: what to show, how, and the way out. */
export function BoardHeader({ store, data, openDialog, signOut }: BoardHeaderProps) {
  const view = store.view.value;
  const choices = store.scopeChoices.value;
  const saved = store.savedViews.value;
  const current = store.currentSaved.value;
  const session = store.session;
  return (
    <header class="board-header">
      <div class="brand">
        <span class="brand-name">slawatch</span>
        <span class="who">{session.name}</span>
      </div>
      <PageNav />
      <div class="controls" role="group" aria-label="View">
        <label class="control">
          <span>Saved view</span>
          <select
            name="view"
            value={current?.name ?? ''}
            onChange={(e) => {
              const picked = saved.find((v) => v.name === e.currentTarget.value);
              if (picked) store.show(picked);
            }}
          >
            <option value="">{saved.length === 0 ? 'none saved' : '(not saved)'}</option>
            {saved.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        {current ? (
          <button type="button" onClick={() => store.deleteView(current.name)}>
            Forget view
          </button>
        ) : (
          <button type="button" onClick={() => openDialog('saveView')}>
            Save view
          </button>
        )}
        <label class="control">
          <span>Scope</span>
          <select
            name="scope"
            value={scopeKey(view.scope)}
            onChange={(e) => {
              const scope = parseScopeKey(e.currentTarget.value);
              if (scope) store.show({ scope });
            }}
          >
            {choices.all && <option value="all">All teams</option>}
            {choices.teams.length > 0 && (
              <optgroup label="Teams">
                {choices.teams.map((t) => (
                  <option key={t} value={scopeKey({ kind: 'team', value: t })}>
                    {t}
                  </option>
                ))}
              </optgroup>
            )}
            {choices.queues.length > 0 && (
              <optgroup label="Queues">
                {choices.queues.map((q) => (
                  <option key={q} value={scopeKey({ kind: 'queue', value: q })}>
                    {q}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <ChoiceSelect
          label="Window"
          name="window"
          value={view.window}
          choices={session.windows}
          labelOf={windowLabel}
          onChoose={(w) => store.show({ window: w })}
        />
      </div>
      <div class="actions">
        <UpdatedAt data={data} />
        <button
          type="button"
          onClick={toggleTheme}
          aria-pressed={theme.value === 'dark'}
          title="Dark theme (d)"
        >
          Dark
        </button>
        <button type="button" onClick={() => (store.mode.value = 'tv')} title="TV mode (t)">
          TV mode
        </button>
        <button type="button" onClick={() => openDialog('settings')}>
          Limits…
        </button>
        {isAdmin(session) && (
          <button type="button" onClick={() => openDialog('link')}>
            Wallboard link…
          </button>
        )}
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
