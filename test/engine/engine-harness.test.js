'use strict';

const { createEngine, INPUT_NODE_NAME } = require('../harness/n8nEngine');
const { HarnessProbe } = require('../harness/fixtures/harnessProbe.node');
const { HarnessApiKeyApi, HarnessOAuth2Api } = require('../harness/fixtures/harnessProbe.credentials');
const { startProbeServer } = require('../harness/fixtures/harnessProbe.server');

const API_KEY = 'api-key-4f1c9e';
const API_KEY_CRED = { id: 'k1', name: 'Probe key' };
const OAUTH_CRED = { id: 'o1', name: 'Probe OAuth' };

describe('n8n engine harness', () => {
	let engine;
	let server;

	beforeAll(async () => {
		engine = createEngine({
			nodeTypes: { harnessProbe: HarnessProbe },
			credentialTypes: [HarnessApiKeyApi, HarnessOAuth2Api],
		});
		server = await startProbeServer();
		server.validTokens.add(API_KEY);
	});

	afterAll(async () => {
		await server.close();
		await engine.close();
	});

	beforeEach(() => {
		server.requests.length = 0;
		engine.clearLogs();
		engine.setCredential({
			...API_KEY_CRED,
			type: 'harnessApiKeyApi',
			data: { apiKey: API_KEY, environment: 'custom', customUrl: server.url },
		});
	});

	const runApiKey = (options) =>
		engine.runNode({
			type: 'harnessProbe',
			credentials: { harnessApiKeyApi: API_KEY_CRED },
			...options,
			parameters: { authentication: 'apiKey', ...options.parameters },
		});

	const setOAuthCredential = (oauthTokenData) =>
		engine.setCredential({
			...OAUTH_CRED,
			type: 'harnessOAuth2Api',
			data: {
				clientId: 'client-1',
				clientSecret: 'client-secret-1',
				environment: 'custom',
				customUrl: server.url,
				oauthTokenData,
			},
		});

	const runOAuth = (options) =>
		engine.runNode({
			type: 'harnessProbe',
			credentials: { harnessOAuth2Api: OAUTH_CRED },
			...options,
			parameters: { authentication: 'oAuth2', ...options.parameters },
		});

	describe('credential resolution', () => {
		test('applies type defaults and resolves hidden expression defaults over the data', async () => {
			const resolved = await engine.getResolvedCredential(API_KEY_CRED.id);
			expect(resolved).toMatchObject({ apiKey: API_KEY, environment: 'custom', baseUrl: server.url });

			engine.setCredential({ id: 'k2', name: 'Prod', type: 'harnessApiKeyApi', data: { apiKey: 'x' } });
			expect(await engine.getResolvedCredential('k2')).toMatchObject({
				environment: 'production',
				baseUrl: 'https://api.example.invalid',
			});
		});

		test('OAuth2 types inherit oAuth2Api (getParentTypes) and pin hidden endpoint fields', async () => {
			expect(engine.credentialsHelper.getParentTypes('harnessOAuth2Api')).toEqual(['oAuth2Api']);
			setOAuthCredential({ access_token: 'good-token' });
			// A stored accessTokenUrl is ignored because the type declares it hidden (as in n8n).
			engine.setCredential({
				...OAUTH_CRED,
				type: 'harnessOAuth2Api',
				data: { ...engine.getCredential(OAUTH_CRED.id), accessTokenUrl: 'https://evil.invalid/token' },
			});
			const resolved = await engine.getResolvedCredential(OAUTH_CRED.id);
			expect(resolved).toMatchObject({
				grantType: 'pkce',
				accessTokenUrl: `${server.url}/token`,
				authUrl: `${server.url}/authorize`,
				authentication: 'header',
				scope: 'read write',
				oauthTokenData: { access_token: 'good-token' },
			});
			// doNotInherit properties of oAuth2Api stay out, like in n8n.
			expect(resolved).not.toHaveProperty('tokenExpiredStatusCode');
		});
	});

	describe('API key (generic authenticate)', () => {
		test('sends the Bearer header built from $credentials.apiKey; $json expressions resolve per item', async () => {
			const result = await runApiKey({
				parameters: { path: '={{ "/echo/" + $json.id }}' },
				items: [{ json: { id: 'a' } }, { json: { id: 'b' } }],
			});

			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.path)).toEqual(['/echo/a', '/echo/b']);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(server.requests.map((r) => r.headers.authorization)).toEqual([
				`Bearer ${API_KEY}`,
				`Bearer ${API_KEY}`,
			]);
			expect(result.runData[INPUT_NODE_NAME]).toHaveLength(1);
		});

		test('a failing request without continueOnFail surfaces the node error', async () => {
			const result = await runApiKey({ parameters: { path: '/fail' }, items: [{ json: {} }] });
			expect(result.items).toEqual([]);
			expect(result.error).toBeDefined();
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.httpCode).toBe('500');
		});

		test('continueOnFail yields an error item with pairedItem while the other items succeed', async () => {
			const result = await runApiKey({
				parameters: { path: '={{ $json.path }}' },
				items: [{ json: { path: '/echo' } }, { json: { path: '/fail' } }, { json: { path: '/echo' } }],
				continueOnFail: true,
			});

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			expect(result.items[0].json).toMatchObject({ ok: true });
			expect(result.items[2].json).toMatchObject({ ok: true });
			expect(result.items[1].pairedItem).toEqual({ item: 1 });
			expect(typeof result.items[1].json.error).toBe('string');
			expect(JSON.stringify(result.items[1])).not.toContain(API_KEY);
			expect(JSON.stringify(engine.logs)).not.toContain(API_KEY);
		});

		test('prepareBinaryData stores bytes that getBinaryBuffer reads back', async () => {
			const result = await runApiKey({ parameters: { path: '/file', asBinary: true }, items: [{ json: {} }] });
			expect(result.error).toBeUndefined();
			const [item] = result.items;
			expect(item.binary.data).toMatchObject({ fileName: 'probe.txt', mimeType: 'text/plain' });
			expect((await engine.getBinaryBuffer(item, 'data')).toString()).toBe('hello binary');
		});
	});

	describe('OAuth2 (n8n-core requestOAuth2)', () => {
		test('signs requests with the stored access token and does not refresh', async () => {
			server.validTokens.add('good-token');
			setOAuthCredential({ access_token: 'good-token', refresh_token: 'unused', token_type: 'Bearer' });

			const result = await runOAuth({ parameters: { path: '/echo' }, items: [{ json: {} }] });

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ ok: true, path: '/echo' });
			expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
				'GET /echo Bearer good-token',
			]);
			expect(engine.getCredential(OAUTH_CRED.id).oauthTokenData.access_token).toBe('good-token');
		});

		test('a 401 triggers exactly one refresh and one retry; the rotated tokens are stored', async () => {
			server.refreshTokens.add('refresh-0');
			setOAuthCredential({ access_token: 'expired-token', refresh_token: 'refresh-0', token_type: 'Bearer' });
			const updatesBefore = engine.credentialUpdates.length;

			const result = await runOAuth({ parameters: { path: '/echo' }, items: [{ json: {} }] });

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ ok: true });
			const calls = server.requests.map((r) => `${r.method} ${r.path}`);
			expect(calls).toEqual(['GET /echo', 'POST /token', 'GET /echo']);
			const tokenRequest = new URLSearchParams(server.requests[1].body);
			expect(tokenRequest.get('grant_type')).toBe('refresh_token');
			expect(tokenRequest.get('refresh_token')).toBe('refresh-0');
			const newAccess = server.requests[2].headers.authorization.replace('Bearer ', '');
			expect(server.validTokens.has(newAccess)).toBe(true);

			const stored = engine.getCredential(OAUTH_CRED.id).oauthTokenData;
			expect(stored.access_token).toBe(newAccess);
			expect(stored.refresh_token).not.toBe('refresh-0');
			expect(server.refreshTokens.has(stored.refresh_token)).toBe(true);
			expect(engine.credentialUpdates.slice(updatesBefore)).toEqual([
				expect.objectContaining({ id: OAUTH_CRED.id, kind: 'oauthTokenData' }),
			]);

			// The next run uses the rotated token straight away.
			server.requests.length = 0;
			await runOAuth({ parameters: { path: '/echo' }, items: [{ json: {} }] });
			expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${newAccess}`]);

			const logText = JSON.stringify(engine.logs);
			expect(logText).toContain('expired. Revalidating.');
			for (const secret of [newAccess, stored.refresh_token, 'refresh-0', 'client-secret-1']) {
				expect(logText).not.toContain(secret);
			}
		});

		test('parallel 401s share a single refresh (single-flight)', async () => {
			server.refreshTokens.add('refresh-par');
			setOAuthCredential({ access_token: 'expired-token', refresh_token: 'refresh-par', token_type: 'Bearer' });

			const result = await runOAuth({
				parameters: { path: '/echo', parallel: true },
				items: [{ json: {} }, { json: {} }, { json: {} }],
			});

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			const tokenCalls = server.requests.filter((r) => r.path === '/token');
			expect(tokenCalls).toHaveLength(1);
			const retries = server.requests.filter((r) => r.path === '/echo' && r.headers.authorization !== 'Bearer expired-token');
			expect(retries).toHaveLength(3);
		});

		test('a revoked refresh token fails the item; the error item does not contain tokens', async () => {
			setOAuthCredential({ access_token: 'expired-token', refresh_token: 'revoked-refresh', token_type: 'Bearer' });

			const result = await runOAuth({
				parameters: { path: '/echo' },
				items: [{ json: {} }],
				continueOnFail: true,
			});

			expect(result.items).toHaveLength(1);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(result.items[0].json.error).toMatch(/needs to be reconnected/);
			const itemText = JSON.stringify(result.items[0]);
			for (const secret of ['expired-token', 'revoked-refresh', 'client-secret-1']) {
				expect(itemText).not.toContain(secret);
			}
		});
	});
});
