import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import type { Session } from '../api/session';
import { useRotation } from '../hooks/use-rotation';
import { useShortcuts } from '../hooks/use-shortcuts';
import { ForecastFeed } from '../forecast/forecast-feed';
import { pollForecast } from '../forecast/poll-forecast';
import { connectBoard } from '../live/connect-board';
import type { DrillRequest } from '../drill-down/drill-query';
import { LiveData } from '../live/live-data';
import { FOLLOW_UP_DAYS } from '../live/subscriptions-for';
import { BoardStore } from '../state/board-store';
import { toggleTheme } from '../state/theme';
import { windowLabel } from '../state/window-minutes';
import { AtRiskTable } from './at-risk-table';
import { BoardHeader, type DialogName } from './board-header';
import { BreachFeed } from './breach-feed';
import { ConnectionBanner } from './connection-banner';
import { DrillDown } from './drill-down';
import { ForecastCaption } from './forecast-caption';
import { FollowUpList } from './follow-up-list';
import { ForecastTable } from './forecast-table';
import { LinkDialog } from './link-dialog';
import { SaveViewDialog } from './save-view-dialog';
import { SettingsDialog } from './settings-dialog';
import { TileGrid } from './tile-grid';
import { TvBar } from './tv-bar';
import { viewTitle } from './view-title';
import { ViewErrors } from './view-errors';

export interface BoardProps {
  readonly api: ApiClient;
  readonly session: Session;
  /** Ends the session: back to sign-in, with a reason when it was not asked for. */
  readonly signOut: (message?: string) => void;
}

/** The wallboard: figures, lists and the live connection that keeps them current. */
export function Board({ api, session, signOut }: BoardProps) {
  const store = useMemo(() => new BoardStore(session), [session]);
  const data = useMemo(() => new LiveData(), []);
  const forecast = useMemo(() => new ForecastFeed(), []);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const readRoute = useCallback((path: string) => api.send('GET', path), [api]);

  useEffect(() => () => store.dispose(), [store]);
  useEffect(() => connectBoard({ api, store, data, signOut }), [api, store, data, signOut]);
  useEffect(() => pollForecast({ api, store, feed: forecast }), [api, store, forecast]);

  const mode = store.mode.value;
  const tv = mode === 'tv';
  useEffect(() => {
    // On <html> too, so that TV mode can scale the root font size (every rem) with it.
    document.body.dataset.mode = document.documentElement.dataset.mode = mode;
  }, [mode]);

  const shortcuts = useMemo(
    () => ({
      t: () => (store.mode.value = store.mode.value === 'tv' ? 'laptop' : 'tv'),
      Escape: () => (store.mode.value = 'laptop'),
      d: toggleTheme,
      '[': () => store.step(-1),
      ']': () => store.step(1),
    }),
    [store],
  );
  useShortcuts(shortcuts);
  useRotation(store, tv, store.savedViews.value.length);

  const view = store.view.value;
  const live = data.status.value === 'live';
  const close = () => setDialog(null);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to the figures
      </a>
      {tv ? (
        <TvBar store={store} data={data} />
      ) : (
        <BoardHeader store={store} data={data} openDialog={setDialog} signOut={() => signOut()} />
      )}
      <ConnectionBanner data={data} />
      <main id="main" tabIndex={-1} class="board" data-live={live ? 'true' : 'false'}>
        <h1 class="view-title">{viewTitle(view)}</h1>
        <ViewErrors data={data} />
        <section class="tiles-section" aria-labelledby="figures-heading">
          <h2 id="figures-heading" class="visually-hidden">
            Figures
          </h2>
          <TileGrid store={store} data={data} {...(tv ? {} : { onOpen: setDrill })} />
        </section>
        <div class="lists">
          <section class="list-section at-risk-section" aria-labelledby="at-risk-heading">
            <h2 id="at-risk-heading">At risk now</h2>
            <div class="list-body">
              <AtRiskTable store={store} data={data} />
            </div>
          </section>
          <section class="list-section forecast-section" aria-labelledby="forecast-heading">
            <h2 id="forecast-heading">Likely to breach</h2>
            <div class="list-body">
              <ForecastTable store={store} feed={forecast} />
            </div>
            <ForecastCaption feed={forecast} />
          </section>
          <section class="list-section breaches-section" aria-labelledby="breaches-heading">
            <h2 id="breaches-heading">Breaches · {windowLabel(view.window)}</h2>
            <div class="list-body">
              <BreachFeed data={data} />
            </div>
          </section>
          <section class="list-section follow-ups-section" aria-labelledby="follow-ups-heading">
            <h2 id="follow-ups-heading">Follow-ups · last {FOLLOW_UP_DAYS} d</h2>
            <div class="list-body">
              <FollowUpList store={store} data={data} />
            </div>
          </section>
        </div>
      </main>
      {dialog === 'settings' && <SettingsDialog store={store} onClose={close} />}
      {dialog === 'saveView' && <SaveViewDialog store={store} onClose={close} />}
      {dialog === 'link' && <LinkDialog store={store} api={api} onClose={close} />}
      {drill !== null && !tv && (
        <DrillDown
          request={drill}
          readRoute={readRoute}
          ticketUrl={store.ticketUrl.value}
          onClose={() => setDrill(null)}
        />
      )}
    </>
  );
}
