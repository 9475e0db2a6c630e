import { basename } from 'node:path';

const started = performance.now();
// `bench:pipeline`, `bench:metrics`: named after the program running.
const label = `bench:${basename(process.argv[1] ?? 'bench', '.js')}`;

/** A progress line on stderr, so stdout carries only the table. */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${label} ${seconds}s] ${message}\n`);
}
