let serial = 0;

/** A contract ticket event (CloudEvent) as a helpdesk connector publishes it. */
export function ticketEvent(subject: string, time: number, type: string, data: object) {
  return {
    specversion: '1.0',
    id: `bench-${process.pid}-${++serial}`,
    source: 'bench',
    type,
    subject,
    time: new Date(time).toISOString(),
    data,
  };
}
