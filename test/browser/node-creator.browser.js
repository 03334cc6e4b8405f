'use strict';

/**
 * Finding the node: the node creator's search (names, aliases), the entry's description and
 * icon, the actions it offers, adding one, and the dark icon in the dark theme.
 */
const { openSession, restClient, lexofficeWorkflow } = require('./editor');

const ACTIONS = [
	'Create a contact',
	'Get a contact',
	'Get many contacts',
	'Update a contact',
	'Create an invoice',
	'Download an invoice',
	'Get an invoice',
	'Get many invoices',
];

describe('node creator', () => {
	let session;
	let editor;

	beforeAll(async () => {
		session = await openSession();
		editor = session.editor;
		await editor.newWorkflow();
		await editor.openNodeCreator();
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	test.each(['lexoffice', 'lexware', 'Lexware Office', 'Rechnung', 'XRechnung'])(
		'searching "%s" lists the Lexoffice node first',
		async (query) => {
			const names = await editor.searchNodes(query);
			expect(names[0]).toBe('Lexoffice');
		},
	);

	test('the entry shows the description and the light icon, loaded', async () => {
		await editor.searchNodes('lexoffice');
		const item = editor.creatorItem('Lexoffice');
		await expect(item.innerText()).resolves.toContain('Manage contacts, articles and sales documents in lexoffice (Lexware Office)');
		const icon = item.locator('img').first();
		await expect(icon.getAttribute('src')).resolves.toMatch(/\/icons\/n8n-nodes-lexoffice\/dist\/nodes\/Lexoffice\/lexoffice\.svg$/);
		expect(await editor.imageWidth(icon)).toBeGreaterThan(0);
	});

	test('opening the entry lists the eight actions, contacts first', async () => {
		await editor.creatorItem('Lexoffice').click();
		const panel = editor.byTestId('node-creator');
		await panel.getByText('Create a contact', { exact: true }).waitFor();
		const listed = (await editor.creatorActions()).filter((name) => ACTIONS.includes(name));
		expect(listed).toEqual(ACTIONS);
		await expect(panel.innerText()).resolves.toMatch(/contact actions[\s\S]*invoice actions/i);
		// The sales document resources of the shared kit are there too.
		expect(await editor.creatorActions()).toEqual(
			expect.arrayContaining(['Create a quotation', 'Create an order confirmation', 'Create a delivery note', 'Create a credit note', 'Create a dunning', 'Get many down-payment invoices']),
		);
	});

	test('choosing "Get many contacts" adds the node behind a manual trigger and opens it', async () => {
		await editor.creatorItem('Get many contacts').click();
		await editor.ndv.waitFor();
		expect(await editor.ndvTitle()).toBe('Get many contacts');
		await expect(editor.parameterInput('resource').locator('input').inputValue()).resolves.toBe('Contact');
		await expect(editor.parameterInput('operation').locator('input').inputValue()).resolves.toBe('Get Many');
		// The credential slot offers to connect Lexoffice, or n8n already picked a credential made earlier.
		const slot = editor.byTestId('node-credentials-slot');
		const offered = (await slot.innerText()) + (await slot.locator('input').inputValue().catch(() => ''));
		expect(offered).toMatch(/Lexoffice/);
		await editor.closeNdv();
		const names = await editor.canvasNodeNames();
		expect(names).toHaveLength(2);
		expect(names).toContain('Get many contacts');
	});
});

describe('dark theme', () => {
	let session;
	let editor;

	beforeAll(async () => {
		session = await openSession({ theme: 'dark' });
		editor = session.editor;
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	test('the canvas shows the dark icon, loaded', async () => {
		const api = await restClient(session.env);
		const workflow = await api.createWorkflow(
			lexofficeWorkflow('dark icon', null, [{ name: 'Lexoffice', parameters: { resource: 'contact', operation: 'getAll' } }]),
		);
		await editor.openWorkflow(workflow.id);
		expect(await editor.theme()).toBe('dark');
		const icon = editor.canvasNode('Lexoffice').locator('img').first();
		await expect(icon.getAttribute('src')).resolves.toMatch(/lexoffice\.dark\.svg$/);
		expect(await editor.imageWidth(icon)).toBeGreaterThan(0);
	});
});
