import { ev } from './events.js';

/** Event builders for one ticket `T`, as the clock-rule tests read them. */
export const created = (time: string, data: Record<string, unknown> = {}) =>
  ev('T', time, 'ticket.created', { priority: 'urgent', channel: 'email', ...data });
export const agent = (time: string, pub = true) =>
  ev('T', time, 'ticket.commented', { author: 'agent', public: pub });
export const customer = (time: string) =>
  ev('T', time, 'ticket.commented', { author: 'customer', public: true });
export const status = (time: string, s: string) =>
  ev('T', time, 'ticket.status_changed', { status: s });
export const update = (time: string, changes: Record<string, unknown>) =>
  ev('T', time, 'ticket.updated', { changes });
