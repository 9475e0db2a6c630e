/**
 * Keeps the last lines a child process wrote, so a start-up failure can show them while a
 * chatty process (kcat's mock broker logs every request) never grows memory without bound.
 */
export class LogTail {
  private readonly kept: string[] = [];
  private partial = '';

  /** @param maxLines how many complete lines to keep */
  constructor(private readonly maxLines = 50) {}

  /** Appends a chunk of output; returns the complete lines it finished. */
  push(chunk: Buffer | string): string[] {
    const text = this.partial + chunk.toString();
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    // A line without a newline can still be huge; cap it rather than the count alone.
    if (this.partial.length > 64 * 1024) this.partial = this.partial.slice(-64 * 1024);
    for (const line of lines) this.kept.push(line);
    if (this.kept.length > this.maxLines) this.kept.splice(0, this.kept.length - this.maxLines);
    return lines;
  }

  /** The kept lines, oldest first, plus any unfinished last line. */
  lines(): string[] {
    return this.partial === '' ? [...this.kept] : [...this.kept, this.partial];
  }

  /** The kept lines as an indented block for an error message. */
  toString(): string {
    const lines = this.lines();
    return lines.length === 0 ? '  (no output)' : lines.map((line) => `  ${line}`).join('\n');
  }
}
