#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: a real n8n editor with this package installed as a community package,
 * talking to the local lexoffice sandbox. Builds the package, installs n8n on the first run
 * (into .cache/), starts the sandbox and n8n, creates an owner, a connected Lexoffice OAuth2
 * credential and an API-key credential that point at the sandbox, imports an example
 * workflow, and prints where to log in. Ctrl-C stops everything.
 *
 * Environment: DEMO_PORT (n8n, default 5678), DEMO_SANDBOX_PORT (default 5680).
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { startSandbox } = require('../sandbox');
const { startN8n, packPackage } = require('./n8n-server');
const { N8nRest, DEFAULT_OWNER, nodes } = require('./n8n-rest');
const { exampleWorkflow } = require('./demo-workflow');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const N8N_PORT = Number(process.env.DEMO_PORT || 5678);
const SANDBOX_PORT = Number(process.env.DEMO_SANDBOX_PORT || 5680);
const API_KEY = 'sandbox-api-key';
const CLIENT_ID = 'sandbox-client';
const CLIENT_SECRET = 'sandbox-secret';

const say = (line) => process.stdout.write(`${line}\n`);

async function main() {
	const running = [];
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the sandbox…');
		for (const stop of running.reverse()) {
			try {
				await stop();
			} catch {
				// keep stopping the rest
			}
		}
		process.exit(code);
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));

	try {
		say('Building the package…');
		execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

		const sandbox = await startSandbox({
			port: SANDBOX_PORT,
			apiKeys: [API_KEY],
			oauth: { clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }], accessTokenTtlSeconds: 3600 },
			seed: { contacts: 25, invoices: 10 },
		});
		running.push(() => sandbox.close());
		say(`lexoffice sandbox: ${sandbox.url} (2 requests/second, like lexoffice)`);

		say('Starting n8n with the package installed (the first run installs n8n into .cache/, about 6 minutes)…');
		const pack = packPackage(REPO_ROOT);
		running.push(async () => pack.cleanup());
		const n8n = await startN8n({ packageTarball: pack.tarball, port: N8N_PORT });
		running.push(() => n8n.stop());

		const api = new N8nRest(n8n.url);
		await api.setupOwner();
		const oauth = await api.createCredential({
			name: 'Lexoffice sandbox (OAuth2)',
			type: 'lexofficeOAuth2Api',
			data: {
				environment: 'custom',
				customAuthorizationUrl: `${sandbox.url}/oauth2/authorize`,
				customAccessTokenUrl: `${sandbox.url}/oauth2/token`,
				customApiBaseUrl: sandbox.url,
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
			},
		});
		const connected = await api.oauth2Connect(oauth.id);
		if (!connected.success) throw new Error(`Connecting the OAuth2 credential failed: ${connected.errorMessage}`);
		await api.createCredential({
			name: 'Lexoffice sandbox (API key)',
			type: 'lexofficeApi',
			data: { apiKey: API_KEY, environment: 'custom', customApiBaseUrl: sandbox.url },
		});
		const workflow = await api.createWorkflow(exampleWorkflow({ id: oauth.id, name: oauth.name }, nodes.manualTrigger));

		say('');
		say(`n8n editor:  ${n8n.url}/workflow/${workflow.id}`);
		say(`login:       ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`);
		say('workflow:    "lexoffice demo: new contact → invoice → PDF" (click "Execute workflow")');
		say(`sandbox:     ${sandbox.url} (API key "${API_KEY}", OAuth2 client "${CLIENT_ID}")`);
		say('Press Ctrl-C to stop.');
	} catch (error) {
		process.stderr.write(`demo failed: ${error.stack || error}\n`);
		await stopAll(1);
	}
}

main();
