#!/usr/bin/env node
'use strict';

/**
 * Keeps the browser suite's stack running for quick iterations on one test file:
 *   node test/browser/stack.js > /tmp/browser-env.json      (Ctrl-C or SIGTERM stops it)
 *   LEXOFFICE_BROWSER_ENV="$(cat /tmp/browser-env.json)" npx jest -c test/browser/jest.config.js test/browser/run.browser.js
 * With LEXOFFICE_BROWSER_ENV set, global-setup.js uses that stack instead of starting one.
 * The stack keeps its state between runs (credentials, workflows, invoices created by tests).
 */
const { startStack, launchBrowserServer, describeStack } = require('./editor');

async function main() {
	const stack = await startStack();
	let browserServer;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		if (browserServer) await browserServer.close().catch(() => {});
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	try {
		browserServer = await launchBrowserServer();
	} catch (error) {
		await stack.stop();
		throw error;
	}
	process.stdout.write(`${JSON.stringify(describeStack(stack, { wsEndpoint: browserServer.wsEndpoint() }))}\n`);
	process.stderr.write(`stack ready: n8n ${stack.n8n.url}, sandbox ${stack.sandbox.url}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
