import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LiveConnection,
  type ConnectionStatus,
  type SocketLike,
} from '../src/live/live-connection';

/** A socket the test drives: it opens, speaks and closes when told to. */
class FakeSocket implements SocketLike {
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
  open() {
    this.onopen?.({});
  }
  say(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code: number) {
    this.onclose?.({ code });
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  const events = { refused: 0, revoked: 0, messages: [] as unknown[] };
  const connection = new LiveConnection({
    url: 'ws://gateway/api/v1/live?access_token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
    events: {
      status: (s) => statuses.push(s),
      message: (m) => events.messages.push(m),
      refused: () => events.refused++,
      revoked: () => events.revoked++,
    },
  });
  const last = () => sockets.at(-1)!;
  return { connection, sockets, statuses, events, last };
}

const view = { kind: 'atRisk', limit: 50 } as const;

describe('LiveConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('subscribes once open, and again under the same id when the view changes', () => {
    const { connection, statuses, last } = harness();
    connection.subscribe('atRisk', view);
    connection.start();
    expect(last().sent).toEqual([]);
    last().open();
    expect(statuses).toEqual(['live']);
    connection.subscribe('atRisk', { ...view, team: ['emea'] });
    expect(last().sent).toEqual([
      { type: 'subscribe', id: 'atRisk', view },
      { type: 'subscribe', id: 'atRisk', view: { ...view, team: ['emea'] } },
    ]);
  });

  it('reconnects with growing waits and subscribes again', () => {
    const { connection, sockets, statuses, last } = harness();
    connection.subscribe('atRisk', view);
    connection.start();
    last().open();
    last().drop(1001);
    expect(statuses.at(-1)).toBe('lost');
    vi.advanceTimersByTime(749);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop(1006);
    vi.advanceTimersByTime(1499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(statuses.at(-1)).toBe('live');
    expect(last().sent).toEqual([{ type: 'subscribe', id: 'atRisk', view }]);
  });

  it('calls the connection stale when the server goes quiet, then replaces it', () => {
    const { connection, sockets, statuses, last } = harness();
    connection.start();
    last().open();
    last().say({ type: 'heartbeat', at: '2026-11-23T09:00:00Z' });
    vi.advanceTimersByTime(15_000);
    last().say({ type: 'heartbeat', at: '2026-11-23T09:00:15Z' });
    vi.advanceTimersByTime(30_000);
    expect(statuses.at(-1)).toBe('live');
    vi.advanceTimersByTime(1_000);
    expect(statuses.at(-1)).toBe('stale');
    last().say({ type: 'heartbeat', at: '2026-11-23T09:00:46Z' });
    expect(statuses.at(-1)).toBe('live');
    vi.advanceTimersByTime(46_000);
    expect(statuses.slice(-2)).toEqual(['stale', 'lost']);
    expect(sockets[0]!.closedWith).toBe(1000);
    vi.advanceTimersByTime(750);
    expect(sockets).toHaveLength(2);
  });

  it('stops for good when the token is revoked', () => {
    const { connection, sockets, events, last } = harness();
    connection.start();
    last().open();
    last().drop(4001);
    expect(events.revoked).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('reports a close before open, which may be a refused token', () => {
    const { connection, sockets, statuses, events, last } = harness();
    connection.start();
    last().drop(1006);
    expect(events.refused).toBe(1);
    expect(statuses).toEqual([]);
    connection.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('passes messages on and drops what is not one', () => {
    const { connection, events, last } = harness();
    connection.start();
    last().open();
    last().onmessage?.({ data: 'not json' });
    last().say({
      type: 'snapshot',
      id: 'atRisk',
      at: '2026-11-23T09:00:00Z',
      data: { clocks: [] },
    });
    expect(events.messages).toEqual([
      { type: 'snapshot', id: 'atRisk', at: '2026-11-23T09:00:00Z', data: { clocks: [] } },
    ]);
  });
});
