import { describe, expect, it } from 'vitest';
import { alertingEnv, describeProblem, NO_ALERTING, parsePolicyDocument } from '../../src/index.js';

const POLICIES = `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"] }
policies:
  - { id: p, targets: { firstResponse: 1h } }
`;
const load = (alerting: string) => parsePolicyDocument(`${POLICIES}alerting:\n${alerting}`);
const problems = (alerting: string) => {
  const r = load(alerting);
  return r.ok ? [] : r.problems.map(describeProblem);
};

describe('the alerting section of the policy document', () => {
  it('reads receivers of every type with their defaults, reminders in order, and the route tree', () => {
    const r = load(`
  reminders: [2h, 30m]
  groupWindow: 1m
  ticketUrl: https://help.example.com/tickets/{ticketId}
  receivers:
    - { id: hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_SECRET }
    - { id: chat, type: slack, urlEnv: SLACK_URL, quietHours: { outside: office, except: [breach] } }
    - { id: pager, type: pagerduty, routingKeyEnv: PD_KEY }
    - { id: am, type: alertmanager, url: "http://127.0.0.1:9093" }
    - id: mail
      type: email
      smtp: { host: smtp.example.com, user: slawatch, passwordEnv: SMTP_PASSWORD }
      from: slawatch@example.com
      to: [oncall@example.com]
  route:
    receivers: [hook]
    routes:
      - { match: { level: [breach], priority: [urgent] }, receivers: [pager], continue: true }
      - { match: { team: [emea] }, receivers: [chat] }
`);
    if (!r.ok) throw new Error(r.problems.map(describeProblem).join('\n'));
    const a = r.policySet.alerting;
    expect(a.reminders).toEqual([30 * 60_000, 2 * 3_600_000]);
    expect(a.groupWindowMs).toBe(60_000);
    expect(a.receivers.map((x) => [x.id, x.type, x.ratePerMinute])).toEqual([
      ['hook', 'webhook', 60],
      ['chat', 'slack', 60],
      ['pager', 'pagerduty', 60],
      ['am', 'alertmanager', 60],
      ['mail', 'email', 60],
    ]);
    expect(a.receivers[1]!.quietHours).toEqual({ outside: 'office', except: ['breach'] });
    expect(a.receivers[2]).toMatchObject({ url: 'https://events.pagerduty.com/v2/enqueue' });
    expect(a.receivers[4]).toMatchObject({ smtp: { port: 587, secure: false } });
    expect(a.route.routes[0]).toMatchObject({ continue: true, receivers: ['pager'] });
    // Every secret is named by its variable, with where the document names it.
    expect(alertingEnv(a)).toEqual([
      { path: 'alerting.receivers[0].urlEnv', name: 'HOOK_URL' },
      { path: 'alerting.receivers[0].secretEnv', name: 'HOOK_SECRET' },
      { path: 'alerting.receivers[1].urlEnv', name: 'SLACK_URL' },
      { path: 'alerting.receivers[2].routingKeyEnv', name: 'PD_KEY' },
      { path: 'alerting.receivers[4].smtp.passwordEnv', name: 'SMTP_PASSWORD' },
    ]);
  });

  it('turns grouping off with a window of 0s, and names a bad window', () => {
    const off = load('  groupWindow: 0s\n');
    expect(off.ok && off.policySet.alerting.groupWindowMs).toBe(0);
    expect(problems('  groupWindow: soon\n')).toEqual([
      expect.stringMatching(/^alerting\.groupWindow: .*, or 0s for none$/),
    ]);
  });

  it('takes forecast alerts from a minimum probability, off by default, and names a bad one', () => {
    const on = load('  forecast: { minProbability: 0.7 }\n');
    expect(on.ok && on.policySet.alerting.forecast).toEqual({ minProbability: 0.7 });
    const off = load('  reminders: [30m]\n');
    expect(off.ok && off.policySet.alerting.forecast).toBeNull();
    expect(problems('  forecast: { minProbability: 2 }\n')).toEqual([
      expect.stringMatching(/^alerting\.forecast\.minProbability: /),
    ]);
    expect(problems('  forecast: { at: 0.5 }\n')).toEqual([
      'alerting.forecast.minProbability: is required',
      'alerting.forecast: unknown field "at"',
    ]);
  });

  it('turns feedback alerts on with an empty section, narrows their scores, off by default, and names a bad one', () => {
    const on = load('  feedback: {}\n');
    expect(on.ok && on.policySet.alerting.feedback).toEqual({ csatAtMost: 2, npsAtMost: 6 });
    const narrowed = load('  feedback: { csatAtMost: 1, npsAtMost: 3 }\n');
    expect(narrowed.ok && narrowed.policySet.alerting.feedback).toEqual({
      csatAtMost: 1,
      npsAtMost: 3,
    });
    const off = load('  reminders: [30m]\n');
    expect(off.ok && off.policySet.alerting.feedback).toBeNull();
    expect(parsePolicyDocument(POLICIES).ok && NO_ALERTING.feedback).toBeNull();
    // No wider than the follow-up list: a CSAT of 3 is never listed, so never announced.
    expect(problems('  feedback: { csatAtMost: 3, npsAtMost: -1, at: 1 }\n')).toEqual([
      'alerting.feedback.csatAtMost: must be at most 2',
      'alerting.feedback.npsAtMost: must be at least 0',
      'alerting.feedback: unknown field "at"',
    ]);
    expect(problems('  feedback: yes\n')).toEqual([expect.stringMatching(/^alerting\.feedback: /)]);
  });

  it('without an alerting section, has no receivers (alerts go to sla.alerts only)', () => {
    const r = parsePolicyDocument(POLICIES);
    expect(r.ok && r.policySet.alerting.receivers).toEqual([]);
  });

  it('refuses secrets written inline: only environment variable names', () => {
    expect(
      problems(`
  receivers:
    - { id: chat, type: slack, urlEnv: "https://hooks.slack.com/services/T0/B0/XYZ" }
`),
    ).toEqual([
      'alerting.receivers[0].urlEnv: must name an environment variable (capital letters, digits and "_"), not hold a value',
    ]);
  });

  it('lists every problem with its path: references, duplicates, vocabularies, shapes', () => {
    expect(
      problems(`
  reminders: [soon]
  receivers:
    - { id: a, type: webhook, urlEnv: A_URL }
    - { id: a, type: slack, urlEnv: B_URL, quietHours: { outside: nights } }
    - { id: c, type: carrier-pigeon }
    - { id: d, type: email, smtp: { host: h }, from: nobody, to: [] }
  route:
    receivers: [a, zz]
    routes:
      - { match: { level: [breached], team: [emea] }, receivers: [a] }
`),
    ).toEqual([
      expect.stringMatching(/^alerting\.reminders\[0\]: /),
      'alerting.receivers[2].type: must be one of webhook, slack, pagerduty, alertmanager, email',
      expect.stringMatching(/^alerting\.receivers\[3\]\.from: /),
      expect.stringMatching(/^alerting\.receivers\[3\]\.to: /),
    ]);
    // Once the shapes are right, the references are checked.
    expect(
      problems(`
  receivers:
    - { id: a, type: webhook, urlEnv: A_URL }
    - { id: a, type: slack, urlEnv: B_URL, quietHours: { outside: nights } }
  route:
    receivers: [a, zz]
    routes:
      - { match: { level: [breached], team: [emea] }, receivers: [a] }
`),
    ).toEqual([
      'alerting.receivers[1].id: duplicate receiver id "a"',
      'alerting.receivers[1].quietHours.outside: unknown calendar "nights" (known: 24x7, office)',
      'alerting.route.receivers[1]: unknown receiver "zz" (known: a)',
      'alerting.route.routes[0].match.level[0]: must be one of at_risk, breach, reminder, forecast, feedback',
    ]);
  });

  it('schedules digests to people’s receivers, one per team listed or one of every team', () => {
    const r = load(`
  receivers:
    - { id: chat, type: slack, urlEnv: SLACK_URL }
    - { id: hook, type: webhook, urlEnv: HOOK_URL }
  digests:
    - { id: emea-weekly, every: week, at: "mon 08:00", calendar: office, teams: [emea, emea], receivers: [chat] }
    - { id: daily, every: day, at: "07:30", receivers: [chat, hook] }
`);
    if (!r.ok) throw new Error(r.problems.map(describeProblem).join('\n'));
    expect(r.policySet.alerting.digests).toEqual([
      {
        id: 'emea-weekly',
        every: 'week',
        at: 'mon 08:00',
        schedule: { every: 'week', weekday: 0, minute: 480 },
        calendar: 'office',
        teams: ['emea'],
        receivers: ['chat'],
      },
      {
        id: 'daily',
        every: 'day',
        at: '07:30',
        schedule: { every: 'day', weekday: null, minute: 450 },
        calendar: null,
        teams: null,
        receivers: ['chat', 'hook'],
      },
    ]);
    expect(NO_ALERTING.digests).toEqual([]);
  });

  it('names every problem of a digest with its path', () => {
    expect(
      problems(`
  digests:
    - { id: w, every: week, at: "08:00", receivers: [chat] }
    - { id: d, every: fortnight, at: "08:00", receivers: [] }
    - { id: t, every: day, at: "08:00", teams: [], receivers: [chat], colour: red }
`),
    ).toEqual([
      'alerting.digests[0].at: must be "<day> HH:MM" with a day of mon, tue, wed, thu, fri, sat, sun (e.g. "mon 08:00")',
      'alerting.digests[1].every: must be one of day, week',
      'alerting.digests[1].receivers: must have at least 1 item',
      'alerting.digests[2].teams: must have at least 1 item',
      'alerting.digests[2]: unknown field "colour"',
    ]);
    expect(
      problems(`
  receivers:
    - { id: chat, type: slack, urlEnv: SLACK_URL }
    - { id: pager, type: pagerduty, routingKeyEnv: PD_KEY }
  route:
    routes: [{ match: { level: [digest] }, receivers: [chat] }]
  digests:
    - { id: a, every: day, at: "08:00", calendar: nights, receivers: [chat, pager, nobody] }
    - { id: a, every: day, at: "09:00", receivers: [chat] }
`),
    ).toEqual([
      'alerting.route.routes[0].match.level[0]: must be one of at_risk, breach, reminder, forecast, feedback',
      'alerting.digests[0].calendar: unknown calendar "nights" (known: 24x7, office)',
      'alerting.digests[0].receivers[1]: receiver "pager" is of type pagerduty: a digest goes to people’s receivers (slack, email) or a webhook',
      'alerting.digests[0].receivers[2]: unknown receiver "nobody" (known: chat, pager)',
      'alerting.digests[1].id: duplicate digest id "a"',
    ]);
  });

  it('refuses a weekly digest when the metric buckets keep less than a week', () => {
    const r = parsePolicyDocument(`${POLICIES}metrics:
  windows: [1h, 24h]
alerting:
  receivers: [{ id: chat, type: slack, urlEnv: SLACK_URL }]
  digests: [{ id: w, every: week, at: "mon 08:00", receivers: [chat] }]
`);
    expect(r.ok ? [] : r.problems.map(describeProblem)).toEqual([
      "alerting.digests[0].every: a week's figures need a metrics window at least that long (metrics.windows: the longest is 24h)",
    ]);
  });
});
