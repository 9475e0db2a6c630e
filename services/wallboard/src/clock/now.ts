import { signal } from '@preact/signals';

/** Below this, a difference between the clocks is network delay, not a wrong clock. */
const IGNORED_SKEW_MS = 1_000;
let offsetMs = 0;

/**
 * The current instant as the gateway's clock has it, ticking once a second. Countdowns
 * compare it with deadlines the server computed, so a wall screen whose clock is minutes
 * off still counts down correctly.
 */
export const now = signal(Date.now());

export const serverNow = (): number => Date.now() + offsetMs;

/** The gateway's clock minus ours, measured on a heartbeat (which is sent as it is stamped). */
export function setServerOffset(ms: number): void {
  offsetMs = Math.abs(ms) > IGNORED_SKEW_MS ? ms : 0;
  now.value = serverNow();
}

/** Ticks `now` on every whole second; returns the function that stops it. */
export function startTicking(): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const tick = () => {
    now.value = serverNow();
    // Aligned to the second, so every countdown on screen changes at the same moment.
    timer = setTimeout(tick, 1000 - (now.value % 1000) + 5);
  };
  tick();
  return () => clearTimeout(timer);
}
