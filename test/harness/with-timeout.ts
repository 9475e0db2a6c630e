/**
 * Resolves or rejects like `promise`, but rejects after `ms` with an error naming `what`.
 * Tests await events (a message, a job) through this instead of sleeping a fixed time:
 * fast when things work, a clear message when they do not.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
