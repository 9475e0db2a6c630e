import { setImmediate as turn } from 'node:timers/promises';
import {
  simulationSteps,
  type Instant,
  type PolicySet,
  type SimulationInput,
  type SimulationResult,
} from '@slawatch/core';
import { HttpError } from '../errors.js';
import type { SimulateLimits } from './simulate-limits.js';

/**
 * Runs a simulation in slices of at most `sliceMs`, giving the event loop a turn between
 * them, and refuses it with a 422 naming the limit once it has more tickets than
 * `maxTickets` or has worked longer than `timeoutMs`. (A worker thread would keep the loop
 * free too, but copying requests and results across costs as much as slicing, and slicing
 * needs no second build of the engine.)
 */
export async function runSimulation(
  inputs: readonly SimulationInput[],
  policies: PolicySet,
  at: Instant | undefined,
  limits: SimulateLimits,
): Promise<SimulationResult> {
  const steps = simulationSteps(inputs, policies, at);
  // Work only: time spent waiting for the loop (other requests) is not the request's.
  let worked = 0;
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    const progress = step.value;
    if (progress.stage === 'folding' && progress.done === 0 && progress.of > limits.maxTickets)
      throw new HttpError(
        422,
        `simulate: the events name ${progress.of} tickets, more than the limit of ${limits.maxTickets} (SLAWATCH_SIMULATE_MAX_TICKETS)`,
      );
    const now = performance.now();
    if (worked + (now - sliceStart) > limits.timeoutMs)
      throw new HttpError(
        422,
        `simulate: not finished within the limit of ${limits.timeoutMs} ms (SLAWATCH_SIMULATE_TIMEOUT); ${progress.stage} ${progress.done} of ${progress.of} ${progress.stage === 'folding' ? 'tickets' : 'events'} done, send fewer`,
      );
    if (now - sliceStart >= limits.sliceMs) {
      worked += now - sliceStart;
      await turn();
      sliceStart = performance.now();
    }
  }
}
