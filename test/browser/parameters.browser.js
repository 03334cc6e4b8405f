'use strict';

/**
 * The node's parameters as the NDV shows them: for every resource and operation (and the
 * choices that change the form) exactly the expected fields appear, in order; empty required
 * fields are flagged; the "Add …" lists offer the right options; text fields carry "e.g."
 * placeholders; the record lists are filled from the sandbox.
 */
const { openSession, restClient, connectedOAuthCredential, lexofficeWorkflow } = require('./editor');

const TOP = ['resource', 'operation'];

/**
 * Every resource with its operations as the Operation dropdown lists them (n8n appends
 * "Custom API Call"). A new resource is one row here and its forms rows in FORMS.
 */
const OPERATIONS = [
	['Article', ['Create', 'Delete', 'Get', 'Get Many', 'Update']],
	['Contact', ['Create', 'Get', 'Get Many', 'Update']],
	['Credit Note', ['Create', 'Download', 'Get', 'Get Many']],
	['Delivery Note', ['Create', 'Download', 'Get', 'Get Many']],
	['Down-Payment Invoice', ['Download', 'Get', 'Get Many']],
	['Dunning', ['Create', 'Download', 'Get']],
	['File', ['Download', 'Upload']],
	['Invoice', ['Create', 'Download', 'Get', 'Get Many']],
	['Order Confirmation', ['Create', 'Download', 'Get', 'Get Many']],
	['Payment', ['Get']],
	['Quotation', ['Create', 'Download', 'Get', 'Get Many']],
	['Voucher', ['Attach File', 'Create', 'Get', 'Get Many', 'Update']],
];

/**
 * The forms of the resources that need no interaction beyond choosing resource and operation
 * (Contact and Invoice have their own tests below): the fields shown, in order after Resource
 * and Operation; the required fields flagged while empty (every other field is not); the
 * "Add …" choices of collections; the titles of options parameters; the "e.g." placeholders.
 */
const FORMS = [
	{
		resource: 'Article',
		operation: 'Create',
		fields: ['title', 'type', 'unitName', 'leadingPrice', 'price', 'taxRate', 'additionalFields', 'options'],
		flagged: ['title', 'unitName'],
		choices: { additionalFields: ['Article Number', 'Description', 'GTIN', 'Note'] },
		options: { type: ['Product', 'Service'], leadingPrice: ['Net', 'Gross'], taxRate: ['19 %', '7 %', '0 %'] },
		placeholders: ['e.g. Consulting hour', 'e.g. Stück'],
	},
	{ resource: 'Article', operation: 'Delete', fields: ['articleId'], flagged: ['articleId'] },
	{ resource: 'Article', operation: 'Get', fields: ['articleId'], flagged: ['articleId'] },
	{
		resource: 'Article',
		operation: 'Get Many',
		fields: ['returnAll', 'limit', 'filters', 'options'],
		choices: { filters: ['Article Number', 'GTIN', 'Type'] },
	},
	{
		resource: 'Article',
		operation: 'Update',
		fields: ['articleId', 'updateFields'],
		flagged: ['articleId'],
		choices: {
			updateFields: ['Article Number', 'Description', 'GTIN', 'Leading Price', 'Note', 'Price', 'Tax Rate', 'Title', 'Type', 'Unit Name'],
		},
	},
	{
		resource: 'File',
		operation: 'Download',
		fields: ['fileId', 'representation', 'binaryPropertyName'],
		flagged: ['fileId'],
		options: { representation: ['As Stored', 'PDF', 'XML'] },
		placeholders: ['e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c'],
	},
	{
		resource: 'File',
		operation: 'Upload',
		fields: ['binaryPropertyName'],
		notice: 'Every upload becomes a new voucher in lexoffice’s “Zu prüfen” list, which cannot be deleted through the API. To add a file to an existing voucher, use Voucher → Attach File.',
		placeholders: ['e.g. data'],
	},
	{
		resource: 'Payment',
		operation: 'Get',
		// The document is given by ID by default (payments have no list to pick from).
		fields: ['voucherId'],
		flagged: ['voucherId'],
		placeholders: ['e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c'],
	},
	{
		resource: 'Voucher',
		operation: 'Attach File',
		fields: ['voucherId', 'binaryPropertyName'],
		flagged: ['voucherId'],
		placeholders: ['e.g. data'],
	},
	{
		resource: 'Voucher',
		operation: 'Create',
		// Collective Contact is the default, so Contact Name shows instead of the contact list.
		fields: ['voucherType', 'voucherNumber', 'voucherDate', 'taxType', 'contactMode', 'contactName', 'voucherItems', 'additionalFields'],
		flagged: ['voucherNumber', 'voucherDate'],
		choices: {
			additionalFields: ['Due Date', 'File IDs', 'Remark', 'Shipping Date', 'Status', 'Total Gross Amount (Check)', 'Total Tax Amount (Check)'],
		},
		options: {
			voucherType: ['Purchase Invoice', 'Purchase Credit Note', 'Sales Invoice', 'Sales Credit Note'],
			taxType: ['Gross', 'Net'],
			contactMode: ['Existing Contact', 'Collective Contact'],
		},
		placeholders: ['e.g. RE-2024-0815'],
	},
	{ resource: 'Voucher', operation: 'Get', fields: ['voucherId'], flagged: ['voucherId'] },
	{
		resource: 'Voucher',
		operation: 'Get Many',
		fields: ['returnAll', 'limit', 'filters'],
		choices: { filters: ['Contact ID', 'Status', 'Voucher Date From', 'Voucher Date To', 'Voucher Number', 'Voucher Types'] },
	},
	{
		resource: 'Voucher',
		operation: 'Update',
		fields: ['voucherId', 'updateFields', 'voucherItems'],
		flagged: ['voucherId'],
		choices: {
			updateFields: [
				'Collective Contact Name',
				'Contact ID',
				'Due Date',
				'Add File IDs',
				'Remark',
				'Shipping Date',
				'Mark as Checked (Open)',
				'Tax Type',
				'Voucher Date',
				'Voucher Number',
			],
		},
	},
];

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

	test('the resources are listed alphabetically (n8n appends Custom API Call)', async () => {
		// n8n adds "Custom API Call" to nodes whose credentials the HTTP Request node can use.
		expect((await editor.optionsOf('resource')).map((o) => o.title)).toEqual([...OPERATIONS.map(([resource]) => resource), 'Custom API Call']);
	});

	test.each(OPERATIONS)('%s: the operations are listed alphabetically with their descriptions', async (resource, operations) => {
		await editor.setParameter('resource', resource);
		const listed = await editor.optionsOf('operation');
		expect(listed.map((o) => o.title)).toEqual([...operations, 'Custom API Call']);
		for (const op of listed.slice(0, operations.length)) expect(op.description).not.toBe('');
	});

	test.each(FORMS.map((form) => [`${form.resource} → ${form.operation}`, form]))('%s: exactly the expected fields', async (_, form) => {
		await show(form.resource, form.operation);
		expect(await editor.visibleParameters()).toEqual([...TOP, ...form.fields]);
		const flagged = form.flagged || [];
		for (const field of form.fields) expect([field, await editor.hasIssue(field)]).toEqual([field, flagged.includes(field)]);
		for (const [field, titles] of Object.entries(form.choices || {})) {
			expect([field, await editor.collectionChoices(field)]).toEqual([field, titles]);
		}
		for (const [field, titles] of Object.entries(form.options || {})) {
			expect([field, (await editor.optionsOf(field)).map((o) => o.title)]).toEqual([field, titles]);
		}
		expect(await placeholders()).toEqual(form.placeholders || []);
		if (form.notice) await expect(editor.byTestId('node-parameters').innerText()).resolves.toContain(form.notice);
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
