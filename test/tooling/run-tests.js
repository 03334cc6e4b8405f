#!/usr/bin/env node
'use strict';
/**
 * Runs test suites one after the other and ends with one line of totals.
 *
 *   node test/tooling/run-tests.js            unit tests, engine tests, then the end-to-end suite in a real n8n
 *   node test/tooling/run-tests.js browser    the editor tests in Chromium
 *   node test/tooling/run-tests.js unit e2e browser
 *   node test/tooling/run-tests.js queue     n8n in queue mode (installs Debian's redis-server if missing)
 *
 * Every suite runs even when an earlier one failed, so one run shows everything; the exit
 * code is non-zero if any test failed or any suite could not run.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const JEST = require.resolve('jest/bin/jest');

const SUITES = {
	unit: { title: 'unit tests (domain, no server)', args: ['test/unit/'] },
	engine: { title: 'engine tests (n8n-core against the sandbox)', args: ['test/engine/', 'test/faults/', 'test/sandbox/'] },
	e2e: { title: 'end-to-end tests in a real n8n', args: ['--testMatch', '**/test/e2e/**/*.e2e.js', '--runInBand'] },
	browser: { title: 'editor tests in Chromium', args: ['-c', 'test/browser/jest.config.js'] },
	queue: { title: 'queue-mode tests (Redis, n8n main and workers)', args: ['--testMatch', '**/test/queue/**/*.queue.js', '--runInBand'] },
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : ['unit', 'engine', 'e2e'];
for (const name of names) {
	if (!SUITES[name]) {
		process.stderr.write(`unknown suite "${name}"; choose from ${Object.keys(SUITES).join(', ')}\n`);
		process.exit(2);
	}
}

const totals = { passed: 0, failed: 0 };
const lines = [];
let broken = false;
for (const name of names) {
	const suite = SUITES[name];
	process.stdout.write(`\n=== ${suite.title} ===\n`);
	const outputFile = path.join(os.tmpdir(), `lexoffice-jest-${process.pid}-${name}.json`);
	const run = spawnSync(process.execPath, [JEST, ...suite.args, '--json', `--outputFile=${outputFile}`], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	let result;
	try {
		result = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
		fs.rmSync(outputFile, { force: true });
	} catch {
		result = undefined;
	}
	if (!result || result.numTotalTests === 0) {
		broken = true;
		lines.push(`${suite.title}: did not run (exit ${run.status ?? run.signal})`);
		continue;
	}
	const failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
	totals.passed += result.numPassedTests;
	totals.failed += failed;
	if (run.status !== 0 && failed === 0) broken = true;
	lines.push(`${suite.title}: ${result.numPassedTests} passed, ${failed} failed`);
}

process.stdout.write(`\n${lines.join('\n')}\n`);
process.stdout.write(`Tests: ${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
