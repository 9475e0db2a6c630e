import { computed, effect, untracked } from '@preact/signals';
import { ApiError, type ApiClient } from '../api/api-client';
import { parseForecastAnswer } from '../api/forecast-answer';
import { MalformedAnswer } from '../api/json-reader';
import { serverNow } from '../clock/now';
import type { BoardStore } from '../state/board-store';
import { scopeKey, type Scope } from '../state/scope';
import { forecastPath } from './forecast-path';
import type { ForecastFeed } from './forecast-feed';
import { nextPollDelay } from './next-poll-delay';

/** After a failed request: sooner than a minute, so a gateway back up shows soon. */
export const FORECAST_RETRY_MS = 15_000;

export interface ForecastPolling {
  readonly api: Pick<ApiClient, 'send'>;
  readonly store: BoardStore;
  readonly feed: ForecastFeed;
}

function problemText(error: unknown): string {
  if (error instanceof MalformedAnswer) return error.message;
  if (error instanceof ApiError) {
    // A gateway started without the timer sets has no such route (gateway.ts).
    if (error.status === 404) return 'this gateway does not forecast breaches';
    // Without a message of its own, the error reads "HTTP 502" already.
    return error.status === 0 || error.message.startsWith('HTTP ')
      ? error.message
      : `${error.message} (${error.status})`;
  }
  return String(error);
}

/**
 * Keeps `feed` holding the forecast of the board's scope: asked for at once when the scope
 * changes (not the window: the forecast has none), then about once a minute, when the
 * gateway has a new one (nextPollDelay). A live delta does not ask again: the forecast
 * changes only once a minute, and a busy board would otherwise ask many times a second.
 *
 * @returns a function that stops it.
 */
export function pollForecast({ api, store, feed }: ForecastPolling): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Answers to a request made for an earlier scope, or after stopping, are dropped.
  let generation = 0;
  // A string, so that a new view of the same scope (another window) is no change.
  const scopeChange = computed(() => scopeKey(store.view.value.scope));

  const ask = (scope: Scope, asked: number) => {
    const later = (ms: number) => {
      timer = setTimeout(() => ask(scope, asked), ms);
    };
    api
      .send('GET', forecastPath(scope))
      .then(parseForecastAnswer)
      .then(
        (answer) => {
          if (asked !== generation) return;
          feed.received(answer);
          later(nextPollDelay(answer.computedAt, serverNow()));
        },
        (error: unknown) => {
          if (asked !== generation) return;
          feed.failed(problemText(error));
          later(FORECAST_RETRY_MS);
        },
      );
  };

  const stopWatching = effect(() => {
    void scopeChange.value;
    untracked(() => {
      clearTimeout(timer);
      generation++;
      feed.reset();
      ask(store.view.peek().scope, generation);
    });
  });
  return () => {
    generation++;
    clearTimeout(timer);
    stopWatching();
  };
}
