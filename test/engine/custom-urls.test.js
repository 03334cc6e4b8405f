'use strict';
// Custom environment URLs are checked when the node runs, before anything is sent: no
// credentials in URLs, and plain http only for this machine. The loopback sandbox keeps working.
const { createTestbed } = require('../harness/testbed');

const listOne = { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1, filters: {}, options: {} };

let bed;
beforeAll(async () => {
	bed = await createTestbed({ requestsPerSecond: 40 });
});
afterAll(async () => bed?.close());
beforeEach(() => bed.sandbox.clearLog());

async function runWithApiKeyUrl(customApiBaseUrl) {
	bed.engine.setCredential({
		id: 'custom-url',
		name: 'custom url',
		type: 'lexofficeApi',
		data: { apiKey: bed.API_KEY, environment: 'custom', customApiBaseUrl, requestsPerSecond: 40 },
	});
	return await bed.engine.runNode({
		type: 'lexoffice',
		parameters: { authentication: 'apiKey', ...listOne },
		credentials: { lexofficeApi: { id: 'custom-url', name: 'custom url' } },
	});
}

test('the loopback sandbox over http works', async () => {
	const result = await runWithApiKeyUrl(bed.sandbox.url);
	expect(result.error).toBeUndefined();
	expect(bed.apiRequests()).toHaveLength(1);
});

test('user:pass@ in the API Base URL is refused before anything is sent', async () => {
	const result = await runWithApiKeyUrl(bed.sandbox.url.replace('http://', 'http://user:secret-pw@'));
	expect(result.error.message).toBe('The credential’s API Base URL is refused: it contains a user name or password');
	expect(result.error.description).toMatch(/leak into logs/);
	expect(JSON.stringify(result.error)).not.toContain('secret-pw');
	expect(bed.sandbox.log).toHaveLength(0);
});

test('plain http to another host is refused, saying the token would travel in clear text', async () => {
	const result = await runWithApiKeyUrl('http://lexoffice.invalid:5680');
	expect(result.error.message).toMatch(/API Base URL is refused: plain http:\/\/ is only allowed for this machine/);
	expect(result.error.description).toMatch(/clear text/);
});

test('OAuth2: a plain-http Access Token URL to another host is refused before any request', async () => {
	bed.connectOAuth2('http-token', { customAccessTokenUrl: 'http://login.lexoffice.invalid/oauth2/token' });
	const result = await bed.run(listOne, { auth: 'http-token' });
	expect(result.error.message).toMatch(/Access Token URL is refused: plain http:\/\//);
	expect(bed.sandbox.log).toHaveLength(0);
});

test('the credential fields carry the rule as a hint', async () => {
	const { LexofficeApi } = require('../../dist/credentials/LexofficeApi.credentials');
	const { LexofficeOAuth2Api } = require('../../dist/credentials/LexofficeOAuth2Api.credentials');
	const urlFields = [
		...new LexofficeApi().properties.filter((property) => property.name === 'customApiBaseUrl'),
		...new LexofficeOAuth2Api().properties.filter((property) => /^custom.*Url$/.test(property.name)),
	];
	expect(urlFields).toHaveLength(4);
	for (const field of urlFields) expect(field.hint).toMatch(/https:\/\/.*clear text.*user:password@/);
});
