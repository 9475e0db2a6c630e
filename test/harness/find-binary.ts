import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { MissingBinaryError } from './missing-binary-error.js';

/**
 * Resolves `binary` to an executable path the way a shell would, using `env.PATH`.
 * Looking it up ourselves (rather than letting spawn fail with ENOENT) lets us fail before
 * anything starts, with an error that says which Debian package to install.
 *
 * @param binary a bare program name, or a path used as is if it is executable
 * @param debianPackages the packages that provide it, for the error message
 * @param env the environment whose PATH is searched (tests pass an empty PATH)
 * @throws MissingBinaryError when no executable is found
 */
export function findBinary(
  binary: string,
  debianPackages: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string {
  const found = lookupBinary(binary, env);
  if (found === undefined) throw new MissingBinaryError(binary, debianPackages);
  return found;
}

/** Like {@link findBinary}, but `undefined` when it is missing, for optional programs. */
export function lookupBinary(
  binary: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const candidates = binary.includes('/')
    ? [binary]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter((dir) => isAbsolute(dir))
        .map((dir) => join(dir, binary));
  return candidates.find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
