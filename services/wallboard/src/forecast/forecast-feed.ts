import { batch, signal } from '@preact/signals';
import type { ForecastAnswer } from '../api/forecast-answer';

/** Why the last request for the forecast failed. */
export interface ForecastProblem {
  readonly message: string;
}

/**
 * The breach forecast of the board's scope as the page last read it. Unlike the live
 * lists it is asked for (pollForecast), since the gateway recomputes it once a minute and
 * does not push it.
 */
export class ForecastFeed {
  /** Null until the first answer for the current scope. */
  readonly answer = signal<ForecastAnswer | null>(null);
  /** The last request failed: the answer shown, if any, is older than it should be. */
  readonly problem = signal<ForecastProblem | null>(null);

  /** The scope changed: another scope's rows must never show under the new title. */
  reset(): void {
    batch(() => {
      this.answer.value = null;
      this.problem.value = null;
    });
  }

  received(answer: ForecastAnswer): void {
    batch(() => {
      this.answer.value = answer;
      this.problem.value = null;
    });
  }

  failed(message: string): void {
    this.problem.value = { message };
  }
}
