#!/usr/bin/env node
/* global process */
// The published entry point: runs the compiled CLI (npm ci / npm run build compile it).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
