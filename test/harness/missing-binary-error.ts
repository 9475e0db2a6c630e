/**
 * Thrown when a program the harness runs (redis-server, kcat) is not on PATH. The message
 * names the Debian package so whoever reads a red test run knows the one command to type.
 */
export class MissingBinaryError extends Error {
  override readonly name = 'MissingBinaryError';

  constructor(
    /** The program that was looked for, e.g. `redis-server`. */
    readonly binary: string,
    /** The Debian packages that provide it, e.g. `['redis-server', 'redis-tools']`. */
    readonly debianPackages: readonly string[],
  ) {
    super(
      `${binary} not found: install the Debian package "${debianPackages[0] ?? binary}" ` +
        `(apt-get install -y ${debianPackages.join(' ')})`,
    );
  }
}
