const started = performance.now();

/** A progress line on stderr, so stdout carries only the table. */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench:pipeline ${seconds}s] ${message}\n`);
}
