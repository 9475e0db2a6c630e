import { afterAll, describe, expect, it } from 'vitest';
import { createKeys, type Keys } from '../src/index.js';
import { AdmittedValues } from '../src/metrics/admit-dimension-values.js';
import { defineScripts } from '../src/scripts.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const asked = (...values: string[]) => new Map([['team' as const, new Set(values)]]);
const kept = async (admission: AdmittedValues, cap: number, ...values: string[]) =>
  [...((await admission.admit(cap, asked(...values))).get('team') ?? [])].sort();

describe.each(STORE_TARGETS)('undeclared values admitted under a cap, on $name', (target) => {
  const redis = defineScripts(target.connect());
  afterAll(async () => {
    await redis.quit();
  });
  const fresh = (keys: Keys) => new AdmittedValues(redis, keys);

  it('answers as Redis does, and asks Redis only about values it has not seen', async () => {
    const keys = createKeys(freshPrefix('admit'), target.lanes);
    const a = fresh(keys);
    expect(await kept(a, 1, 'emea')).toEqual(['emea']);
    // Another tracker finds the cap reached: refused, for it and then for the first.
    expect(await kept(fresh(keys), 1, 'us')).toEqual([]);
    expect(await kept(a, 1, 'emea', 'us')).toEqual(['emea']);
    // With the set gone from Redis, a fresh one would now keep `us`; the first still
    // answers from what it was told, so it did not ask again.
    await redis.del(keys.admittedValues('team'));
    expect(await kept(a, 1, 'emea', 'us')).toEqual(['emea']);
    expect(await kept(fresh(keys), 1, 'us')).toEqual(['us']);
  });

  it('asks again under another cap: a refusal holds only under its own', async () => {
    const keys = createKeys(freshPrefix('admit'), target.lanes);
    const a = fresh(keys);
    expect(await kept(a, 1, 'emea', 'us')).toHaveLength(1);
    expect(await kept(a, 2, 'emea', 'us')).toEqual(['emea', 'us']);
  });
});
