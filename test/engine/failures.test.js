'use strict';
// Failures without an answer from lexoffice, through n8n's real request helpers: only a real
// network fault is reported (and retried) as one; a lost login, a cancelled execution and
// n8n's SSRF block say what they are and are not repeated. Secrets stay out of every error.
const path = require('node:path');
const { createTestbed, serialise } = require('../harness/testbed');

const listOne = { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1, filters: {}, options: {} };
const getById = (id) => ({ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: id } });
const createCompany = {
	resource: 'contact',
	operation: 'create',
	contactType: 'company',
	companyName: 'Ausfall GmbH',
	roles: ['customer'],
	additionalFields: {},
};

/** n8n's SSRF settings, from n8n-core's own DI container (the one the engine uses). */
function ssrfConfig() {
	const coreDir = path.dirname(require.resolve('n8n-core'));
	const fromCore = (id) => require(require.resolve(id, { paths: [coreDir] }));
	const { Container } = fromCore('@n8n/di');
	return Container.get(fromCore('@n8n/config').SsrfProtectionConfig);
}

let bed;
beforeAll(async () => {
	bed = await createTestbed({ requestsPerSecond: 40 });
});
afterAll(async () => bed?.close());
beforeEach(() => {
	bed.sandbox.setFaults({ rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, rateEchoToken: 0, slowMs: 0, seed: 5 });
	bed.sandbox.clearLog();
});

const tokenCalls = () => bed.sandbox.log.filter((entry) => entry.path === '/oauth2/token');

describe('a login that is gone', () => {
	test('an OAuth2 credential that was never connected: reconnect, nothing sent, no retry', async () => {
		bed.connectOAuth2('never', { oauthTokenData: undefined });
		const started = Date.now();
		const result = await bed.run(listOne, { auth: 'never' });
		expect(result.error.message).toBe('The lexoffice login of this credential is no longer valid');
		expect(result.error.description).toMatch(/reconnect it/);
		expect(result.error.description).not.toMatch(/ECONNRESET|may have carried out/);
		expect(bed.apiRequests()).toHaveLength(0);
		// Retries of a failure in transit would wait 1 s + 2 s + 4 s; the bound leaves room for a busy machine.
		expect(Date.now() - started).toBeLessThan(6000);
	});

	test('a refresh token lexoffice refuses (invalid_grant): reconnect, the write is not called ambiguous', async () => {
		const token = bed.connectOAuth2('revoked');
		bed.connectOAuth2('revoked', { oauthTokenData: { ...token, token_type: 'bearer', refresh_token: 'revoked-refresh-token-123' } });
		bed.sandbox.expireAllAccessTokens();
		const result = await bed.run(createCompany, { auth: 'revoked', continueOnFail: true });
		const error = result.items[0].json;
		expect(error.error).toBe('The lexoffice login of this credential is no longer valid');
		expect(String(error.description ?? '')).not.toMatch(/may have carried out|broke off/);
		expect(bed.apiRequests().map((entry) => entry.status)).toEqual([401]);
		expect(tokenCalls()).toHaveLength(1);
		expect(serialise(result)).not.toContain('revoked-refresh-token-123');
	});

	test('a read with a refused refresh is not retried', async () => {
		const token = bed.connectOAuth2('revoked-read');
		bed.connectOAuth2('revoked-read', { oauthTokenData: { ...token, token_type: 'bearer', refresh_token: 'another-revoked-token' } });
		bed.sandbox.expireAllAccessTokens();
		const result = await bed.run(listOne, { auth: 'revoked-read' });
		expect(result.error.description).toMatch(/reconnect it/);
		expect(bed.apiRequests()).toHaveLength(1);
		expect(tokenCalls()).toHaveLength(1);
	});
});

describe('a cancelled execution', () => {
	test('a read stopped mid-request is not retried and says it was cancelled', async () => {
		const [contact] = bed.sandbox.seedContacts(1);
		bed.sandbox.setFaults({ slowMs: 1500 });
		bed.sandbox.clearLog();
		const started = Date.now();
		const result = await bed.run(getById(contact.id), { cancelAfterMs: 300 });
		// Retrying a "dropped connection" would have taken 1 s + 2 s + 4 s of backoff (and the
		// sandbox log below would show the repeated request).
		expect(Date.now() - started).toBeLessThan(6000);
		expect(result.error.message).toBe('The request to lexoffice was stopped because the execution was cancelled');
		await new Promise((resolve) => setTimeout(resolve, 1600));
		expect(bed.sandbox.log.filter((entry) => entry.path.startsWith('/v1/contacts'))).toHaveLength(1);
	});

	test('a write stopped mid-request is reported as cancelled, with the advice to check lexoffice', async () => {
		bed.sandbox.setFaults({ slowMs: 1500 });
		const result = await bed.run(createCompany, { cancelAfterMs: 300, continueOnFail: true });
		const item = result.items[0].json;
		expect(item.error).toBe('The request to lexoffice was stopped because the execution was cancelled');
		expect(item.description).toMatch(/may have reached lexoffice before the execution was cancelled/);
		await new Promise((resolve) => setTimeout(resolve, 1600));
		expect(bed.sandbox.log.filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});
});

describe('n8n’s SSRF protection', () => {
	test('a blocked address is reported as blocked by n8n, before sending, without retries', async () => {
		const config = ssrfConfig();
		config.enabled = true;
		try {
			const started = Date.now();
			const result = await bed.run(listOne);
			expect(result.error.message).toBe('n8n blocked the request to lexoffice before sending it');
			expect(result.error.description).toMatch(/restricted IP address/);
			expect(result.error.description).toMatch(/SSRF/);
			expect(bed.apiRequests()).toHaveLength(0);
			// Retries would wait 1 s + 2 s + 4 s.
			expect(Date.now() - started).toBeLessThan(6000);
		} finally {
			config.enabled = false;
		}
	});
});

describe('real network faults', () => {
	test('a refused connection is still a network error, retried for reads', async () => {
		bed.engine.setCredential({
			id: 'closed-port',
			name: 'lexoffice oauth closed-port',
			type: 'lexofficeApi',
			data: { apiKey: bed.API_KEY, environment: 'custom', customApiBaseUrl: 'http://127.0.0.1:1', requestsPerSecond: 40 },
		});
		const result = await bed.engine.runNode({
			type: 'lexoffice',
			parameters: { authentication: 'apiKey', ...listOne },
			credentials: { lexofficeApi: { id: 'closed-port', name: 'lexoffice oauth closed-port' } },
		});
		expect(result.error.message).toBe('Could not reach lexoffice (ECONNREFUSED)');
	}, 30_000);
});

describe('secrets refreshed during the run', () => {
	test('a token n8n refreshed mid-run never appears in an error, raw or URL-encoded', async () => {
		bed.connectOAuth2('rotating');
		bed.sandbox.expireAllAccessTokens();
		bed.sandbox.setFaults({ rateEchoToken: 1 });
		const result = await bed.run(listOne, { auth: 'rotating' });
		const fresh = bed.engine.getCredential('rotating').oauthTokenData.access_token;
		expect(tokenCalls()).toHaveLength(1);
		expect(result.error.message).toMatch(/Malformed request for access token \[redacted\]/);
		const text = serialise({ error: result.error, items: result.items });
		expect(text).not.toContain(fresh);
		expect(text).not.toContain(encodeURIComponent(fresh));
	});
});
