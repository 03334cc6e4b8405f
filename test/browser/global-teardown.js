'use strict';

// Stops what global-setup.js started: Chromium first, then n8n, the sandbox and the pack.
module.exports = async function globalTeardown() {
	const started = globalThis.__LEXOFFICE_BROWSER__;
	if (!started) return;
	globalThis.__LEXOFFICE_BROWSER__ = undefined;
	await started.browserServer.close().catch(() => {});
	await started.stack.stop();
};
