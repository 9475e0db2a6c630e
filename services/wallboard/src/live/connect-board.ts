import { batch, effect, untracked } from '@preact/signals';
import { ApiError, type ApiClient } from '../api/api-client';
import { policyCalendars } from '../api/policy-calendars';
import { ticketUrlTemplate } from '../backtest/ticket-link';
import { setServerOffset } from '../clock/now';
import type { BoardStore } from '../state/board-store';
import { LiveConnection } from './live-connection';
import type { LiveData } from './live-data';
import { subscriptionsFor } from './subscriptions-for';

export interface BoardConnection {
  readonly api: ApiClient;
  readonly store: BoardStore;
  readonly data: LiveData;
  /** The token is no good any more: back to the sign-in form with this message. */
  readonly signOut: (message: string) => void;
}

/**
 * Wires the board to the gateway: one live connection carrying the five subscriptions of
 * the current view (sent again under the same ids whenever the view changes), and the
 * policy calendars and ticket links, read again on every new connection since a gateway
 * restart may have brought a new policy document.
 *
 * @returns a function that closes everything.
 */
export function connectBoard({ api, store, data, signOut }: BoardConnection): () => void {
  let closed = false;
  const loadCalendars = () =>
    api.policies().then(
      (doc) => {
        if (closed) return;
        batch(() => {
          store.calendars.value = policyCalendars(doc);
          store.ticketUrl.value = ticketUrlTemplate(doc);
        });
      },
      // Countdowns use wall-clock time (and say so) until a later connection reads them.
      () => undefined,
    );

  const connection = new LiveConnection({
    url: api.liveUrl(),
    events: {
      status(status) {
        data.setStatus(status);
        if (status === 'live') void loadCalendars();
      },
      message(message, receivedAt) {
        if (message.type === 'heartbeat') setServerOffset(Date.parse(message.at) - receivedAt);
        data.apply(message, receivedAt);
      },
      refused() {
        // The browser hides a refused upgrade's status: ask the REST API about the token.
        api.session().catch((error: unknown) => {
          if (closed || !(error instanceof ApiError)) return;
          if (error.status === 401) signOut('That token is no longer valid (401). Sign in again.');
          else if (error.status === 403)
            signOut('That token may not read the live stream (403). Sign in with another.');
        });
      },
      revoked() {
        signOut('This token was revoked. Sign in with another one.');
      },
    },
  });

  const stopSubscribing = effect(() => {
    const view = store.view.value;
    // Only the view is this effect's business: what `expect` reads must not re-run it.
    untracked(() => {
      data.expect(view);
      for (const [id, request] of Object.entries(subscriptionsFor(view)))
        connection.subscribe(id, request);
    });
  });
  const online = () => connection.retryNow();
  window.addEventListener('online', online);
  connection.start();

  return () => {
    closed = true;
    window.removeEventListener('online', online);
    stopSubscribing();
    connection.stop();
  };
}
