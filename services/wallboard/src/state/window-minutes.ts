const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;

/** The length of a metric window named like the policy document's (`15m`, `1h`, `7d`). */
export function windowMinutes(window: string): number | null {
  const match = /^(\d+)([mhd])$/.exec(window);
  if (!match) return null;
  return Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES];
}

/** "last 15 min", "last 1 h", "last 7 d": how the window reads in a title. */
export function windowLabel(window: string): string {
  const match = /^(\d+)([mhd])$/.exec(window);
  if (!match) return window;
  const unit = match[2] === 'm' ? 'min' : match[2] === 'h' ? 'h' : 'd';
  return `last ${match[1]} ${unit}`;
}
