import { spawn } from 'node:child_process';
import { findBinary } from './find-binary.js';

/**
 * Lints a Prometheus text exposition with `promtool check metrics` (Debian's `prometheus`
 * package): resolves with what promtool printed, empty when the exposition is clean.
 */
export async function promtoolCheck(exposition: string): Promise<string> {
  const binary = findBinary('promtool', ['prometheus']);
  const child = spawn(binary, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(exposition);
  const code = await exit;
  if (code !== 0 && output.trim() === '') return `promtool exited with ${code}`;
  return output.trim();
}
