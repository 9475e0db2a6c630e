import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Anything that may carry a secret is redacted wherever it appears in a log line.
const REDACT = [
  '*.password',
  '*.token',
  '*.authorization',
  '*.secret',
  'redisUrl',
  '*.redisUrl',
  'config.SLAWATCH_REDIS_URL',
];

/**
 * The JSON logger every service uses (one line per event, on stdout; tests may pass
 * another destination to read what would be logged).
 */
export function createLogger(
  name: string,
  level = 'info',
  destination?: DestinationStream,
): Logger {
  const options = { name, level, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
