import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { CpuMeter } from './cpu-meter.js';

/** The private servers a measurement runs on, and the clients to them. */
export interface BenchEnv {
  readonly kafka: Kafka;
  readonly brokers: readonly string[];
  /** A connection set up as the services' (connect-redis.ts), shared like theirs. */
  readonly redis: Redis;
  readonly redisAddress: { readonly host: string; readonly port: number };
  readonly cpu: CpuMeter;
}
