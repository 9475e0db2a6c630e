// Container health check without curl (slim images have none): exits 0 when `GET <url>`
// answers 2xx within 4 s, else 1. The URL defaults to the gateway's /healthz on
// SLAWATCH_HTTP_PORT; a tracker or alerter passes http://127.0.0.1:<SLAWATCH_OPS_PORT>/healthz.
const url =
  process.argv[2] ?? `http://127.0.0.1:${process.env.SLAWATCH_HTTP_PORT ?? '8080'}/healthz`;
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!res.ok) console.error(`${url}: HTTP ${res.status}`);
  process.exitCode = res.ok ? 0 : 1;
} catch (error) {
  console.error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
