'use strict';

/**
 * The credential dialog, opened from the node as a user does: the Environment choice shows the
 * URL fields only for Custom; "Connect" runs the PKCE login in a popup against the sandbox and
 * ends with the account connected; the API-key credential tests the key when saved.
 */
const { openSession, restClient, connectedOAuthCredential, lexofficeWorkflow, WAIT } = require('./editor');
const { DEFAULT_SCOPES } = require('../../dist/credentials/LexofficeOAuth2Api.credentials');

const CUSTOM_OAUTH_FIELDS = ['customAuthorizationUrl', 'customAccessTokenUrl', 'customApiBaseUrl'];

/** Fills the OAuth2 form for the sandbox (Environment: Custom). */
async function fillSandboxOAuth(editor, env) {
	await editor.chooseCredentialOption('environment', 'Custom');
	await editor.fillCredential('clientId', env.clientId);
	await editor.fillCredential('clientSecret', env.clientSecret);
	await editor.fillCredential('customAuthorizationUrl', `${env.sandboxUrl}/oauth2/authorize`);
	await editor.fillCredential('customAccessTokenUrl', `${env.sandboxUrl}/oauth2/token`);
	await editor.fillCredential('customApiBaseUrl', env.sandboxUrl);
}

/**
 * Clicks the dialog's "Connect" and follows the popup until it closes. Resolves the URLs the
 * popup loaded and the authorization request among them.
 */
async function connectInPopup(editor) {
	const popupOpened = editor.context.waitForEvent('page', { timeout: WAIT.ui });
	await editor.byTestId('quick-connect-button').click();
	const popup = await popupOpened;
	const visited = [];
	popup.on('request', (request) => visited.push(request.url()));
	if (popup.url() !== 'about:blank') visited.push(popup.url());
	await popup.waitForEvent('close', { timeout: WAIT.nav });
	const authorize = visited.map((u) => new URL(u)).find((u) => u.pathname === '/oauth2/authorize');
	return { visited, authorize };
}

describe('credential dialog', () => {
	let session;
	let editor;
	let env;
	let api;

	beforeAll(async () => {
		session = await openSession();
		({ editor, env } = session);
		api = await restClient(env);
		// The node uses an OAuth2 credential already, so "Create new credential" opens that type.
		const existing = await connectedOAuthCredential(api, env, 'Lexoffice (credential dialog test)');
		const workflow = await api.createWorkflow(
			lexofficeWorkflow('credential dialog', existing, [
				{ name: 'Lexoffice', parameters: { resource: 'contact', operation: 'getAll' } },
			]),
		);
		await editor.openWorkflow(workflow.id);
		await editor.openNode('Lexoffice');
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	test('the node offers to connect a Lexoffice OAuth2 credential', async () => {
		await editor.newCredentialFromNode();
		const header = await editor.credentialModal.locator('.el-dialog__header').innerText();
		expect(header).toContain('Lexoffice OAuth2 API');
		await expect(editor.byTestId('credential-mode-dropdown-trigger').innerText()).resolves.toContain('OAuth2 (Partner App)');
		// n8n shows its callback URL for registering with the partner app.
		await expect(editor.credentialModal.innerText()).resolves.toContain(`${env.n8nUrl}/rest/oauth2-credential/callback`);
		await expect(editor.credentialInput('oauthScopes').locator('input').inputValue()).resolves.toBe(DEFAULT_SCOPES);
	});

	test('OAuth2: Custom shows Authorization URL, Access Token URL and API Base URL; the others hide them', async () => {
		const fields = await editor.credentialFields();
		expect(fields).toEqual(expect.arrayContaining(['clientId', 'clientSecret', 'environment', 'oauthScopes', 'requestsPerSecond']));
		for (const name of CUSTOM_OAUTH_FIELDS) expect(fields).not.toContain(name);
		await expect(editor.credentialInput('environment').locator('input').inputValue()).resolves.toBe('Lexware Office');
		// Hidden plumbing of oAuth2Api never shows.
		for (const name of ['authUrl', 'accessTokenUrl', 'scope', 'grantType', 'authentication', 'authQueryParameters']) {
			expect(fields).not.toContain(name);
		}

		await editor.chooseCredentialOption('environment', 'Custom');
		let shown = await editor.credentialFields();
		const at = shown.indexOf('environment');
		expect(shown.slice(at + 1, at + 4)).toEqual(CUSTOM_OAUTH_FIELDS);
		const labels = [];
		for (const name of CUSTOM_OAUTH_FIELDS) labels.push(await editor.credentialLabel(name));
		expect(labels).toEqual(['Authorization URL', 'Access Token URL', 'API Base URL']);
		for (const name of CUSTOM_OAUTH_FIELDS) {
			await expect(editor.credentialInput(name).locator('input').getAttribute('placeholder')).resolves.toMatch(/^e\.g\. /);
		}

		for (const other of ['Lexoffice (Legacy Hosts)', 'Lexware Office']) {
			await editor.chooseCredentialOption('environment', other);
			shown = await editor.credentialFields();
			for (const name of CUSTOM_OAUTH_FIELDS) expect(shown).not.toContain(name);
		}
		await editor.chooseCredentialOption('environment', 'Custom');
		shown = await editor.credentialFields();
		expect(shown).toEqual(expect.arrayContaining(CUSTOM_OAUTH_FIELDS));
	});

	test('OAuth2: Connect completes the PKCE login in the popup and the credential shows as connected', async () => {
		await fillSandboxOAuth(editor, env);
		await expect(editor.byTestId('oauth-not-connected-banner').innerText()).resolves.toContain('Connect your account');

		const { visited, authorize } = await connectInPopup(editor);
		expect(authorize).toBeDefined();
		expect(authorize.origin).toBe(env.sandboxUrl);
		expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
		expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(authorize.searchParams.get('client_id')).toBe(env.clientId);
		expect(authorize.searchParams.get('redirect_uri')).toBe(`${env.n8nUrl}/rest/oauth2-credential/callback`);
		expect(authorize.searchParams.get('state')).toBeTruthy();
		expect(authorize.searchParams.get('scope')).toBe(DEFAULT_SCOPES);
		// The sandbox redirected straight back to n8n's callback, which exchanged the code.
		expect(visited.some((u) => u.startsWith(`${env.n8nUrl}/rest/oauth2-credential/callback?`))).toBe(true);

		// Quick connect saves the credential, closes the dialog and selects it in the node.
		await editor.credentialModal.waitFor({ state: 'hidden' });
		const selected = await editor.byTestId('node-credentials-select').locator('input').inputValue();
		expect(selected).toMatch(/^Lexoffice account( \d+)?$/);
		const stored = (await api.rest('GET', '/credentials')).find((c) => c.name === selected);
		expect(stored.type).toBe('lexofficeOAuth2Api');
		expect((await api.getCredential(stored.id)).data.oauthTokenData).toBe(true);

		await editor.byTestId('credential-edit-button').click();
		await editor.credentialModal.waitFor();
		await expect(editor.byTestId('oauth-connect-success-banner').innerText()).resolves.toContain('Account connected');
		await editor.closeCredentialModal();
	});

	test('API key: only the API Base URL follows the Environment, and saving tests the key', async () => {
		await editor.newCredentialFromNode();
		await editor.chooseCredentialMode('API Key');
		await expect(editor.credentialModal.locator('.el-dialog__header').innerText()).resolves.toContain('Lexoffice API');
		const name = await editor.byTestId('credential-name').innerText();
		expect(name).toMatch(/^Lexoffice account( \d+)?$/);

		let fields = await editor.credentialFields();
		expect(fields).toEqual(expect.arrayContaining(['apiKey', 'environment', 'requestsPerSecond']));
		expect(fields).not.toContain('customApiBaseUrl');
		await editor.chooseCredentialOption('environment', 'Custom');
		fields = await editor.credentialFields();
		expect(fields.slice(fields.indexOf('environment') + 1)[0]).toBe('customApiBaseUrl');
		expect(fields).not.toContain('customAuthorizationUrl');
		expect(fields).not.toContain('customAccessTokenUrl');
		await editor.chooseCredentialOption('environment', 'Lexoffice (Legacy Hosts)');
		expect(await editor.credentialFields()).not.toContain('customApiBaseUrl');
		await editor.chooseCredentialOption('environment', 'Custom');

		// A wrong key: n8n saves it, tests it against the sandbox and shows why it failed.
		await editor.fillCredential('apiKey', 'not-the-key');
		await editor.fillCredential('customApiBaseUrl', `${env.sandboxUrl}/v1/`);
		await editor.byTestId('credential-save-button').click();
		const modal = editor.credentialModal;
		await modal.getByText('Couldn’t connect with these settings').or(modal.getByText("Couldn't connect with these settings")).first().waitFor({ timeout: WAIT.nav });
		await modal.getByText('More details').click();
		await expect(modal.innerText()).resolves.toContain('lexoffice did not accept this API key');

		// The right key: the test passes and the dialog closes.
		await editor.fillCredential('apiKey', env.apiKey);
		await editor.byTestId('credential-save-button').click();
		await modal.waitFor({ state: 'hidden', timeout: WAIT.nav });
		const saved = (await api.rest('GET', '/credentials')).find((c) => c.name === name);
		expect(saved.type).toBe('lexofficeApi');
	});
});

describe('credential dialog after switching from API Key to OAuth2', () => {
	let session;
	let editor;
	let env;

	beforeAll(async () => {
		session = await openSession();
		({ editor, env } = session);
		const api = await restClient(env);
		const key = await api.createCredential({
			name: 'Lexoffice (API key, switch test)',
			type: 'lexofficeApi',
			data: { apiKey: env.apiKey, environment: 'custom', customApiBaseUrl: env.sandboxUrl },
		});
		const workflow = lexofficeWorkflow('switch credential type', null, [
			{ name: 'Lexoffice', parameters: { authentication: 'apiKey', resource: 'contact', operation: 'getAll' } },
		]);
		workflow.nodes[1].credentials = { lexofficeApi: { id: key.id, name: key.name } };
		await editor.openWorkflow((await api.createWorkflow(workflow)).id);
		await editor.openNode('Lexoffice');
		await editor.newCredentialFromNode();
		await expect(editor.byTestId('credential-mode-dropdown-trigger').innerText()).resolves.toContain('API Key');
		await editor.chooseCredentialMode('OAuth2 (Partner App)');
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	// n8n 2.41's editor keeps its own permission list under the name `scopes` on every
	// credential and copies it into a field of that name on a switch; ours is `oauthScopes`.
	test('the Scopes field keeps its default', async () => {
		await expect(editor.credentialInput('oauthScopes').locator('input').inputValue()).resolves.toBe(DEFAULT_SCOPES);
	});

	test('Connect still asks lexoffice only for the default scopes', async () => {
		await fillSandboxOAuth(editor, env);
		const { authorize } = await connectInPopup(editor);
		expect(authorize).toBeDefined();
		expect(authorize.searchParams.get('scope')).toBe(DEFAULT_SCOPES);
		await editor.credentialModal.waitFor({ state: 'hidden' });
	});
});
