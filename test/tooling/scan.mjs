#!/usr/bin/env node
/**
 * Runs n8n's community-package scanner (@n8n/scan-community-package, the static analysis n8n
 * runs before it verifies a package) on this checkout, the way it scans a published version:
 *
 *   1. the source leg: package.json and nodes/ + credentials/ sources with the full rule set;
 *   2. the tarball leg: `npm pack` of the built package, its compiled .js and its package.json.
 *
 * The published scan also checks npm provenance and fetches the attested source; neither exists
 * before a release, so that part runs only against the registry (the release workflow publishes
 * with provenance). Exit code 1 when either leg finds a violation.
 *
 *   npm run build && node test/tooling/scan.mjs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

if (!fs.existsSync(path.join(root, 'dist'))) {
	process.stderr.write('dist/ is missing: run `npm run build` first\n');
	process.exit(2);
}

function packTarball() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexoffice-scan-'));
	const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const { filename } = JSON.parse(out)[0];
	const unpacked = path.join(dir, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', unpacked, '--strip-components=1']);
	return { dir, unpacked, filename };
}

const legs = [];
legs.push({ name: 'source (package.json, nodes/, credentials/)', result: await analyzePackage(root, SOURCE_FILE_PATTERNS) });
const tarball = packTarball();
try {
	legs.push({
		name: `tarball ${tarball.filename} (compiled .js, package.json)`,
		result: await analyzePackage(tarball.unpacked, ['**/*.js', 'package.json']),
	});
} finally {
	fs.rmSync(tarball.dir, { recursive: true, force: true });
}

let failed = false;
for (const { name, result } of legs) {
	if (result.passed) {
		process.stdout.write(`scan passed: ${name}\n`);
	} else {
		failed = true;
		process.stdout.write(`scan FAILED: ${name}: ${result.message}\n${result.details ?? ''}\n`);
	}
}
process.exit(failed ? 1 : 0);
