import { randomInt } from 'node:crypto';

/**
 * The seed of a fault case's random choices: FAULT_SEED when set (to replay a failure),
 * else a fresh one. Printed either way, so a failing run can be replayed.
 */
export function faultSeed(what: string): number {
  const seed = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : randomInt(1, 2 ** 31);
  console.log(`${what}: seed ${seed} (replay with FAULT_SEED=${seed})`);
  return seed;
}
