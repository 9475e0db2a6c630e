/**
 * An error the user can act on (a missing file, an invalid policy document): printed
 * without a stack trace, with exit code 2 like other usage errors.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
