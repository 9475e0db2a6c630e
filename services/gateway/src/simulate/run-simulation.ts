import { setImmediate as turn } from 'node:timers/promises';
import {
  simulationSteps,
  type Instant,
  type PolicySet,
  type SimulationInput,
  type SimulationResult,
} from '@slawatch/core';
import { apiError } from '../errors.js';
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
      throw apiError('SLW_SIMULATE_TOO_MANY_TICKETS', progress.of, limits.maxTickets);
    const now = performance.now();
    if (worked + (now - sliceStart) > limits.timeoutMs)
      throw apiError(
        'SLW_SIMULATE_TIMEOUT',
        limits.timeoutMs,
        `${progress.stage} ${progress.done} of ${progress.of} ${progress.stage === 'folding' ? 'tickets' : 'events'}`,
      );
    if (now - sliceStart >= limits.sliceMs) {
      worked += now - sliceStart;
      await turn();
      sliceStart = performance.now();
    }
  }
}
