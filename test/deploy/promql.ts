import { readText, readYaml, record } from './deploy-files.js';

/** PromQL words that look like metric names: aggregations, operators, modifiers. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'atan2',
  'inf',
  'nan',
  'Inf',
  'NaN',
]);

/**
 * The metric names a PromQL expression selects. A light scan, not a parser: string
 * literals, label matchers, ranges, grouping clauses and Grafana variables are cut out,
 * then every identifier not followed by `(` (a function or aggregation) and not a keyword
 * is a metric name. Expressions are also checked by promtool, which parses them for real.
 */
export function metricNames(expr: string): string[] {
  let e = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  e = e.replace(/\{[^}]*\}/g, ' ');
  e = e.replace(/\[[^\]]*\]/g, ' ');
  e = e.replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  e = e.replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const m of e.matchAll(/(?<![\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const rest = e.slice(m.index + m[0].length).trimStart();
    if (rest.startsWith('(') || KEYWORDS.has(m[0])) continue;
    names.add(m[0]);
  }
  return [...names];
}

export interface Query {
  /** Where it is, for messages: `dashboard panel "CPU" A`, `rule SlawatchTargetDown`. */
  readonly where: string;
  readonly expr: string;
}

export const RULES_FILE = 'deploy/prometheus/slawatch-rules.yml';
export const DASHBOARD_FILE = 'deploy/grafana/dashboards/slawatch.json';

interface Rule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** Every rule of the Prometheus rules file. */
export function rules(): Rule[] {
  const groups = record(readYaml(RULES_FILE), RULES_FILE).groups as { rules: Rule[] }[];
  return groups.flatMap((g) => g.rules);
}

/** The series the rules file records (`record:`), which queries may use too. */
export const recordedNames = (): Set<string> =>
  new Set(rules().flatMap((r) => (r.record ? [r.record] : [])));

export const ruleQueries = (): Query[] =>
  rules().map((r) => ({ where: `rule ${r.record ?? r.alert}`, expr: r.expr }));

interface Panel {
  readonly title?: string;
  readonly type?: string;
  readonly targets?: { expr?: string; refId?: string }[];
  readonly panels?: Panel[];
}

interface Dashboard {
  readonly panels: Panel[];
  readonly templating: {
    list: { name: string; type: string; query?: unknown; definition?: string }[];
  };
}

export const dashboard = (): Dashboard => JSON.parse(readText(DASHBOARD_FILE)) as Dashboard;

/** Every panel query of the dashboard, rows' nested panels included. */
export function dashboardQueries(d = dashboard()): Query[] {
  const all = (panels: readonly Panel[]): Panel[] =>
    panels.flatMap((p) => [p, ...all(p.panels ?? [])]);
  return all(d.panels).flatMap((p) =>
    (p.targets ?? []).map((t) => ({
      where: `dashboard panel "${p.title}" ${t.refId}`,
      expr: t.expr ?? '',
    })),
  );
}

/** The metrics the dashboard's template variables read (`label_values(metric, label)`). */
export function variableMetrics(d = dashboard()): Query[] {
  return d.templating.list
    .filter((v) => v.type === 'query')
    .map((v) => {
      const query = typeof v.query === 'string' ? v.query : (v.query as { query: string }).query;
      const m = /^label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,/.exec(query);
      if (!m) throw new Error(`dashboard variable ${v.name}: unexpected query ${query}`);
      return { where: `dashboard variable ${v.name}`, expr: m[1]! };
    });
}

/** Grafana's variables replaced by values a plain PromQL parser takes. */
export const withoutVariables = (expr: string): string =>
  expr
    .replace(/\$__rate_interval|\$__interval|\$\{?window\}?/g, '1d')
    .replace(/\$\{?\w+\}?/g, '.*');
