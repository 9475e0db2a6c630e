import type { LiveClient, Outgoing } from './live-client.js';
import type { LiveView } from './live-view.js';

/** One client's subscription, under the id it chose, to a (shared) view. */
export interface Subscription extends Outgoing {
  readonly id: string;
  readonly client: LiveClient<Subscription>;
  readonly view: LiveView<Subscription>;
}

export function subscription(
  id: string,
  client: LiveClient<Subscription>,
  view: LiveView<Subscription>,
): Subscription {
  const idJson = JSON.stringify(id);
  return {
    id,
    client,
    view,
    snapshotHead: Buffer.from(`{"type":"snapshot","id":${idJson},`),
    updateHead: Buffer.from(`{"type":"update","id":${idJson},`),
    snapshotSent: false,
  };
}
