import { Lexer, parseDocument } from 'yaml';
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
  longestWindowMs,
  metricsSettingsSchema,
  type MetricsSettings,
} from '../metrics/metrics-settings.js';
import { createPolicySet, type PolicySet } from './policy-set.js';
import { MAX_POLICY_DOCUMENT_DEPTH, tooDeepPath } from './document-depth.js';
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
  // Before any schema: the route schema is recursive, and a tree 1,000 deep overflows it.
  const deep = tooDeepPath(raw);
  if (deep !== null)
    return {
      ok: false,
      problems: [
        {
          path: deep,
          message: `nested deeper than ${MAX_POLICY_DOCUMENT_DEPTH} levels of lists and maps (alert routes nest at most 30 deep)`,
        },
      ],
    };
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
      problems.push(...alertingProblems(alerting, calendarIds, longestWindowMs(metrics)));
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

/**
 * How many alias nodes (`*name`) the YAML of a policy document may resolve, counted the
 * way yaml's `maxAliasCount` counts them: a few aliases that refer to each other can
 * otherwise expand a kilobyte into gigabytes (a "billion laughs").
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * Where flow collections (`[`, `{`) in `text` first nest deeper than the document may,
 * from yaml's own lexer (quotes and comments as the parser sees them), or null. Checked
 * before parsing: yaml's parser runs out of memory on some ten thousand of them.
 */
const LEXER_MARKERS = new Set(['\x02', '\x18', '\x1f']);

function tooDeepFlow(text: string): { line: number; column: number } | null {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') depth += 1;
    else if (token === ']' || token === '}') depth -= 1;
    if (depth > MAX_POLICY_DOCUMENT_DEPTH) {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length, column: before.at(-1)!.length + 1 };
    }
    // The lexer's markers of where a document, scalar or flow ends are not in the text.
    if (!LEXER_MARKERS.has(token)) offset += token.length;
  }
  return null;
}

const failed = (message: string): PolicyLoad => ({ ok: false, problems: [{ path: '', message }] });

/** Parses policy document text (YAML, or JSON, which is YAML too) and validates it. */
export function parsePolicyDocument(text: string): PolicyLoad {
  const deepFlow = tooDeepFlow(text);
  if (deepFlow !== null)
    return failed(
      `line ${deepFlow.line}, column ${deepFlow.column}: lists and maps nested deeper than ${MAX_POLICY_DOCUMENT_DEPTH} levels`,
    );
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '',
        message: `${e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : ''}${
          // yaml reports its own stack overflow on a block structure nested ~1,000 deep.
          /call stack/i.test(e.message)
            ? `lists and maps nested deeper than ${MAX_POLICY_DOCUMENT_DEPTH} levels`
            : e.message.split(' at line ')[0]!.split('\n')[0]
        }`,
      })),
    };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError for excessive aliasing; anything else it throws is
    // still a document it cannot turn into data, so the caller hears why.
    return failed(
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `the YAML aliases (*name) expand too far: at most ${MAX_YAML_ALIAS_COUNT} alias nodes may be resolved (maxAliasCount)`
        : `the YAML cannot be read: ${(error as Error).message}`,
    );
  }
  return loadPolicyDocument(raw);
}
