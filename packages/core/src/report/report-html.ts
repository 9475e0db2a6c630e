import { CLOCK_NAME } from '../contract/clock-names.js';
import { CLOCK_KINDS, type ClockKind } from '../contract/vocabulary.js';
import type { MetricValues } from '../metrics/metric-summary.js';
import type { BreachedClock, PeriodReport, ReportFigures } from './period-report.js';

/** Breached clocks written out in the HTML (the JSON has them all, up to its cap). */
const HTML_BREACHED = 500;

/** A clock kind's name as a label: `First response`. */
const clockLabel = (k: ClockKind): string =>
  `${CLOCK_NAME[k][0]!.toUpperCase()}${CLOCK_NAME[k].slice(1)}`;

/** Text of the producers' or the document's, made safe for HTML. */
const esc = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const day = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)} %`);
const num = (n: number | null, digits = 0) =>
  n === null ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** A duration in seconds as `4h 05m`, `12m 30s` or `45s`. */
function span(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h >= 48) return `${Math.round(h / 24)}d`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * The change of a figure against the previous period, worded and marked better or worse
 * (`better` says which way is better, `null` neither; ratios change in points).
 */
function change(
  now: number | null,
  before: number | null,
  better: 'up' | 'down' | null,
  unit: 'pt' | 'count' | 'seconds',
): string {
  if (now === null || before === null) return '<span class="chg">–</span>';
  const d = now - before;
  // What the reader sees: a change that rounds to nothing is none.
  const shown =
    unit === 'pt' ? Math.round(d * 1000) : unit === 'seconds' ? Math.round(d) : Math.round(d * 10);
  if (shown === 0) return '<span class="chg">=</span>';
  const sign = d > 0 ? '+' : '−';
  const text =
    unit === 'pt'
      ? `${sign}${Math.abs(d * 100).toFixed(1)} pt`
      : unit === 'seconds'
        ? `${sign}${span(Math.abs(d))}`
        : `${sign}${num(Math.abs(d), 1)}`;
  if (better === null) return `<span class="chg">${text}</span>`;
  const good = d > 0 === (better === 'up');
  return `<span class="chg ${good ? 'better' : 'worse'}">${text}<span class="sr"> (${good ? 'better' : 'worse'})</span></span>`;
}

/** The kinds a report shows: the first three, and those the document targets. */
const kindsOf = (m: MetricValues): ClockKind[] => CLOCK_KINDS.filter((k) => k in m.attainment);

interface Headline {
  readonly label: string;
  readonly now: string;
  readonly was: string;
  readonly change: string;
}

function headlines(f: ReportFigures): Headline[] {
  const { period: p, previous: b } = f;
  const h = (label: string, now: string, was: string, chg: string) => ({
    label,
    now,
    was,
    change: chg,
  });
  return [
    h(
      'SLA attainment',
      pct(p.attainment.overall),
      pct(b.attainment.overall),
      change(p.attainment.overall, b.attainment.overall, 'up', 'pt'),
    ),
    h(
      'Breaches',
      num(p.breaches.total),
      num(b.breaches.total),
      change(p.breaches.total, b.breaches.total, 'down', 'count'),
    ),
    h(
      'Tickets created',
      num(p.volume.created),
      num(b.volume.created),
      change(p.volume.created, b.volume.created, null, 'count'),
    ),
    h(
      'First reply, median',
      span(p.firstResponseTime.p50),
      span(b.firstResponseTime.p50),
      change(p.firstResponseTime.p50, b.firstResponseTime.p50, 'down', 'seconds'),
    ),
    h(
      'Resolution, median',
      span(p.resolutionTime.p50),
      span(b.resolutionTime.p50),
      change(p.resolutionTime.p50, b.resolutionTime.p50, 'down', 'seconds'),
    ),
    h(
      'First-contact resolution',
      pct(p.fcrRate),
      pct(b.fcrRate),
      change(p.fcrRate, b.fcrRate, 'up', 'pt'),
    ),
    h('CSAT', pct(p.csat.share), pct(b.csat.share), change(p.csat.share, b.csat.share, 'up', 'pt')),
    h(
      'NPS',
      num(p.nps.score, 1),
      num(b.nps.score, 1),
      change(p.nps.score, b.nps.score, 'up', 'count'),
    ),
    h(
      'Quality score',
      num(p.qualityScore, 1),
      num(b.qualityScore, 1),
      change(p.qualityScore, b.qualityScore, 'up', 'count'),
    ),
  ];
}

/** Horizontal bars, 0-100 %, of this period against the previous one, one pair a line. */
function barChart(
  title: string,
  lines: readonly { label: string; now: number | null; was: number | null }[],
): string {
  const shown = lines.filter((l) => l.now !== null || l.was !== null);
  if (shown.length === 0) return '';
  const rowH = 34;
  const left = 150;
  const width = 640;
  const barW = width - left - 70;
  const height = shown.length * rowH + 30;
  const bar = (y: number, v: number | null, cls: string) =>
    v === null
      ? ''
      : `<rect class="${cls}" x="${left}" y="${y}" width="${(barW * v).toFixed(1)}" height="11"></rect>` +
        `<text x="${left + barW * v + 6}" y="${y + 10}" class="val">${pct(v)}</text>`;
  const rows = shown
    .map((l, i) => {
      const y = 10 + i * rowH;
      return (
        `<text x="${left - 8}" y="${y + 16}" class="lbl" text-anchor="end">${esc(l.label)}</text>` +
        bar(y, l.now, 'now') +
        bar(y + 13, l.was, 'was')
      );
    })
    .join('');
  const legendY = height - 10;
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%">${rows}<rect class="now" x="${left}" y="${legendY - 9}" width="12" height="9"></rect><text x="${left + 16}" y="${legendY}" class="val">this period</text><rect class="was" x="${left + 110}" y="${legendY - 9}" width="12" height="9"></rect><text x="${left + 126}" y="${legendY}" class="val">previous period</text></svg></figure>`;
}

function rowTable(report: PeriodReport): string {
  if (report.by === null || report.rows.length === 0) return '';
  const head = [
    esc(report.by),
    'created',
    'attainment',
    'change',
    'breaches',
    'first reply p90',
    'resolution p90',
    'FCR',
    'CSAT',
    'quality',
  ];
  const body = report.rows
    .map((r) => {
      const p = r.period;
      return `<tr><th scope="row">${esc(r.value)}</th><td>${num(p.volume.created)}</td><td>${pct(p.attainment.overall)}</td><td>${change(p.attainment.overall, r.previous.attainment.overall, 'up', 'pt')}</td><td>${num(p.breaches.total)}</td><td>${span(p.firstResponseTime.p90)}</td><td>${span(p.resolutionTime.p90)}</td><td>${pct(p.fcrRate)}</td><td>${pct(p.csat.share)}</td><td>${num(p.qualityScore, 1)}</td></tr>`;
    })
    .join('');
  return `<section><h2>By ${esc(report.by)}</h2>${barChart(
    `SLA attainment by ${report.by}`,
    report.rows.slice(0, 40).map((r) => ({
      label: r.value,
      now: r.period.attainment.overall,
      was: r.previous.attainment.overall,
    })),
  )}<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></section>`;
}

function breachedTable(report: PeriodReport, ticketUrl: string | null): string {
  if (report.breachedCount === 0) return '<section><h2>Breached clocks</h2><p>None.</p></section>';
  const link = (id: string) =>
    ticketUrl === null
      ? esc(id)
      : `<a href="${esc(ticketUrl.replace('{ticketId}', encodeURIComponent(id)))}">${esc(id)}</a>`;
  const rows = report.breached
    .slice(0, HTML_BREACHED)
    .map(
      (b: BreachedClock) =>
        `<tr><td>${link(b.ticketId)}</td><td>${clockLabel(b.clock)}${b.cycle > 1 ? ` #${b.cycle}` : ''}</td><td>${day(b.breachedAt)}</td><td>${esc(b.team ?? '–')}</td><td>${esc(b.priority)}</td><td>${esc(b.customerId ?? '–')}</td></tr>`,
    )
    .join('');
  const more =
    report.breachedCount > HTML_BREACHED
      ? `<p>And ${num(report.breachedCount - HTML_BREACHED)} more: the JSON and CSV reports list them all.</p>`
      : '';
  return `<section class="breached"><h2>Breached clocks (${num(report.breachedCount)})</h2><table><thead><tr><th scope="col">ticket</th><th scope="col">clock</th><th scope="col">breached at</th><th scope="col">team</th><th scope="col">priority</th><th scope="col">customer</th></tr></thead><tbody>${rows}</tbody></table>${more}</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
.meta{color:#57606a;margin:0 0 1.2rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem}
.card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem;break-inside:avoid}
.card .label{color:#57606a;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
.card .now{font-size:1.5rem;font-weight:600}.card .was{color:#57606a;font-size:.8rem}
.chg{font-size:.85rem;font-weight:600;color:#57606a}.better{color:#1a7f37}.worse{color:#cf222e}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eaeef2}
thead th{background:#f6f8fa}tr{break-inside:avoid}
figure{margin:1rem 0;break-inside:avoid}figcaption{font-weight:600;margin-bottom:.3rem}
svg .now{fill:#0969da}svg .was{fill:#afb8c1}svg .lbl{font-size:12px;fill:#1b1f24}svg .val{font-size:11px;fill:#57606a}
@page{size:A4;margin:14mm}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}.breached{break-before:page}}
`;

/**
 * The report as one self-contained HTML page a manager reads at a glance and prints to
 * PDF from the browser: the headline figures against the previous period, attainment per
 * clock kind and per row as bar charts (inline SVG, no script), the rows' table, and the
 * breached clocks. Every value from the events is escaped.
 */
export function reportHtml(
  report: PeriodReport,
  options: {
    readonly title?: string;
    readonly ticketUrl: string | null;
    readonly generatedAt: number;
  },
): string {
  const title =
    options.title ??
    `SLA report ${day(report.from).slice(0, 10)} – ${day(report.to - 1).slice(0, 10)}${report.by ? ` by ${report.by}` : ''}`;
  const cards = headlines(report.overall)
    .map(
      (h) =>
        `<div class="card"><div class="label">${h.label}</div><div class="now">${h.now}</div><div class="was">previous ${h.was} ${h.change}</div></div>`,
    )
    .join('');
  const p = report.overall.period;
  const b = report.overall.previous;
  const kinds = kindsOf(p);
  const attainment = p.attainment as Record<string, number | null | undefined>;
  const before = b.attainment as Record<string, number | null | undefined>;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(title)}</h1>
<p class="meta">From ${day(report.from)} to ${day(report.to)}, against ${day(report.previousFrom)} to ${day(report.from)}. Generated by slawatch on ${day(options.generatedAt)}.</p></header>
<section><h2>Headline</h2><div class="cards">${cards}</div></section>
<section><h2>SLA attainment by clock</h2>${barChart(
    'Met ÷ (met + breached), per clock kind',
    kinds.map((k) => ({
      label: clockLabel(k),
      now: attainment[k] ?? null,
      was: before[k] ?? null,
    })),
  )}</section>
${rowTable(report)}
${breachedTable(report, options.ticketUrl)}
</body></html>
`;
}
