/** A message of the gateway's live stream (README, "The live stream"). */
export type ServerMessage =
  | {
      readonly type: 'snapshot' | 'update';
      readonly id: string;
      readonly at: string;
      readonly deltaAt?: string;
      readonly data: unknown;
    }
  | { readonly type: 'heartbeat'; readonly at: string }
  | { readonly type: 'unsubscribed'; readonly id: string }
  | {
      readonly type: 'error';
      readonly id?: string;
      readonly message: string;
      readonly path?: string;
    };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a text frame; null for anything not shaped like a message of the protocol, which
 * is dropped rather than allowed to break the page. The `data` of a view is checked where
 * it is used.
 */
export function parseServerMessage(text: string): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const { type, id, at } = value;
  switch (type) {
    case 'snapshot':
    case 'update':
      if (typeof id !== 'string' || typeof at !== 'string' || !('data' in value)) return null;
      return {
        type,
        id,
        at,
        data: value.data,
        ...(typeof value.deltaAt === 'string' ? { deltaAt: value.deltaAt } : {}),
      };
    case 'heartbeat':
      return typeof at === 'string' ? { type, at } : null;
    case 'unsubscribed':
      return typeof id === 'string' ? { type, id } : null;
    case 'error':
      return {
        type,
        message: typeof value.message === 'string' ? value.message : 'unknown error',
        ...(typeof id === 'string' ? { id } : {}),
        ...(typeof value.path === 'string' ? { path: value.path } : {}),
      };
    default:
      return null;
  }
}
