'use strict';
// The credentials as n8n resolves them: hidden URLs follow the environment, scopes reach the login.
const { createEngine } = require('../harness/n8nEngine');
const { LexofficeApi } = require('../../dist/credentials/LexofficeApi.credentials');
const { LexofficeOAuth2Api, DEFAULT_SCOPES } = require('../../dist/credentials/LexofficeOAuth2Api.credentials');

let engine;
beforeAll(() => {
	engine = createEngine({ nodeTypes: {}, credentialTypes: [LexofficeApi, LexofficeOAuth2Api] });
});
afterAll(async () => engine?.close());

async function resolveOAuth2(data) {
	engine.setCredential({ id: 'c', name: 'c', type: 'lexofficeOAuth2Api', data: { clientId: 'id', ...data } });
	return await engine.getResolvedCredential('c');
}

test.each([
	['lexware', 'https://app.lexware.de/oauth2/authorize', 'https://app.lexware.de/oauth2/token'],
	['lexofficeLegacy', 'https://app.lexoffice.de/api/oauth2/authorize', 'https://app.lexoffice.de/api/oauth2/token'],
])('environment %s: login URLs and PKCE', async (environment, authUrl, accessTokenUrl) => {
	const resolved = await resolveOAuth2({ environment });
	expect(resolved).toMatchObject({ authUrl, accessTokenUrl, grantType: 'pkce', authentication: 'header', scope: DEFAULT_SCOPES });
});

test('custom environment: the URLs typed in, even where a stored value says otherwise', async () => {
	const resolved = await resolveOAuth2({
		environment: 'custom',
		customAuthorizationUrl: 'http://127.0.0.1:5680/oauth2/authorize',
		customAccessTokenUrl: 'http://127.0.0.1:5680/oauth2/token',
		customApiBaseUrl: 'http://127.0.0.1:5680/',
		authUrl: 'https://elsewhere.example/authorize',
	});
	expect(resolved.authUrl).toBe('http://127.0.0.1:5680/oauth2/authorize');
	expect(resolved.accessTokenUrl).toBe('http://127.0.0.1:5680/oauth2/token');
});

test.each([
	['the default', undefined, DEFAULT_SCOPES],
	['edited scopes', 'profile.read contacts.read', 'profile.read contacts.read'],
	['an emptied field', '   ', DEFAULT_SCOPES],
	['a list the editor copied in', ['workflow:read', 'agent:create'], DEFAULT_SCOPES],
])('scope sent at login for %s', async (_name, oauthScopes, expected) => {
	const resolved = await resolveOAuth2(oauthScopes === undefined ? { environment: 'lexware' } : { environment: 'lexware', oauthScopes });
	expect(resolved.scope).toBe(expected);
});

test('the least-privilege default asks for nothing the node does not use', () => {
	expect(DEFAULT_SCOPES.split(' ').sort()).toEqual(['contacts.read', 'contacts.write', 'files.read', 'profile.read', 'vouchers.read', 'vouchers.write']);
});

test('the API-key credential tests itself against GET /v1/profile of the chosen environment', () => {
	const { test: check } = new LexofficeApi();
	expect(check.request.url).toBe('/v1/profile');
	expect(check.request.baseURL).toContain('https://api.lexware.io');
	expect(check.request.baseURL).toContain('https://api.lexoffice.io');
	expect(new LexofficeApi().authenticate.properties.headers.Authorization).toBe('=Bearer {{$credentials.apiKey}}');
});
