#!/usr/bin/env node
'use strict';
/**
 * Lets the README's quick-start commands work on a fresh clone: installs the dev
 * dependencies with `npm ci` when they are missing or older than package-lock.json.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');

const stale = !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;
if (stale) {
	process.stdout.write('Installing the dev dependencies (npm ci)…\n');
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	process.exit(result.status ?? 1);
}
