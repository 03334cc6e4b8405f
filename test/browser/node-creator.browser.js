'use strict';

/**
 * Finding the node: the node creator's search (names, aliases), the actions it offers per
 * resource, adding one, the entry's description and icon, and the dark icon in the dark theme.
 */
const { openSession, restClient, lexofficeWorkflow } = require('./editor');

/**
 * The actions the node creator lists under "Actions", per resource in the order of the
 * Resource parameter, each under its "<Resource> Actions" heading. A new resource is one row.
 */
const ACTIONS = [
	['Article', ['Create an article', 'Delete an article', 'Get an article', 'Get many articles', 'Update an article']],
	['Contact', ['Create a contact', 'Get a contact', 'Get many contacts', 'Update a contact']],
	['Credit Note', ['Create a credit note', 'Download a credit note', 'Get a credit note', 'Get many credit notes']],
	['Delivery Note', ['Create a delivery note', 'Download a delivery note', 'Get a delivery note', 'Get many delivery notes']],
	['Down-Payment Invoice', ['Download a down-payment invoice', 'Get a down-payment invoice', 'Get many down-payment invoices']],
	['Dunning', ['Create a dunning', 'Download a dunning', 'Get a dunning']],
	['File', ['Download a file', 'Upload a file']],
	['Invoice', ['Create an invoice', 'Download an invoice', 'Get an invoice', 'Get many invoices']],
	['Order Confirmation', ['Create an order confirmation', 'Download an order confirmation', 'Get an order confirmation', 'Get many order confirmations']],
	['Payment', ['Get the payment status of a document']],
	['Quotation', ['Create a quotation', 'Download a quotation', 'Get a quotation', 'Get many quotations']],
	['Voucher', ['Attach a file to a voucher', 'Create a voucher', 'Get a voucher', 'Get many vouchers', 'Update a voucher']],
];
const ACTION_COUNT = ACTIONS.reduce((sum, [, actions]) => sum + actions.length, 0);
const ACTION_LIST = ACTIONS.flatMap(([resource, actions]) => [`${resource} Actions`, ...actions]);

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

	test(`opening the entry lists the ${ACTION_COUNT} actions under Actions, grouped by resource`, async () => {
		// In an empty workflow n8n lists trigger nodes and merges Lexoffice with Lexoffice Trigger:
		// the triggers come first (see trigger.browser.js), the node's actions are folded away.
		await editor.searchNodes('lexoffice');
		await editor.creatorItem('Lexoffice').click();
		const panel = editor.byTestId('node-creator');
		await panel.getByText(`Actions (${ACTION_COUNT})`, { exact: true }).click();
		// The section unfolds in steps: wait for its last entry.
		await panel.getByText(ACTION_LIST[ACTION_LIST.length - 1], { exact: true }).waitFor();
		const listed = (await editor.creatorActions()).filter((name) => !name.startsWith('On '));
		expect(listed).toEqual(ACTION_LIST);
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

	test('as a next step, the entry shows the light icon, loaded, and the description n8n picks', async () => {
		await editor.openNodeCreator();
		await expect(editor.byTestId('node-creator').innerText()).resolves.toContain('What happens next?');
		expect((await editor.searchNodes('lexoffice'))[0]).toBe('Lexoffice');
		const item = editor.creatorItem('Lexoffice');
		// n8n shows one entry for a node and its trigger and describes it by the trigger, in either view.
		await expect(item.innerText()).resolves.toContain('Starts the workflow when something changes in lexoffice (Lexware Office)');
		const icon = item.locator('img').first();
		await expect(icon.getAttribute('src')).resolves.toMatch(/\/icons\/n8n-nodes-lexoffice\/dist\/nodes\/Lexoffice\/lexoffice\.svg$/);
		expect(await editor.imageWidth(icon)).toBeGreaterThan(0);
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
