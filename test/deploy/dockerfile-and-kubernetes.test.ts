import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '@slawatch/core';
import { readText, readYaml, readYamlDocuments, record, repoPath } from './deploy-files.js';

const SLAWATCH = ['tracker', 'alerter', 'notifier', 'gateway'] as const;

describe('deploy/Dockerfile', () => {
  const dockerfile = readText('deploy/Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const finalStage = instructions.slice(instructions.findLastIndex((l) => l.startsWith('FROM ')));

  it('builds in stages and runs a production-only, non-root final stage', () => {
    expect(instructions.filter((l) => l.startsWith('FROM ')).length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toContain('npm ci --omit=dev');
    const user = finalStage.find((l) => l.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user!.split(/\s+/)[1]).not.toMatch(/^(root|0)(:|$)/);
    expect(finalStage).toContain('ENTRYPOINT ["node", "apps/slawatch/bin/slawatch.js"]');
    expect(finalStage).toContain('CMD ["run", "all"]');
    expect(finalStage.some((l) => l.startsWith('HEALTHCHECK '))).toBe(true);
    expect(finalStage.some((l) => l.startsWith('LABEL '))).toBe(true);
  });

  it('applies patches/ and ships every patched package in its patched form', () => {
    const patched = readdirSync(repoPath('patches'))
      .filter((f) => f.endsWith('.patch'))
      .map((f) => f.slice(0, f.lastIndexOf('+')));
    expect(patched).toContain('kafkajs');
    // The install skips scripts (patch-package is npm's postinstall), so the build runs it.
    expect(instructions.some((l) => l.startsWith('RUN npx patch-package'))).toBe(true);
    for (const name of patched)
      expect(finalStage).toContain(
        `COPY --from=build /src/node_modules/${name}/ ./node_modules/${name}/`,
      );
  });

  it('copies nothing that .dockerignore leaves out of the context', () => {
    const ignored = readText('.dockerignore')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
    for (const line of instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from'))) {
      const source = line.split(/\s+/)[1]!;
      if (source === '.') continue;
      expect(
        ignored.some((i) => source === i || source.startsWith(`${i}/`)),
        source,
      ).toBe(false);
      expect(existsSync(repoPath(source)), source).toBe(true);
    }
  });
});

interface Container {
  name: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

describe('deploy/kubernetes', () => {
  const kustomization = record(readYaml('deploy/kubernetes/kustomization.yaml'), 'kustomization');
  const manifests = (kustomization.resources as string[]).flatMap(
    (file) => readYamlDocuments(`deploy/kubernetes/${file}`) as Manifest[],
  );
  const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const find = (kind: string, name: string) => {
    const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  const podSpec = (d: Manifest) =>
    (
      d.spec!.template as {
        spec: {
          containers: Container[];
          securityContext?: { runAsNonRoot?: boolean };
          volumes?: { name: string; configMap?: { name: string } }[];
        };
      }
    ).spec;
  const podLabels = (d: Manifest) =>
    (d.spec!.template as { metadata: { labels: Record<string, string> } }).metadata.labels;
  const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => labels[k] === v);
  const config = find('ConfigMap', 'slawatch-config').data!;

  it('every resource has an apiVersion, a kind and a name, in the slawatch namespace', () => {
    expect(kustomization.namespace).toBe('slawatch');
    for (const m of manifests) {
      expect(m.apiVersion, JSON.stringify(m.metadata)).toBeTruthy();
      expect(m.metadata.name).toMatch(/^[a-z0-9-]+$/);
      if (m.kind !== 'Namespace') expect(m.metadata.namespace, m.metadata.name).toBe('slawatch');
    }
  });

  it('runs tracker, alerter, notifier and gateway with probes on the right ports, resources and a locked-down container', () => {
    for (const name of SLAWATCH) {
      const d = find('Deployment', `slawatch-${name}`);
      const spec = podSpec(d);
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
      expect(spec.containers).toHaveLength(1);
      const c = spec.containers[0]!;
      expect(c.args, name).toEqual(['run', name]);
      const port = Number(
        name === 'gateway' ? config.SLAWATCH_HTTP_PORT : config.SLAWATCH_OPS_PORT,
      );
      const portOf = (p: string | number) =>
        typeof p === 'number' ? p : c.ports?.find((cp) => cp.name === p)?.containerPort;
      expect(c.livenessProbe?.httpGet?.path, name).toBe('/healthz');
      expect(portOf(c.livenessProbe!.httpGet!.port), name).toBe(port);
      expect(c.readinessProbe?.httpGet?.path, name).toBe('/readyz');
      expect(portOf(c.readinessProbe!.httpGet!.port), name).toBe(port);
      expect(c.resources?.requests?.cpu, name).toBeTruthy();
      expect(c.resources?.requests?.memory, name).toBeTruthy();
      expect(c.resources?.limits?.memory, name).toBeTruthy();
      expect(c.securityContext, name).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(c.envFrom, name).toEqual([
        { configMapRef: { name: 'slawatch-config' } },
        { secretRef: { name: 'slawatch-secrets' } },
      ]);
      const annotations = (
        d.spec!.template as { metadata: { annotations: Record<string, string> } }
      ).metadata.annotations;
      expect(annotations, name).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
      });
      // The policy document, mounted where SLAWATCH_POLICIES points.
      const volume = spec.volumes?.find((v) => v.configMap?.name === 'slawatch-policies');
      expect(volume, name).toBeDefined();
      expect(c.volumeMounts?.find((m) => m.name === volume!.name)?.mountPath, name).toBe(
        dirname(config.SLAWATCH_POLICIES!),
      );
    }
  });

  it('leaves the deliveries to two or more notifiers: the alerters run with SLAWATCH_ALERTER_DELIVERS=false', () => {
    const alerter = podSpec(find('Deployment', 'slawatch-alerter')).containers[0]!;
    expect(alerter.env).toContainEqual({ name: 'SLAWATCH_ALERTER_DELIVERS', value: 'false' });
    // Failover: each notification is delivered by one of them.
    const replicas = find('Deployment', 'slawatch-notifier').spec!.replicas as number;
    expect(replicas).toBeGreaterThanOrEqual(2);
  });

  it('autoscales trackers and gateways (autoscaling/v2), and has a disruption budget for every Deployment', () => {
    const hpas = ofKind('HorizontalPodAutoscaler');
    for (const name of ['tracker', 'gateway']) {
      const hpa = hpas.find(
        (h) => (h.spec!.scaleTargetRef as { name: string }).name === `slawatch-${name}`,
      );
      expect(hpa?.apiVersion, name).toBe('autoscaling/v2');
      expect(hpa!.spec!.minReplicas as number, name).toBeGreaterThanOrEqual(2);
    }
    for (const d of ofKind('Deployment')) {
      const pdb = ofKind('PodDisruptionBudget').find((p) =>
        selects(
          (p.spec!.selector as { matchLabels: Record<string, string> }).matchLabels,
          podLabels(d),
        ),
      );
      expect(pdb?.apiVersion, d.metadata.name).toBe('policy/v1');
    }
  });

  it('Services select the pods and ports that exist', () => {
    for (const s of ofKind('Service')) {
      const selector = s.spec!.selector as Record<string, string>;
      const d = ofKind('Deployment').find((dep) => selects(selector, podLabels(dep)));
      expect(d, s.metadata.name).toBeDefined();
      const names = podSpec(d!).containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
      for (const p of s.spec!.ports as { targetPort: string }[])
        expect(names, s.metadata.name).toContain(p.targetPort);
    }
  });

  it('runs on one Redis by default, and on a Redis Cluster with the `cluster` component, set in the ConfigMap every service reads', () => {
    expect(config.SLAWATCH_REDIS_CLUSTER).toBeUndefined();
    const component = record(readYaml('deploy/kubernetes/cluster/kustomization.yaml'), 'cluster');
    expect(component.kind).toBe('Component');
    const patches = component.patches as { path: string; target: Record<string, string> }[];
    expect(patches.map((p) => p.target)).toEqual([{ kind: 'ConfigMap', name: 'slawatch-config' }]);
    const patch = readYaml(`deploy/kubernetes/cluster/${patches[0]!.path}`) as Manifest;
    expect(patch.kind).toBe('ConfigMap');
    expect(patch.metadata.name).toBe('slawatch-config');
    const patched = { ...config, ...patch.data };
    for (const seed of patched.SLAWATCH_REDIS_CLUSTER!.split(','))
      expect(seed).toMatch(/^[a-z0-9.-]+:\d+$/);
    // One value for every process: the lanes must agree, so they live in the shared ConfigMap.
    expect(patched.SLAWATCH_METRIC_LANES).toMatch(/^(auto|[1-9]\d*)$/);
  });

  it('holds a valid policy document, and placeholder secrets as stringData', () => {
    const loaded = parsePolicyDocument(
      find('ConfigMap', 'slawatch-policies').data!['policies.yaml']!,
    );
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    const secret = find('Secret', 'slawatch-secrets');
    expect(secret.data).toBeUndefined();
    expect(secret.stringData!.SLAWATCH_ADMIN_TOKEN!.length).toBeGreaterThanOrEqual(16);
    expect(secret.stringData!.SLAWATCH_REDIS_URL).toMatch(/^rediss?:\/\//);
    expect(config.SLAWATCH_KAFKA_BROKERS).toBeTruthy();
  });
});
