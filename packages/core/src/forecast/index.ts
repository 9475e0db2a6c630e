export { FORECAST_SOURCE, type ForecastSource } from './forecast-source.js';
export { sampleCount, survivalCount, type DurationHistogram } from './survival-count.js';
export {
  breachProbability,
  DEFAULT_FORECAST_OPTIONS,
  type BreachForecast,
  type ForecastBasis,
  type ForecastClock,
  type ForecastHistograms,
  type ForecastOptions,
  type QueuePosition,
  type SourceHistograms,
} from './breach-probability.js';
export { waitingSince } from './waiting-since.js';
export { queueAhead, type WaitingTicket } from './queue-ahead.js';
export {
  forecastTicket,
  DEFAULT_FORECAST_HORIZON_MS,
  type ClockForecast,
  type TicketForecastOptions,
} from './forecast-ticket.js';
export { sourceHistograms } from './source-histograms.js';
