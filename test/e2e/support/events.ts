let n = 0;

/** A contract event for the e2e tests; `time` is an instant in ms or an ISO string. */
export function event(subject: string, time: number | string, type: string, data: object = {}) {
  return {
    specversion: '1.0',
    id: `e2e-${++n}-${Math.random().toString(36).slice(2, 8)}`,
    source: 'e2e',
    type,
    subject,
    time: typeof time === 'number' ? new Date(time).toISOString() : time,
    data,
  };
}
