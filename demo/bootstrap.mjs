#!/usr/bin/env node
// `npm run demo`: on a fresh clone, installs what is missing (Debian's redis-server and
// kcat when run as root, the npm dependencies), builds, then starts the demo. Plain
// JavaScript with Node's built-ins only: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (text) => process.stderr.write(`slawatch demo: ${text}\n`);

function onPath(binary) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  if (result.status !== 0) {
    say(
      `\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
    process.exit(1);
  }
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  say(`needs Node.js 20.19 or newer; this is ${process.versions.node}`);
  process.exit(1);
}

// The private Redis and broker need these, unless you point the demo at your own.
const missing = [];
if (!process.env.SLAWATCH_REDIS_URL && !onPath('redis-server')) missing.push('redis-server');
if (!process.env.SLAWATCH_KAFKA_BROKERS && !onPath('kcat')) missing.push('kcat');
if (missing.length > 0) {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    say(
      `needs Debian's ${missing.join(' and ')}: run \`sudo apt-get install ${missing.join(' ')}\`` +
        ', or give your own with SLAWATCH_REDIS_URL / SLAWATCH_KAFKA_BROKERS',
    );
    process.exit(1);
  }
  say(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    DEBIAN_FRONTEND: 'noninteractive',
  });
}

// npm ci when node_modules is missing or older than the lock file (a pull changed it).
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  say('installing npm dependencies (npm ci), which also builds everything');
  run('npm', ['ci', '--no-audit', '--no-fund']);
} else if (process.env.SLAWATCH_DEMO_BUILD !== '0') {
  say('building (incremental; SLAWATCH_DEMO_BUILD=0 skips it)');
  run('npm', ['run', '--silent', 'build']);
}

await import('./dist/demo.js');
