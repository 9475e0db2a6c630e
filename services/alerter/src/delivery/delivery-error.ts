/**
 * A delivery the receiver refused for good (a 4xx other than 408 and 429: a wrong URL, a
 * bad key): retrying cannot help, so the notification goes straight to the dead letters.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** Throws the right error for a receiver's HTTP answer (fetch's or postJson's); returns on 2xx. */
export async function checkResponse(
  what: string,
  response: Pick<Response, 'ok' | 'status' | 'text'>,
): Promise<void> {
  if (response.ok) return;
  const body = (await response.text().catch(() => '')).slice(0, 300);
  const message = `${what} answered ${response.status}${body ? `: ${body}` : ''}`;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw retryable ? new Error(message) : new PermanentDeliveryError(message);
}
