/** The gateway writes "-" (or leaves out) a dimension a ticket has no value for. */
export const orDash = (value: string | undefined): string =>
  value === undefined || value === '-' || value === '' ? '—' : value;
