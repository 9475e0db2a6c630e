import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.js';

/** Reads a text file named on the command line (`-` is standard input). */
export async function readInputFile(path: string, what: string): Promise<string> {
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (error as Error).message;
    throw new CliError(`cannot read the ${what} "${path}": ${why}`);
  }
}
