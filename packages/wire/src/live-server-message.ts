/** A view's data: the first read after subscribing (`snapshot`), then each change (`update`). */
export interface LiveDataMessage {
  readonly type: 'snapshot' | 'update';
  readonly id: string;
  /** The instant the view was read as of. */
  readonly at: string;
  /** Publication time of the oldest change the read reflects, when a change caused it. */
  readonly deltaAt?: string;
  /** The view's body, shaped like the matching REST answer; readers check it where used. */
  readonly data: unknown;
}

/** The answer to a message the gateway could not act on. */
export interface LiveErrorMessage {
  readonly type: 'error';
  /**
   * The error catalog's code (docs/errors.md). This gateway always sends it; optional so
   * a reader tolerates a message without one.
   */
  readonly code?: string;
  /** The subscription the message was about, when it named one. */
  readonly id?: string;
  readonly message: string;
  /** The bad field, e.g. `view.window`. */
  readonly path?: string;
}

/** A message of the live stream, server to client. */
export type LiveServerMessage =
  | LiveDataMessage
  | { readonly type: 'heartbeat'; readonly at: string }
  | { readonly type: 'unsubscribed'; readonly id: string }
  | LiveErrorMessage;
