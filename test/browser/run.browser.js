'use strict';

/**
 * Running the node from the editor against the sandbox: "Execute workflow" for Get Many
 * contacts with the items in the output panel; Download an invoice with the PDF in the
 * binary tab; Create an invoice from the form, dated today by default.
 */
const http = require('node:http');
const { openSession, restClient, connectedOAuthCredential, lexofficeWorkflow, WAIT } = require('./editor');

/** GET on the sandbox's lexoffice API with the API key (loopback). */
function sandboxGet(env, path) {
	return new Promise((resolve, reject) => {
		const request = http.get(
			`${env.sandboxUrl}${path}`,
			{ headers: { Authorization: `Bearer ${env.apiKey}`, Accept: 'application/json' }, timeout: 10000 },
			(response) => {
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (body += chunk));
				response.on('end', () =>
					response.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`GET ${path}: HTTP ${response.statusCode} ${body}`)),
				);
			},
		);
		request.on('timeout', () => request.destroy(new Error(`GET ${path}: timed out`)));
		request.on('error', reject);
	});
}

function berlinDay(date = new Date()) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

describe('running the node in the editor', () => {
	let session;
	let editor;
	let env;
	let api;
	let credential;

	beforeAll(async () => {
		session = await openSession();
		({ editor, env } = session);
		api = await restClient(env);
		credential = await connectedOAuthCredential(api, env, 'Lexoffice (run test)');
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	test('Execute workflow: Get Many contacts puts every contact into the output panel', async () => {
		const workflow = await api.createWorkflow(
			lexofficeWorkflow('get many contacts', credential, [
				{ name: 'Get many contacts', parameters: { resource: 'contact', operation: 'getAll', returnAll: true } },
			]),
		);
		await editor.openWorkflow(workflow.id);
		await editor.executeWorkflow('Get many contacts');
		await editor.openNode('Get many contacts');
		expect(await editor.outputItemCount()).toBe(env.contacts.length);
		const output = editor.byTestId('output-panel');
		await editor.showOutputAs('table');
		const table = await output.locator('table').first().innerText();
		for (const contact of env.contacts) expect(table).toContain(contact.id);
		await editor.showOutputAs('json');
		const json = await editor.outputDataText();
		expect(env.contacts.some((c) => json.includes(`"id":"${c.id}"`))).toBe(true);
		await editor.closeNdv();
	});

	test('Download: the binary tab shows the invoice PDF, and Download saves a PDF file', async () => {
		const invoice = env.invoices.find((i) => i.voucherNumber);
		const workflow = await api.createWorkflow(
			lexofficeWorkflow('download invoice', credential, [
				{ name: 'Download an invoice', parameters: { resource: 'invoice', operation: 'download' } },
			]),
		);
		await editor.openWorkflow(workflow.id);
		await editor.openNode('Download an invoice');
		await editor.pickFromList('invoiceId', `${invoice.voucherNumber} · `);
		await editor.executeStep();
		const output = editor.byTestId('output-panel');
		await output.locator('[data-test-id="radio-button-binary"]').waitFor();
		await editor.showOutputAs('binary');
		const card = output.locator('[data-test-id="ndv-binary-data_0"]');
		const text = await card.innerText();
		expect(text).toContain(`${invoice.voucherNumber}.pdf`);
		expect(text).toContain('application/pdf');
		const downloadStarted = editor.page.waitForEvent('download', { timeout: WAIT.nav });
		await card.locator('[data-test-id="ndv-download-binary-data"]').click();
		const download = await downloadStarted;
		expect(download.suggestedFilename()).toBe(`${invoice.voucherNumber}.pdf`);
		const chunks = [];
		for await (const chunk of await download.createReadStream()) chunks.push(chunk);
		const pdf = Buffer.concat(chunks);
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(500);
		await editor.closeNdv();
	});

	test('Create: an invoice filled in the form is created, dated today without touching Voucher Date', async () => {
		const customer = env.contacts.find((c) => c.customer);
		const workflow = await api.createWorkflow(
			lexofficeWorkflow('create invoice', credential, [
				{ name: 'Create an invoice', parameters: { resource: 'invoice', operation: 'create' } },
			]),
		);
		await editor.openWorkflow(workflow.id);
		await editor.openNode('Create an invoice');
		await editor.pickFromList('contactId', `${customer.name} (${customer.number})`);
		await editor.addFixedCollectionItem('lineItems');
		const lineItem = editor.byTestId('fixed-collection-lineItems');
		await lineItem.locator('[data-test-id="parameter-input-name"] input').fill('Beratung');
		await lineItem.locator('[data-test-id="parameter-input-unitPrice"] input').fill('120');
		await lineItem.locator('[data-test-id="parameter-input-unitPrice"] input').press('Tab');
		await editor.executeStep();
		expect(await editor.outputItemCount()).toBe(1);
		await editor.showOutputAs('json');
		const json = await editor.outputDataText();
		const id = /"id":"([0-9a-f-]{36})"/.exec(json);
		expect(id).not.toBeNull();
		const stored = await sandboxGet(env, `/v1/invoices/${id[1]}`);
		expect(stored.address.contactId).toBe(customer.id);
		expect(stored.lineItems).toEqual([expect.objectContaining({ name: 'Beratung', type: 'custom' })]);
		expect(stored.lineItems[0].unitPrice.netAmount).toBe(120);
		expect(stored.voucherDate.slice(0, 10)).toBe(berlinDay());
		expect(stored.voucherStatus).toBe('draft');
		await editor.closeNdv();
	});
});
