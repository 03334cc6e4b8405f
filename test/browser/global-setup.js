'use strict';

// Starts the sandbox, n8n (with the packed package) and one Chromium for the whole browser
// suite, and hands their addresses to the test files in process.env.LEXOFFICE_BROWSER_ENV.
const { startStack, launchBrowserServer, describeStack } = require('./editor');

module.exports = async function globalSetup() {
	// A stack started by `node test/browser/stack.js` (quick iterations) is used as it is.
	if (process.env.LEXOFFICE_BROWSER_ENV) return;
	const stack = await startStack();
	let browserServer;
	try {
		browserServer = await launchBrowserServer();
	} catch (error) {
		await stack.stop();
		throw error;
	}
	globalThis.__LEXOFFICE_BROWSER__ = { stack, browserServer };
	process.env.LEXOFFICE_BROWSER_ENV = JSON.stringify(describeStack(stack, { wsEndpoint: browserServer.wsEndpoint() }));
};
