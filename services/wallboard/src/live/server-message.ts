import type { LiveServerMessage } from '@slawatch/wire';

/** A message of the gateway's live stream (docs/api.md), as @slawatch/wire defines it. */
export type ServerMessage = LiveServerMessage;

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
        ...(typeof value.code === 'string' ? { code: value.code } : {}),
        ...(typeof id === 'string' ? { id } : {}),
        ...(typeof value.path === 'string' ? { path: value.path } : {}),
      };
    default:
      return null;
  }
}
