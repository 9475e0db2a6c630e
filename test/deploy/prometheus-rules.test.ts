import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { promtool, readYaml, record, run } from './deploy-files.js';
import { RULES_FILE, dashboard, dashboardQueries, rules, withoutVariables } from './promql.js';

describe('Prometheus and Alertmanager configuration (deploy/prometheus, deploy/alertmanager)', () => {
  it('the rules pass `promtool check rules`', async () => {
    const { code, output } = await promtool(['check', 'rules', RULES_FILE]);
    expect(output).toContain('SUCCESS');
    expect(code, output).toBe(0);
  });

  it('prometheus.yml passes `promtool check config`, its rule file included', async () => {
    const { code, output } = await promtool([
      'check',
      'config',
      'deploy/prometheus/prometheus.yml',
    ]);
    expect(output).toContain('SUCCESS: 1 rule files found');
    expect(code, output).toBe(0);
  });

  it('the unit tests of the rules pass (`promtool test rules`): burn-rate, dead-letter and health alerts fire on synthetic series and stay quiet otherwise', async () => {
    const { code, output } = await promtool([
      'test',
      'rules',
      'deploy/prometheus/slawatch-rules.test.yml',
    ]);
    expect(output).toContain('SUCCESS');
    expect(code, output).toBe(0);
  });

  it('every alert has a severity, a summary, a description and a `for`', () => {
    const alerts = rules().filter((r) => r.alert !== undefined);
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'SlaErrorBudgetBurnFast',
        'SlaErrorBudgetBurnSlow',
        'SlaOpenBreachedTickets',
        'SlawatchTargetDown',
        'SlawatchNoSlaExporter',
        'SlawatchConsumerLagHigh',
        'SlawatchConsumerLagGrowing',
        'SlawatchTrackerNotCommitting',
        'SlawatchTrackerRestarting',
        'SlawatchDeadLetterRateHigh',
        'SlawatchAlertDeliveriesDead',
        'SlawatchAlertDeliveriesRetrying',
        'SlawatchTimerLatenessHigh',
      ]),
    );
    for (const a of alerts) {
      expect(['critical', 'warning', 'info'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.description, a.alert).toBeTruthy();
      expect(a.for, a.alert).toMatch(/^\d+[smh]$/);
    }
  });

  it('alertmanager.yml passes `amtool check-config`', async () => {
    const { code, output } = await run(
      'amtool',
      ['prometheus-alertmanager'],
      ['check-config', 'deploy/alertmanager/alertmanager.yml'],
    );
    expect(output).toContain('SUCCESS');
    expect(code, output).toBe(0);
  });
});

describe('the Grafana dashboard (deploy/grafana/dashboards/slawatch.json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slawatch-dashboard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every panel query is valid PromQL (promtool parses each as a recording rule)', async () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(20);
    const file = join(dir, 'dashboard-queries.yml');
    writeFileSync(
      file,
      stringify({
        groups: [
          {
            name: 'dashboard',
            rules: queries.map((q, i) => ({
              record: `dashboard:query_${i}`,
              expr: withoutVariables(q.expr),
            })),
          },
        ],
      }),
    );
    const { code, output } = await promtool(['check', 'rules', file]);
    expect(code, `${output}\n${queries.map((q, i) => `${i}: ${q.where}`).join('\n')}`).toBe(0);
  });

  it('Grafana provisions the data source the dashboard selects, and loads the dashboard from where compose mounts it', () => {
    const sources = record(
      readYaml('deploy/grafana/provisioning/datasources/prometheus.yml'),
      'datasources',
    ).datasources as { uid: string; type: string; url: string }[];
    const variable = dashboard().templating.list.find(
      (v) => v.name === 'datasource',
    ) as unknown as {
      current: { value: string };
    };
    expect(sources).toContainEqual(
      expect.objectContaining({
        uid: variable.current.value,
        type: 'prometheus',
        url: 'http://prometheus:9090',
      }),
    );
    const providers = record(
      readYaml('deploy/grafana/provisioning/dashboards/provider.yml'),
      'providers',
    ).providers as { options: { path: string } }[];
    const grafana = record(
      record(record(readYaml('docker-compose.yml'), 'compose').services, 'services').grafana,
      'grafana',
    );
    expect(grafana.volumes).toContain(
      `./deploy/grafana/dashboards:${providers[0]!.options.path}:ro`,
    );
    expect(grafana.volumes).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro');
  });
});
