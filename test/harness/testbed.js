'use strict';
// One lexoffice sandbox plus n8n's engine with the built Lexoffice node and both credentials.
const { createEngine } = require('./n8nEngine');
const { startSandbox } = require('../sandbox');
const { Lexoffice } = require('../../dist/nodes/Lexoffice/Lexoffice.node');
const { LexofficeApi } = require('../../dist/credentials/LexofficeApi.credentials');
const { LexofficeOAuth2Api } = require('../../dist/credentials/LexofficeOAuth2Api.credentials');

const API_KEY = 'sandbox-api-key-0123456789';
const CLIENT_ID = 'sandbox-client';
const CLIENT_SECRET = 'sandbox-client-secret-9876';

/**
 * @param {object} [options]
 * @param {number} [options.requestsPerSecond] the limit the sandbox enforces and the credential declares
 * @param {object} [options.sandbox] extra startSandbox options
 */
async function createTestbed(options = {}) {
	const requestsPerSecond = options.requestsPerSecond ?? 40;
	const hooks = { onLog: undefined };
	const sandbox = await startSandbox({
		rateLimit: { requestsPerSecond, burst: Math.max(2, Math.floor(requestsPerSecond)) },
		apiKeys: [API_KEY],
		oauth: { clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }], accessTokenTtlSeconds: 3600 },
		onLog: (entry) => hooks.onLog?.(entry),
		...options.sandbox,
	});
	const engine = createEngine({
		nodeTypes: { lexoffice: Lexoffice },
		credentialTypes: [LexofficeApi, LexofficeOAuth2Api],
	});
	engine.setCredential({
		id: 'api-key',
		name: 'lexoffice key',
		type: 'lexofficeApi',
		data: { apiKey: API_KEY, environment: 'custom', customApiBaseUrl: sandbox.url, requestsPerSecond },
	});

	/** An OAuth2 credential already connected, as after "Connect my account". */
	function connectOAuth2(id = 'oauth', extra = {}) {
		const token = sandbox.issueToken({ clientId: CLIENT_ID });
		engine.setCredential({
			id,
			name: `lexoffice oauth ${id}`,
			type: 'lexofficeOAuth2Api',
			data: {
				environment: 'custom',
				customAuthorizationUrl: `${sandbox.url}/oauth2/authorize`,
				customAccessTokenUrl: `${sandbox.url}/oauth2/token`,
				customApiBaseUrl: sandbox.url,
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				requestsPerSecond,
				oauthTokenData: { ...token, token_type: 'bearer' },
				...extra,
			},
		});
		return token;
	}

	/**
	 * Runs the node once. `auth` picks the credential: 'apiKey' (default) or an OAuth2
	 * credential id created with connectOAuth2.
	 */
	async function run(parameters, { items = [{ json: {} }], continueOnFail = false, auth = 'apiKey', cancelAfterMs } = {}) {
		const credentials =
			auth === 'apiKey'
				? { lexofficeApi: { id: 'api-key', name: 'lexoffice key' } }
				: { lexofficeOAuth2Api: { id: auth, name: `lexoffice oauth ${auth}` } };
		return await engine.runNode({
			type: 'lexoffice',
			parameters: { authentication: auth === 'apiKey' ? 'apiKey' : 'oAuth2', ...parameters },
			credentials,
			items,
			continueOnFail,
			cancelAfterMs,
		});
	}

	/** Requests the sandbox saw on /v1 since the last clearLog(). */
	function apiRequests() {
		return sandbox.log.filter((entry) => entry.path.startsWith('/v1'));
	}

	async function close() {
		await engine.close();
		await sandbox.close();
	}

	return { sandbox, engine, hooks, run, connectOAuth2, apiRequests, close, API_KEY, CLIENT_ID, CLIENT_SECRET };
}

/** Every string in a value, for checking that no secret leaked anywhere in it. */
function serialise(value) {
	const seen = new WeakSet();
	return JSON.stringify(value, (key, entry) => {
		if (entry && typeof entry === 'object') {
			if (seen.has(entry)) return undefined;
			seen.add(entry);
		}
		if (entry instanceof Error) {
			return { message: entry.message, description: entry.description, context: entry.context, stack: entry.stack, cause: entry.cause };
		}
		return entry;
	});
}

module.exports = { createTestbed, serialise, API_KEY, CLIENT_ID, CLIENT_SECRET };
