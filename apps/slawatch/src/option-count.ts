import { CliError } from './cli-error.js';

/** A whole number >= 1 an option names; anything else stops the command, naming it. */
export function optionCount(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new CliError(`${option}: must be a whole number >= 1, got "${text}"`);
  return n;
}
