'use strict';

/**
 * The Lexoffice Trigger in the editor: found in the node creator among the triggers (merged
 * with the Lexoffice node into one entry, as n8n does for a node and its trigger), one trigger
 * action per event type, adding one, and its parameters: the HTTPS notice, Events with every
 * event type, and the Options.
 */
const { openSession, restClient, connectedOAuthCredential } = require('./editor');

/**
 * lexoffice's event types: per resource Created, Changed, Deleted and, for documents with a
 * status, Status Changed; plus Payment Changed and Token Revoked. A new resource is one row.
 */
const EVENT_RESOURCES = [
	['Article', false],
	['Contact', false],
	['Credit Note', true],
	['Delivery Note', true],
	['Down-Payment Invoice', true],
	['Dunning', false],
	['Invoice', true],
	['Order Confirmation', true],
	['Quotation', true],
	['Recurring Template', false],
	['Voucher', true],
];
const EVENTS = [
	...EVENT_RESOURCES.flatMap(([resource, withStatus]) =>
		['Created', 'Changed', 'Deleted', ...(withStatus ? ['Status Changed'] : [])].map((action) => `${resource} ${action}`),
	),
	'Payment Changed',
	'Token Revoked',
].sort((a, b) => a.localeCompare(b));
// The node creator turns each event into "On <event>", in lower case and without hyphens.
const CREATOR_TRIGGERS = EVENTS.map((name) => `On ${name.toLowerCase().replace(/-/g, ' ')}`);

const HTTPS_NOTICE =
	"lexoffice only calls HTTPS URLs that it can reach. Self-hosted n8n needs a public HTTPS address (a TLS reverse proxy or a tunnel) set in the WEBHOOK_URL environment variable. Callbacks are verified with lexoffice's public key from https://developers.lexware.io/webhookSignature/public/public_key.pub: paste it under Options → Public Key, otherwise the trigger cannot be activated.";

describe('Lexoffice Trigger in the node creator', () => {
	let session;
	let editor;

	beforeAll(async () => {
		session = await openSession();
		editor = session.editor;
		await editor.newWorkflow();
		await editor.openNodeCreator();
	});

	test('an empty workflow opens the creator on its triggers', async () => {
		await expect(editor.byTestId('node-creator').innerText()).resolves.toContain('What triggers this workflow?');
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	test.each(['lexoffice trigger', 'lexoffice'])('searching "%s" among the triggers lists Lexoffice first', async (query) => {
		const names = await editor.searchNodes(query);
		expect(names[0]).toBe('Lexoffice');
	});

	test("the entry shows the trigger's description and the light icon, loaded", async () => {
		await editor.searchNodes('lexoffice trigger');
		const item = editor.creatorItem('Lexoffice');
		await expect(item.innerText()).resolves.toContain('Starts the workflow when something changes in lexoffice (Lexware Office)');
		// The merged entry takes the Lexoffice node's icon (the trigger's is the same picture).
		const icon = item.locator('img').first();
		await expect(icon.getAttribute('src')).resolves.toMatch(/\/icons\/n8n-nodes-lexoffice\/dist\/nodes\/Lexoffice\/lexoffice\.svg$/);
		expect(await editor.imageWidth(icon)).toBeGreaterThan(0);
	});

	test(`opening the entry lists ${EVENTS.length} triggers, one per event type, first`, async () => {
		await editor.creatorItem('Lexoffice').click();
		const panel = editor.byTestId('node-creator');
		await panel.getByText(`Triggers (${EVENTS.length})`, { exact: true }).waitFor();
		// The list renders in steps: wait for its last entry.
		await panel.getByText(CREATOR_TRIGGERS[CREATOR_TRIGGERS.length - 1], { exact: true }).waitFor();
		const listed = await editor.creatorActions();
		expect(listed.slice(0, CREATOR_TRIGGERS.length)).toEqual(CREATOR_TRIGGERS);
	});

	test('choosing "On invoice created" adds the Lexoffice Trigger with that event and opens it', async () => {
		await editor.creatorItem('On invoice created').click();
		await editor.ndv.waitFor();
		expect(await editor.ndvTitle()).toBe('Lexoffice Trigger');
		await expect(editor.parameterInput('events').innerText()).resolves.toContain('Invoice Created');
		await editor.closeNdv();
		expect(await editor.canvasNodeNames()).toEqual(['Lexoffice Trigger']);
	});
});

describe('Lexoffice Trigger parameters', () => {
	let session;
	let editor;

	beforeAll(async () => {
		session = await openSession();
		editor = session.editor;
		const api = await restClient(session.env);
		const credential = await connectedOAuthCredential(api, session.env, 'Lexoffice (trigger test)');
		const workflow = await api.createWorkflow({
			name: 'trigger parameters',
			nodes: [
				{
					id: 'lexoffice-trigger',
					name: 'Lexoffice Trigger',
					type: 'n8n-nodes-lexoffice.lexofficeTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'lexoffice-trigger-parameters',
					parameters: { authentication: 'oAuth2', events: [] },
					credentials: { lexofficeOAuth2Api: credential },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		await editor.openWorkflow(workflow.id);
		await editor.openNode('Lexoffice Trigger');
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	test('the HTTPS notice, Events (required) and Options; the credential in the credential slot', async () => {
		// As for the Lexoffice node, n8n 2.x offers the Authentication choice in the credential dialog.
		expect(await editor.visibleParameters()).toEqual(['events', 'options']);
		await expect(editor.byTestId('node-parameters').innerText()).resolves.toContain(HTTPS_NOTICE);
		expect(await editor.hasIssue('events')).toBe(true);
		await expect(editor.byTestId('node-credentials-slot').locator('input').inputValue()).resolves.toBe('Lexoffice (trigger test)');
	});

	test(`Events offers the ${EVENTS.length} event types, sorted by name`, async () => {
		expect((await editor.optionsOf('events')).map((o) => o.title)).toEqual(EVENTS);
	});

	test('Options offers Fetch Resource, Public Key and Public Key URL', async () => {
		expect(await editor.collectionChoices('options')).toEqual(['Fetch Resource', 'Public Key', 'Public Key URL']);
	});
});
