import { parseDocument } from 'yaml';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { calendarSchema } from '../calendar/calendar-schema.js';
import type { CalendarSpec } from '../calendar/calendar-spec.js';
import { compileCalendar } from '../calendar/compile-calendar.js';
import { ALWAYS_OPEN_CALENDAR_ID, alwaysOpenCalendar } from '../calendar/always-open-calendar.js';
import { issueMessage } from '../validation/issue-message.js';
import { problemsFromZod, type ValidationProblem } from '../validation/validation-problem.js';
import type { Policy } from './policy.js';
import type { PolicyDocument } from './policy-document.js';
import { policyDocumentSchema, policySchema } from './policy-schema.js';
import {
  DEFAULT_METRICS_SETTINGS,
  metricsSettingsSchema,
  type MetricsSettings,
} from '../metrics/metrics-settings.js';
import { createPolicySet, type PolicySet } from './policy-set.js';
import { alertingSchema, toAlertingSettings } from '../alerting/alerting-schema.js';
import { NO_ALERTING, type AlertingSettings } from '../alerting/alerting-settings.js';
import { alertingProblems } from '../alerting/alerting-problems.js';

export type PolicyLoad =
  | { readonly ok: true; readonly document: PolicyDocument; readonly policySet: PolicySet }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

const options = { error: issueMessage } as const;

/**
 * Validates a decoded policy document (from YAML, JSON or an API body) completely: every
 * problem is listed with its path (`policies[2].targets.resolution: ...`), and nothing is
 * returned unless the whole document is valid.
 */
export function loadPolicyDocument(raw: unknown): PolicyLoad {
  const top = policyDocumentSchema.safeParse(raw ?? {}, options);
  if (!top.success) return { ok: false, problems: problemsFromZod(top.error) };
  const problems: ValidationProblem[] = [];

  const calendars: CalendarSpec[] = [];
  const calendarIds = new Set<string>([ALWAYS_OPEN_CALENDAR_ID]);
  top.data.calendars.forEach((item, i) => {
    const parsed = calendarSchema.safeParse(item, options);
    if (!parsed.success) {
      // Keep its id known so policies using it are not also reported as unknown.
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') calendarIds.add(id);
      return problems.push(...problemsFromZod(parsed.error, ['calendars', i]));
    }
    // (The calendar schema itself refuses the reserved id "24x7".)
    if (calendarIds.has(parsed.data.id))
      problems.push({
        path: `calendars[${i}].id`,
        message: `duplicate calendar id "${parsed.data.id}"`,
      });
    calendarIds.add(parsed.data.id);
    calendars.push(parsed.data);
  });

  const policies: Policy[] = [];
  const policyIds = new Set<string>();
  top.data.policies.forEach((item, i) => {
    // References are checked on the raw item so they are reported even when other fields
    // of the same policy are wrong.
    const reference = (item as { calendar?: unknown } | null)?.calendar;
    if (typeof reference === 'string' && !calendarIds.has(reference))
      problems.push({
        path: `policies[${i}].calendar`,
        message: `unknown calendar "${reference}" (known: ${[...calendarIds].join(', ')})`,
      });
    const parsed = policySchema.safeParse(item, options);
    if (!parsed.success) return problems.push(...problemsFromZod(parsed.error, ['policies', i]));
    const policy = parsed.data as Policy;
    if (policyIds.has(policy.id))
      problems.push({ path: `policies[${i}].id`, message: `duplicate policy id "${policy.id}"` });
    policyIds.add(policy.id);
    policies.push(policy);
  });
  let metrics: MetricsSettings = DEFAULT_METRICS_SETTINGS;
  if (top.data.metrics !== undefined) {
    const parsed = metricsSettingsSchema.safeParse(top.data.metrics, options);
    if (parsed.success) metrics = parsed.data;
    else problems.push(...problemsFromZod(parsed.error, ['metrics']));
  }
  let alerting: AlertingSettings = NO_ALERTING;
  if (top.data.alerting !== undefined) {
    const parsed = alertingSchema.safeParse(top.data.alerting, options);
    if (parsed.success) {
      alerting = toAlertingSettings(parsed.data);
      problems.push(...alertingProblems(alerting, calendarIds));
    } else problems.push(...problemsFromZod(parsed.error, ['alerting']));
  }
  if (problems.length > 0) return { ok: false, problems };

  const compiled = new Map<string, BusinessCalendar>([
    [ALWAYS_OPEN_CALENDAR_ID, alwaysOpenCalendar],
  ]);
  for (const spec of calendars) compiled.set(spec.id, compileCalendar(spec));
  return {
    ok: true,
    document: { calendars, policies, metrics, alerting },
    policySet: createPolicySet(policies, compiled, metrics, alerting),
  };
}

/** Parses policy document text (YAML, or JSON, which is YAML too) and validates it. */
export function parsePolicyDocument(text: string): PolicyLoad {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '',
        message: `${e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : ''}${e.message.split(' at line ')[0]!.split('\n')[0]}`,
      })),
    };
  return loadPolicyDocument(doc.toJS() as unknown);
}
