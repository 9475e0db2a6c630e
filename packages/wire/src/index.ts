export { CLOCK_KINDS, type ClockKind } from './clock-kind.js';
export type { CreatedToken } from './created-token.js';
export { SURVEY_KINDS, type FollowUp, type SurveyKind } from './follow-up.js';
export { clockKey, type ListedClock } from './listed-clock.js';
export type { LiveClientMessage, LiveDimension, LiveViewRequest } from './live-client-message.js';
export { LIVE_CLOSE_CODES, type LiveCloseCode } from './live-close-codes.js';
export type {
  LiveDataMessage,
  LiveErrorMessage,
  LiveServerMessage,
} from './live-server-message.js';
export type { Session } from './session.js';
export {
  OPEN_STATUSES,
  type ListedOutcome,
  type ListedTicket,
  type OpenStatus,
} from './listed-ticket.js';
