'use strict';

/**
 * The node's parameters as the NDV shows them: for every resource and operation (and the
 * choices that change the form) exactly the expected fields appear, in order; empty required
 * fields are flagged; the "Add …" lists offer the right options; text fields carry "e.g."
 * placeholders; the record lists are filled from the sandbox.
 */
const { openSession, restClient, connectedOAuthCredential, lexofficeWorkflow } = require('./editor');

const TOP = ['resource', 'operation'];

describe('node parameters', () => {
	let session;
	let editor;
	let env;

	/** Sets resource and operation (and further options, in order) in the open NDV. */
	async function show(resource, operation, ...more) {
		await editor.setParameter('resource', resource);
		await editor.setParameter('operation', operation);
		for (const [name, title] of more) await editor.setParameter(name, title);
	}

	async function placeholders() {
		return editor
			.byTestId('node-parameters')
			.locator('input:not([readonly])[placeholder]:visible, textarea[placeholder]:visible')
			.evaluateAll((els) => els.map((e) => e.getAttribute('placeholder')).filter((p) => p && p !== 'Select date and time'));
	}

	beforeAll(async () => {
		session = await openSession();
		({ editor, env } = session);
		const api = await restClient(env);
		const credential = await connectedOAuthCredential(api, env, 'Lexoffice (parameters test)');
		const workflow = await api.createWorkflow(lexofficeWorkflow('parameters', credential, [{ name: 'Lexoffice', parameters: {} }]));
		await editor.openWorkflow(workflow.id);
		await editor.openNode('Lexoffice');
	});

	afterAll(async () => {
		if (session) await session.close();
	});

	test('a new node starts at Contact → Create with the company form', async () => {
		expect(await editor.visibleParameters()).toEqual([...TOP, 'contactType', 'companyName', 'roles', 'additionalFields', 'options']);
		// The Authentication choice lives in the credential dialog in n8n 2.x, not among the parameters.
		expect(await editor.visibleParameters()).not.toContain('authentication');
	});

	test('the operations are listed alphabetically with their descriptions (n8n appends Custom API Call)', async () => {
		// n8n adds "Custom API Call" to nodes whose credentials the HTTP Request node can use.
		expect((await editor.optionsOf('resource')).map((o) => o.title)).toEqual([
			'Article',
			'Contact',
			'Credit Note',
			'Delivery Note',
			'Down-Payment Invoice',
			'Dunning',
			'File',
			'Invoice',
			'Order Confirmation',
			'Payment',
			'Quotation',
			'Voucher',
			'Custom API Call',
		]);
		const contactOps = await editor.optionsOf('operation');
		expect(contactOps.map((o) => o.title)).toEqual(['Create', 'Get', 'Get Many', 'Update', 'Custom API Call']);
		for (const op of contactOps.slice(0, 4)) expect(op.description).not.toBe('');
		await editor.setParameter('resource', 'Invoice');
		const invoiceOps = await editor.optionsOf('operation');
		expect(invoiceOps.map((o) => o.title)).toEqual(['Create', 'Download', 'Get', 'Get Many', 'Custom API Call']);
		for (const op of invoiceOps.slice(0, 4)) expect(op.description).not.toBe('');
	});

	test('Custom API Call points to the HTTP Request node, which can use the Lexoffice credential', async () => {
		await editor.setParameter('resource', 'Custom API Call');
		await expect(editor.byTestId('node-parameters').innerText()).resolves.toMatch(
			/Use the HTTP Request node to make a custom API call\. We'll take care of the Lexoffice auth for you\./,
		);
		expect(await editor.visibleParameters()).toEqual(['resource']);
	});

	describe('Contact', () => {
		test('Create, company: Company Name is required; person-only fields stay hidden', async () => {
			await show('Contact', 'Create', ['contactType', 'Company']);
			expect(await editor.visibleParameters()).toEqual([...TOP, 'contactType', 'companyName', 'roles', 'additionalFields', 'options']);
			expect(await editor.hasIssue('companyName')).toBe(true);
			expect(await editor.collectionChoices('additionalFields')).toEqual([
				'Allow Tax-Free Invoices',
				'Billing Address',
				'Contact Person',
				'Email Addresses',
				'Note',
				'Phone Numbers',
				'Shipping Address',
				'Tax Number',
				'VAT Registration ID',
				'XRechnung Buyer Reference',
				'XRechnung Vendor Number at Customer',
			]);
			expect(await placeholders()).toEqual(['e.g. Musterfirma GmbH']);
		});

		test('Create, person: First and Last Name (Last Name required); company-only fields stay hidden', async () => {
			await show('Contact', 'Create', ['contactType', 'Person']);
			expect(await editor.visibleParameters()).toEqual([...TOP, 'contactType', 'firstName', 'lastName', 'roles', 'additionalFields', 'options']);
			expect(await editor.hasIssue('lastName')).toBe(true);
			expect(await editor.hasIssue('firstName')).toBe(false);
			expect(await editor.collectionChoices('additionalFields')).toEqual([
				'Billing Address',
				'Email Addresses',
				'Note',
				'Phone Numbers',
				'Salutation',
				'Shipping Address',
				'XRechnung Buyer Reference',
				'XRechnung Vendor Number at Customer',
			]);
			expect(await placeholders()).toEqual(['e.g. Erika', 'e.g. Mustermann']);
		});

		test('Get: only the contact, which is required', async () => {
			await show('Contact', 'Get');
			expect(await editor.visibleParameters()).toEqual([...TOP, 'contactId']);
			expect(await editor.hasIssue('contactId')).toBe(true);
		});

		test('Get Many: Return All hides Limit; filters and options', async () => {
			await show('Contact', 'Get Many');
			expect(await editor.visibleParameters()).toEqual([...TOP, 'returnAll', 'limit', 'filters', 'options']);
			await expect(editor.parameterInput('limit').locator('input').inputValue()).resolves.toBe('50');
			expect(await editor.collectionChoices('filters')).toEqual(['Email', 'Is Customer', 'Is Vendor', 'Name', 'Number']);
			const returnAll = editor.parameterInput('returnAll').locator('.el-switch').first();
			await returnAll.click();
			expect(await editor.waitForParameters((names) => !names.includes('limit'))).toEqual([...TOP, 'returnAll', 'filters', 'options']);
			await returnAll.click();
			expect(await editor.waitForParameters((names) => names.includes('limit'))).toContain('limit');
		});

		test('Update: the contact and Update Fields, which also offer the name fields and Add Roles', async () => {
			await show('Contact', 'Update');
			expect(await editor.visibleParameters()).toEqual([...TOP, 'contactId', 'updateFields']);
			expect(await editor.collectionChoices('updateFields')).toEqual([
				'Add Roles',
				'Allow Tax-Free Invoices',
				'Billing Address',
				'Company Name',
				'Contact Person',
				'Email Addresses',
				'First Name',
				'Last Name',
				'Note',
				'Phone Numbers',
				'Salutation',
				'Shipping Address',
				'Tax Number',
				'VAT Registration ID',
				'XRechnung Buyer Reference',
				'XRechnung Vendor Number at Customer',
			]);
		});

		test('the contact list is filled from lexoffice, with customer or vendor numbers', async () => {
			await show('Contact', 'Get');
			const items = await editor.listItems('contactId');
			const expected = env.contacts.map((c) => `${c.name} (${c.number})`);
			expect([...items].sort()).toEqual([...expected].sort());
		});
	});

	describe('Invoice', () => {
		const CREATE_FIELDS = ['voucherDate', 'taxType', 'lineItems', 'shippingType', 'finalize', 'additionalFields', 'options'];

		test('Create for an existing contact: the invoice form, with today as the voucher date', async () => {
			await show('Invoice', 'Create', ['defineInvoice', 'Using Fields Below'], ['recipient', 'Existing Contact'], ['shippingType', 'None']);
			expect(await editor.visibleParameters()).toEqual([...TOP, 'createFrom', 'defineInvoice', 'recipient', 'contactId', 'addressOverride', ...CREATE_FIELDS]);
			expect(await editor.hasIssue('contactId')).toBe(true);
			// The default voucher date is an expression for "now", so nothing is flagged.
			expect(await editor.hasIssue('voucherDate')).toBe(false);
			expect(await editor.collectionChoices('addressOverride')).toEqual([
				'Address Supplement',
				'City',
				'Country Code',
				'Name',
				'Street',
				'ZIP Code',
			]);
			expect(await editor.collectionChoices('additionalFields')).toEqual([
				'Introduction',
				'Language',
				'Payment Conditions',
				'Print Layout ID',
				'Remark',
				'Title',
				'Total Discount Absolute',
				'Total Discount Percentage',
				'XRechnung Buyer Reference',
			]);
			expect(await editor.collectionChoices('options')).toEqual(['Add Links', 'Preceding Voucher ID', 'Return Stored Record']);
			expect((await editor.optionsOf('taxType')).map((o) => o.title)).toEqual([
				'Construction Service (§13b UStG)',
				'External Service (§13b UStG)',
				'Gross',
				'Intra-Community Supply',
				'Net',
				'Photovoltaic Equipment',
				'Third-Country Delivery',
				'Third-Country Service',
				'VAT-Free',
			]);
		});

		test('Create: a line item shows the fields its type needs', async () => {
			await editor.addFixedCollectionItem('lineItems');
			const lineItem = editor.byTestId('fixed-collection-lineItems');
			const fields = () => lineItem.locator('label[for]:visible').evaluateAll((ls) => ls.map((l) => l.getAttribute('for')));
			expect(await fields()).toEqual(['type', 'name', 'description', 'quantity', 'unitName', 'unitPrice', 'taxRate', 'discountPercentage']);
			await editor.chooseOption(lineItem.locator('[data-test-id="parameter-input-type"]'), 'Text');
			expect(await fields()).toEqual(['type', 'name', 'description']);
			await editor.chooseOption(lineItem.locator('[data-test-id="parameter-input-type"]'), 'Service (Article)');
			expect(await fields()).toEqual(['type', 'articleId', 'name', 'description', 'quantity', 'unitName', 'unitPrice', 'taxRate', 'discountPercentage']);
			await editor.chooseOption(lineItem.locator('[data-test-id="parameter-input-type"]'), 'Custom');
			await editor.chooseOption(lineItem.locator('[data-test-id="parameter-input-taxRate"]'), 'Custom');
			expect(await fields()).toContain('customTaxRate');
			for (const placeholder of await placeholders()) expect(placeholder).toMatch(/^e\.g\. /);
		});

		test('Create for a one-time address: name and country instead of the contact', async () => {
			await show('Invoice', 'Create', ['recipient', 'One-Time Address']);
			expect(await editor.visibleParameters()).toEqual([
				...TOP,
				'createFrom',
				'defineInvoice',
				'recipient',
				'addressName',
				'addressCountryCode',
				'addressDetails',
				...CREATE_FIELDS,
			]);
			expect(await editor.hasIssue('addressName')).toBe(true);
			await expect(editor.parameterInput('addressCountryCode').locator('input').inputValue()).resolves.toBe('DE');
			expect(await editor.collectionChoices('addressDetails')).toEqual(['Address Supplement', 'City', 'Street', 'ZIP Code']);
			await editor.setParameter('recipient', 'Existing Contact');
		});

		test('Create: a service date for Service, a start and an end for Service Period', async () => {
			await show('Invoice', 'Create', ['shippingType', 'Service']);
			let shown = await editor.visibleParameters();
			expect(shown.slice(shown.indexOf('shippingType'), shown.indexOf('finalize'))).toEqual(['shippingType', 'shippingDate']);
			await editor.setParameter('shippingType', 'Service Period');
			shown = await editor.visibleParameters();
			expect(shown.slice(shown.indexOf('shippingType'), shown.indexOf('finalize'))).toEqual(['shippingType', 'shippingDate', 'shippingEndDate']);
			await editor.setParameter('shippingType', 'None');
			expect(await editor.visibleParameters()).not.toContain('shippingDate');
		});

		test('Create with JSON: the JSON editor replaces the form', async () => {
			await show('Invoice', 'Create', ['defineInvoice', 'Using JSON']);
			expect(await editor.visibleParameters()).toEqual([...TOP, 'createFrom', 'defineInvoice', 'invoiceJson', 'finalize', 'options']);
			await editor.setParameter('defineInvoice', 'Using Fields Below');
		});

		test('Download: the invoice, the file format and the output field', async () => {
			await show('Invoice', 'Download');
			expect(await editor.visibleParameters()).toEqual([...TOP, 'invoiceId', 'fileFormat', 'binaryPropertyName']);
			expect(await editor.hasIssue('invoiceId')).toBe(true);
			expect((await editor.optionsOf('fileFormat')).map((o) => o.title)).toEqual(['PDF', 'XRechnung XML']);
			await expect(editor.parameterInput('binaryPropertyName').locator('input').inputValue()).resolves.toBe('data');
		});

		test('Get: the invoice and options', async () => {
			await show('Invoice', 'Get');
			expect(await editor.visibleParameters()).toEqual([...TOP, 'invoiceId', 'options']);
		});

		test('Get Many: Return All / Limit, filters and sort options', async () => {
			await show('Invoice', 'Get Many');
			expect(await editor.visibleParameters()).toEqual([...TOP, 'returnAll', 'limit', 'filters', 'options']);
			expect(await editor.collectionChoices('filters')).toEqual([
				'Archived',
				'Contact ID',
				'Created Date From',
				'Created Date To',
				'Status',
				'Updated Date From',
				'Updated Date To',
				'Voucher Date From',
				'Voucher Date To',
				'Voucher Number',
			]);
			expect(await editor.collectionChoices('options')).toEqual(['Sort By', 'Sort Direction']);
		});

		test('the invoice list shows number (or Draft), contact and date', async () => {
			await show('Invoice', 'Get');
			const items = await editor.listItems('invoiceId');
			// The seeded invoices (tests may have created more).
			for (const invoice of env.invoices) {
				const label = invoice.voucherNumber || 'Draft';
				expect(items.some((item) => item.startsWith(`${label} · ${invoice.contactName} · `))).toBe(true);
			}
		});
	});

	describe('Sales documents (one kit, the fields each type allows)', () => {
		const FORM = ['recipient', 'contactId', 'addressOverride', 'voucherDate'];

		test('Quotation → Create: an expiration date, no shipping date, no Create From', async () => {
			await show('Quotation', 'Create', ['defineQuotation', 'Using Fields Below'], ['recipient', 'Existing Contact']);
			expect(await editor.visibleParameters()).toEqual([...TOP, 'defineQuotation', ...FORM, 'expirationDate', 'taxType', 'lineItems', 'finalize', 'additionalFields', 'options']);
			expect(await editor.hasIssue('expirationDate')).toBe(true);
		});

		test('Order Confirmation → Create From a quotation shows the predecessor picker', async () => {
			await show('Order Confirmation', 'Create', ['recipient', 'Existing Contact'], ['shippingType', 'None'], ['createFrom', 'Preceding Voucher']);
			const shown = await editor.visibleParameters();
			expect(shown.slice(0, 5)).toEqual([...TOP, 'createFrom', 'precedingVoucher', 'defineOrderConfirmation']);
			expect(await editor.collectionChoices('additionalFields')).toContain('Delivery Terms');
			await editor.setParameter('createFrom', 'Nothing (Standalone)');
		});

		test('Delivery Note → Create: no totals, discounts or payment conditions', async () => {
			await show('Delivery Note', 'Create', ['recipient', 'Existing Contact']);
			const choices = await editor.collectionChoices('additionalFields');
			expect(choices).toContain('Delivery Terms');
			expect(choices).not.toContain('Payment Conditions');
			expect(choices).not.toContain('Total Discount Absolute');
		});

		test('Dunning → Create: always from a voucher, never finalized', async () => {
			await show('Dunning', 'Create', ['recipient', 'Existing Contact'], ['shippingType', 'None']);
			expect(await editor.visibleParameters()).toEqual([...TOP, 'precedingVoucher', 'defineDunning', ...FORM, 'taxType', 'lineItems', 'shippingType', 'additionalFields', 'options']);
			expect((await editor.optionsOf('operation')).map((o) => o.title)).toEqual(['Create', 'Download', 'Get', 'Custom API Call']);
		});

		test('Down-Payment Invoice: read-only operations; Download has no file format', async () => {
			await editor.setParameter('resource', 'Down-Payment Invoice');
			expect((await editor.optionsOf('operation')).map((o) => o.title)).toEqual(['Download', 'Get', 'Get Many', 'Custom API Call']);
			await show('Down-Payment Invoice', 'Download');
			expect(await editor.visibleParameters()).toEqual([...TOP, 'downPaymentInvoiceId', 'binaryPropertyName']);
		});
	});
});
