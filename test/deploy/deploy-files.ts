import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { findBinary } from '../harness/index.js';

/** The repository's root directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Path of a file from the repository's root. */
export const repoPath = (relative: string): string => join(ROOT, relative);

export const readText = (relative: string): string => readFileSync(repoPath(relative), 'utf8');

/** A YAML file of one document, `<<` merge keys resolved (compose's `x-` anchors). */
export const readYaml = (relative: string): unknown =>
  parse(readText(relative), { merge: true }) as unknown;

/** Every document of a multi-document YAML file (Kubernetes manifests). */
export function readYamlDocuments(relative: string): unknown[] {
  return parseAllDocuments(readText(relative)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${relative}: ${doc.errors[0]!.message}`);
    return doc.toJS() as unknown;
  });
}

const execFileAsync = promisify(execFile);

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs a program to its end (at most 60 s), in the repository's root. */
export async function run(
  binary: string,
  debianPackages: readonly string[],
  args: readonly string[],
  cwd = ROOT,
): Promise<RunResult> {
  const file = findBinary(binary, debianPackages);
  try {
    const { stdout, stderr } = await execFileAsync(file, args, { cwd, timeout: 60_000 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      output: `${e.stdout ?? ''}${e.stderr ?? ''}${typeof e.code === 'string' ? e.code : ''}`,
    };
  }
}

/** `promtool` (Debian's `prometheus`). */
export const promtool = (args: readonly string[], cwd?: string) =>
  run('promtool', ['prometheus'], args, cwd);

/** A plain object's fields, or an error naming `what`. */
export function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what}: expected a mapping, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}
