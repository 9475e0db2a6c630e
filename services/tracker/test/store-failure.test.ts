import { describe, expect, it } from 'vitest';
import { ReplicationError } from '@slawatch/store';
import { storeFailure } from '../src/store-failure.js';

describe('a failed batch write, named for people', () => {
  it('says Redis is full, that nothing is lost and what to do, for an OOM reply', () => {
    const f = storeFailure(new Error('OOM command not allowed when used memory > maxmemory'));
    expect(f.reason).toBe('redis_full');
    expect(f.message).toMatch(/Redis is full.*nothing is lost.*raise maxmemory/);
  });

  it('says the replicas did not confirm, for SLAWATCH_REDIS_MIN_REPLICAS not met', () => {
    const f = storeFailure(new ReplicationError('fewer than 1 replica(s) acknowledged'));
    expect(f.reason).toBe('redis_replicas');
    expect(f.message).toMatch(/replicas did not confirm.*retried.*fewer than 1 replica/);
  });

  it('keeps any other error as it is, with the promise that the batch is retried', () => {
    const f = storeFailure(new Error('Connection is closed.'));
    expect(f).toEqual({
      reason: 'redis_error',
      message:
        'could not write the batch to Redis: its offsets are not committed and it is retried (Connection is closed.)',
    });
  });
});
