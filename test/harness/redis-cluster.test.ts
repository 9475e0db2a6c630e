import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, onTestFinished, test } from 'vitest';
import {
  clusterFromSeeds,
  MissingBinaryError,
  parseSeeds,
  startRedisCluster,
  uniquePrefix,
  type RedisCluster,
  type RedisClusterMaster,
} from './index.js';

const slots = 16_384;

describe('the shared Redis Cluster', () => {
  test('a Cluster client writes keys in many slots, on every master, and reads them back', async () => {
    const client = clusterFromSeeds(inject('redisCluster'));
    const prefix = uniquePrefix('many-slots');
    const keys = Array.from({ length: 300 }, (_, i) => `${prefix}${i}`);
    onTestFinished(async () => {
      // One UNLINK per key: a multi-key command must keep to one slot on a cluster.
      await Promise.all(keys.map((key) => client.unlink(key)));
      client.disconnect();
    });

    await Promise.all(keys.map((key, i) => client.set(key, String(i))));
    expect(await Promise.all(keys.map((key) => client.get(key)))).toEqual(
      keys.map((_, i) => String(i)),
    );
    const keySlots = await Promise.all(keys.map((key) => slotOf(client, key)));
    expect(new Set(keySlots).size).toBeGreaterThan(250);
    const masterPorts = new Set(client.nodes('master').map((node) => node.options.port));
    expect(masterPorts.size).toBe(3);
  });

  test('clusterFromSeeds rejects a seed list it cannot read', () => {
    expect(parseSeeds('127.0.0.1:7000, 127.0.0.1:7001')).toEqual([
      { host: '127.0.0.1', port: 7000 },
      { host: '127.0.0.1', port: 7001 },
    ]);
    expect(() => clusterFromSeeds('')).toThrow('no seed nodes');
    expect(() => clusterFromSeeds('127.0.0.1')).toThrow('not a host:port seed');
  });
});

// One private cluster, failed over step by step: the tests run in order and each starts
// from the layout the one before left.
describe('a private Redis Cluster', () => {
  let cluster: RedisCluster;
  let client: Cluster;
  let killed: { port: number; replacedBy: number } | undefined;

  beforeAll(async () => {
    // A failover that takes longer than 15 s fails the test rather than only slowing it.
    cluster = await startRedisCluster({ timeoutMs: 15_000 });
    client = clusterFromSeeds(cluster.seeds);
  }, 30_000);
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  test('forms with 3 masters serving a third of the slots each, and a replica for each', async () => {
    const masters = await cluster.masters();
    expect(masters).toHaveLength(3);
    for (const master of masters) {
      expect(slotCount(master)).toBeGreaterThanOrEqual(Math.floor(slots / 3));
      expect(slotCount(master)).toBeLessThanOrEqual(Math.ceil(slots / 3));
      expect(master.replicaPorts).toHaveLength(1);
    }
    expect(masters.reduce((sum, master) => sum + slotCount(master), 0)).toBe(slots);

    expect(cluster.nodes).toHaveLength(6);
    expect(
      cluster.nodes
        .filter((node) => node.role === 'master')
        .map((node) => node.port)
        .sort(),
    ).toEqual(masters.map((master) => master.port).sort());
    expect(cluster.nodes.every((node) => node.running && node.pid > 0)).toBe(true);
    expect(cluster.seeds.split(',')).toEqual(cluster.nodes.map((n) => `${n.host}:${n.port}`));
  });

  test('failover() promotes the replica of a killed master; a write it acknowledged survives', async () => {
    const before = await masterOfSlotZero(cluster);
    const key = await keyServedBy(client, before);
    const node = client.nodes('master').find((candidate) => candidate.options.port === before.port);
    if (node === undefined) throw new Error(`the client has no connection to ${before.port}`);
    await node.set(key, 'acknowledged');
    // WAIT on the same connection: the write has reached one replica before the kill.
    expect(await node.call('WAIT', '1', '1000')).toBe(1);

    const result = await cluster.failover();
    killed = { port: result.killedPort, replacedBy: result.promotedPort };

    expect(result.killedPort).toBe(before.port);
    expect(result.promotedPort).toBe(before.replicaPorts[0]);
    expect(result.tookMs).toBeGreaterThan(0);
    const after = await masterOfSlotZero(cluster);
    expect(after.port).toBe(result.promotedPort);
    expect(after.slots).toEqual(before.slots);
    expect(cluster.nodes.find((n) => n.port === result.killedPort)).toMatchObject({
      running: false,
      pid: -1,
    });
    expect(cluster.nodes.find((n) => n.port === result.promotedPort)?.role).toBe('master');

    expect(await client.get(key)).toBe('acknowledged');
    await client.set(key, 'after');
    expect(await client.get(key)).toBe('after');
  });

  test('restartNode() brings the killed master back as a replica of the one that replaced it', async () => {
    if (killed === undefined) throw new Error('runs after the failover test');
    await cluster.restartNode(killed.port);

    const master = (await cluster.masters()).find((m) => m.port === killed?.replacedBy);
    expect(master?.replicaPorts).toEqual([killed.port]);
    expect(cluster.nodes.find((n) => n.port === killed?.port)).toMatchObject({
      role: 'replica',
      running: true,
    });
  });

  test('manualFailover() swaps a master and its replica and loses no write', async () => {
    const before = await masterOfSlotZero(cluster);
    const key = await keyServedBy(client, before);
    await client.set(key, 'before the swap');

    const result = await cluster.manualFailover();

    expect(result).toMatchObject({ killedPort: before.port, promotedPort: before.replicaPorts[0] });
    const after = await masterOfSlotZero(cluster);
    expect(after.port).toBe(before.replicaPorts[0]);
    expect(after.replicaPorts).toEqual([before.port]);
    expect(await client.get(key)).toBe('before the swap');
  });

  test('info() reports CPU time and calls per command of one node', async () => {
    const master = await masterOfSlotZero(cluster);
    const key = await keyServedBy(client, master);
    await cluster.resetStats();
    await Promise.all(Array.from({ length: 10 }, () => client.incr(key)));

    const info = await cluster.info(master.port);
    expect(info.commands.incr?.calls).toBe(10);
    expect(info.calls).toBeGreaterThanOrEqual(10);
    expect(info.cpuSeconds).toBeGreaterThan(0);
  });

  test('flushAll() empties every master', async () => {
    await client.set('flush-me', '1');
    await cluster.flushAll();
    expect(await client.exists('flush-me')).toBe(0);
  });
});

test('a missing redis-server names the Debian package to install', async () => {
  const env = { PATH: '' };
  await expect(startRedisCluster({ env })).rejects.toThrow(MissingBinaryError);
  await expect(startRedisCluster({ env })).rejects.toThrow('apt-get install -y redis-server');
});

function slotCount(master: RedisClusterMaster): number {
  return master.slots.reduce((sum, [start, end]) => sum + end - start + 1, 0);
}

async function slotOf(client: Cluster, key: string): Promise<number> {
  return Number(await client.cluster('KEYSLOT', key));
}

async function masterOfSlotZero(cluster: RedisCluster): Promise<RedisClusterMaster> {
  const master = (await cluster.masters()).find((m) => m.slots.some(([start]) => start === 0));
  if (master === undefined) throw new Error('no master serves slot 0');
  return master;
}

/** A key whose slot `master` serves: keys hash evenly, so a few tries find one. */
async function keyServedBy(client: Cluster, master: RedisClusterMaster): Promise<string> {
  const prefix = uniquePrefix('served-by');
  for (let i = 0; i < 1_000; i++) {
    const slot = await slotOf(client, `${prefix}${i}`);
    if (master.slots.some(([start, end]) => slot >= start && slot <= end)) return `${prefix}${i}`;
  }
  throw new Error(`no key found for ${master.port}`);
}
