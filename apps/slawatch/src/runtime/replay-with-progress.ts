import { CliError } from '../cli-error.js';
import { ProgressBar } from './progress-bar.js';
import type { ReplayProgress } from './replay-topic.js';

/**
 * A topic read (`replayTopic`, `readTopicHistory`) for a command: its progress as a bar on
 * standard error (`label` names what is counted), and a failure as exit code 1 with
 * `failure` before the reason.
 */
export async function replayWithProgress<T>(
  read: (onProgress: (progress: ReplayProgress) => void) => Promise<T>,
  label: string,
  failure: string,
): Promise<T> {
  const bar = new ProgressBar(process.stderr, label);
  let last = { done: 0, total: 0 };
  const result = await read((p) => {
    last = p;
    bar.update(p.done, p.total);
  }).catch((error: unknown) => {
    throw error instanceof CliError
      ? error
      : new CliError(`${failure}: ${(error as Error).message}`, 1);
  });
  bar.done(last.done, last.total);
  return result;
}
