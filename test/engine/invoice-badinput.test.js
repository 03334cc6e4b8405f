'use strict';
// Bad invoice input fails inside the node, before anything is sent to lexoffice: each error
// names the field (and the line item), and the input item as [item N]. The rules themselves
// are tabled in test/unit/document-badinput.test.js; this table keeps what needs n8n: how
// parameters, expressions and resource locators reach the rules, the other operations, and
// the item index.
const { createTestbed } = require('../harness/testbed');

let bed;
beforeAll(async () => {
	bed = await createTestbed();
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => {
	bed.sandbox.clearLog();
});

const CONTACT_ID = '3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c';
const ARTICLE_ID = '0a8a5c2e-2f5e-4f0c-9a51-3c7e4b8d9f10';
const byId = (value) => ({ __rl: true, mode: 'id', value });

function lineItem(overrides = {}) {
	return { type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: 100, taxRate: '19', discountPercentage: 0, ...overrides };
}

function create(overrides = {}) {
	return {
		resource: 'invoice',
		operation: 'create',
		defineInvoice: 'fields',
		recipient: 'contact',
		contactId: byId(CONTACT_ID),
		addressOverride: {},
		voucherDate: '2024-03-15',
		taxType: 'net',
		lineItems: { item: [lineItem()] },
		shippingType: 'none',
		finalize: false,
		additionalFields: {},
		options: {},
		...overrides,
	};
}

const items = (...entries) => ({ item: entries });
const oneItem = (overrides) => ({ lineItems: items(lineItem(overrides)) });
const oneTime = (overrides = {}) =>
	create({ recipient: 'oneTimeAddress', contactId: undefined, addressOverride: undefined, addressName: 'Einmal GmbH', addressCountryCode: 'DE', addressDetails: {}, ...overrides });

function jsonBody(overrides = {}) {
	return {
		voucherDate: '2024-03-15',
		address: { name: 'Musterfirma GmbH', countryCode: 'DE' },
		lineItems: [{ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 100, taxRatePercentage: 19 } }],
		totalPrice: { currency: 'EUR' },
		taxConditions: { taxType: 'net' },
		shippingConditions: { shippingType: 'none' },
		...overrides,
	};
}
const json = (body) => ({ resource: 'invoice', operation: 'create', defineInvoice: 'json', invoiceJson: typeof body === 'string' ? body : JSON.stringify(body), options: {} });
const jsonLine = (overrides) => json(jsonBody({ lineItems: [{ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 100, taxRatePercentage: 19 }, ...overrides }] }));

const getAll = (filters, options = {}) => ({ resource: 'invoice', operation: 'getAll', returnAll: true, filters, options });
const LI = (n, of, field) => `Line Items → #${n} \\(of ${of}\\) → ${field}`;
const re = (text) => new RegExp(text);

// [name, parameters, message pattern, item index (default 0), run options]
const cases = [
	['no line items', create({ lineItems: {} }), /^Line Items needs at least one line item/],
	['no line items from an expression', create({ lineItems: '={{ [] }}' }), /^Line Items needs at least one line item/],
	['custom: custom tax rate above 100', create(oneItem({ taxRate: 'custom', customTaxRate: '={{ 120 }}' })), re(`^${LI(1, 1, 'Tax Rate')} must be between 0 and 100, not 120`)],
	['material without article ID', create(oneItem({ type: 'material' })), re(`^${LI(1, 1, 'Article ID')} is required`)],
	[
		'third of three line items is bad',
		create({ lineItems: items(lineItem(), { type: 'text', name: 'Hinweis' }, lineItem({ quantity: '={{ "viele" }}' })) }),
		re(`^${LI(3, 3, 'Quantity')} must be a number, not "viele"`),
	],
	['JSON: quantity as text "zwei"', jsonLine({ quantity: 'zwei' }), /^Invoice JSON → lineItems\[0\] \(line item 1 of 1\) → quantity must be a number, not "zwei"/],
	['voucher date 31 February', create({ voucherDate: '={{ "31.02.2024" }}' }), /^Voucher Date has no valid day of the month/],
	['voucher date in epoch seconds', create({ voucherDate: '={{ 1710460800 }}' }), /^Voucher Date is a number too small for epoch milliseconds/],
	['shipping date missing for delivery', create({ shippingType: 'delivery', shippingDate: '={{ "" }}' }), /^Shipping Date is required for shipping type delivery/],
	['end date missing for deliveryperiod', create({ shippingType: 'deliveryperiod', shippingDate: '2024-03-01', shippingEndDate: '={{ "" }}' }), /^Shipping End Date is required for shipping type deliveryperiod/],
	['title 26 characters', create({ additionalFields: { title: 't'.repeat(26) } }), /^Title is 26 characters long; lexoffice allows at most 25/],
	['both total discounts', create({ additionalFields: { totalDiscountAbsolute: 5, totalDiscountPercentage: 10 } }), /^Total Discount Percentage cannot be combined with Total Discount Absolute/],
	['payment duration with decimals', create({ additionalFields: { paymentConditions: { conditions: { label: 'x', duration: '={{ 14.5 }}' } } } }), /^Payment Conditions → Duration \(Days\) has 1 decimal places/],
	['bad contact ID', create({ contactId: byId('={{ "abc" }}') }), /^Contact must be a lexoffice ID .*"abc"/],
	['contact ID from an expression giving an object', create({ contactId: byId('={{ $json }}') }), /^Contact must be text, but the expression produced an object or a list/],
	['address override with a bad country code', create({ addressOverride: { countryCode: 'Deutschland' } }), /^Address Override → Country Code must be a two-letter ISO country code such as DE or AT, not "Deutschland"/],
	['one-time address without name', oneTime({ addressName: '={{ "" }}' }), /^Recipient Name is required/],
	['one-time address with a bad country code', oneTime({ addressCountryCode: 'GER' }), /^Country Code must be a two-letter ISO country code such as DE or AT, not "GER"/],
	['bad preceding voucher ID', create({ options: { precedingSalesVoucherId: 'AN-2024-1' } }), /^Options → Preceding Voucher ID must be a lexoffice ID/],
	['Finalize from an expression "yes"', create({ finalize: '={{ "yes" }}' }), /^Finalize must be true or false, not "yes"/],
	['JSON: read-only voucherNumber', json(jsonBody({ voucherNumber: 'RE0001' })), /^Invoice JSON → voucherNumber is read-only: lexoffice sets it itself/],
	['JSON: invalid JSON', json('{ "voucherDate": "2024-03-15", '), /^Invoice JSON is not valid JSON/],
	['get: ID not a UUID', { resource: 'invoice', operation: 'get', invoiceId: byId('={{ "RE0001" }}'), options: {} }, /^Invoice must be a lexoffice ID .*"RE0001"/],
	['download: ID not a UUID', { resource: 'invoice', operation: 'download', invoiceId: byId('={{ "123" }}'), fileFormat: 'pdf', binaryPropertyName: 'data' }, /^Invoice must be a lexoffice ID/],
	['download: empty output field', { resource: 'invoice', operation: 'download', invoiceId: byId(CONTACT_ID), fileFormat: 'pdf', binaryPropertyName: '={{ "" }}' }, /^Put Output File in Field is required/],
	['getAll: Overdue together with Open', getAll({ status: ['overdue', 'open'] }), /^Filters → Status cannot combine Overdue with other statuses/],
	['getAll: a status invoices do not have', getAll({ status: '={{ ["paidoff"] }}' }), /^Filters → Status contains "paidoff"; use draft, open, paid, voided, overdue/],
	['getAll: reversed voucher date range', getAll({ voucherDateFrom: '2024-05-01', voucherDateTo: '2024-04-01' }), /^Filters → Voucher Date From \(2024-05-01\) is after Voucher Date To \(2024-04-01\)/],
	['getAll: reversed created date range', getAll({ createdDateFrom: '2024-05-01', createdDateTo: '30.04.2024' }), /^Filters → Created Date From \(2024-05-01\) is after Created Date To \(2024-04-30\)/],
	['getAll: reversed updated date range', getAll({ updatedDateFrom: '2024-05-02T00:00:00', updatedDateTo: '2024-05-01T23:59:59' }), /^Filters → Updated Date From \(2024-05-02\) is after Updated Date To \(2024-05-01\)/],
	['getAll: date filter not a date', getAll({ voucherDateFrom: '={{ "letzte Woche" }}' }), /^Filters → Voucher Date From is not a date lexoffice can use/],
	['getAll: date filter an object', getAll({ updatedDateTo: '={{ { to: 1 } }}' }), /^Filters → Updated Date To must be a date, but the expression produced an object or a list/],
	['getAll: contact ID not a UUID', getAll({ contactId: 'Kunde 4711' }), /^Filters → Contact ID must be a lexoffice ID/],
	['getAll: voucher number from an object', getAll({ voucherNumber: '={{ ["RE1"] }}' }), /^Filters → Voucher Number must be text, but the expression produced an object or a list/],
	['getAll: Limit 0', { resource: 'invoice', operation: 'getAll', returnAll: false, limit: '={{ 0 }}', filters: {}, options: {} }, /^Limit must be a whole number of at least 1/],
	[
		'second input item bad (unit price), first fine',
		create(oneItem({ unitPrice: '={{ $json.price }}' })),
		re(`^${LI(1, 1, 'Unit Price')} must be a number, not "zehn"`),
		1,
		{ items: [{ json: { price: 10 } }, { json: { price: 'zehn' } }] },
	],
	[
		'second input item bad (voucher date), first fine',
		create({ voucherDate: '={{ $json.date }}' }),
		/^Voucher Date has no valid day of the month/,
		1,
		{ items: [{ json: { date: '2024-02-29' } }, { json: { date: '2023-02-29' } }] },
	],
	// Item 2: numbers that read two ways are refused before any request (domain table: test/unit)
	['unit price "1,500" (1.5 or 1500?)', create(oneItem({ unitPrice: '={{ "1,500" }}' })), re(`^${LI(1, 1, 'Unit Price')} "1,500" is ambiguous: it could mean 1.5 or 1500`)],
	['quantity "1.500,00" with thousands separators', create(oneItem({ quantity: '={{ $json.qty }}' })), re(`^${LI(1, 1, 'Quantity')} uses thousands separators`), 0, { items: [{ json: { qty: '1.500,00' } }] }],
	['total discount "2,500"', create({ additionalFields: { totalDiscountAbsolute: '={{ "2,500" }}' } }), /^Total Discount Absolute "2,500" is ambiguous/],
	['JSON: net amount "1,500"', jsonLine({ unitPrice: { currency: 'EUR', netAmount: '1,500', taxRatePercentage: 19 } }), /^Invoice JSON → lineItems\[0\] \(line item 1 of 1\) → unitPrice\.netAmount "1,500" is ambiguous/],
	// Item 3: dates that do not exist or read two ways are refused, not rolled over or guessed
	['voucher date "Feb 30 2024"', create({ voucherDate: '={{ "Feb 30 2024" }}' }), /^Voucher Date is not a date lexoffice can use: "Feb 30 2024"/],
	['voucher date "2024/02/30"', create({ voucherDate: '2024/02/30' }), /^Voucher Date is not a date lexoffice can use: "2024\/02\/30"/],
	['voucher date "1"', create({ voucherDate: '1' }), /^Voucher Date is not a date lexoffice can use: "1"/],
	['voucher date "3.5"', create({ voucherDate: '3.5' }), /^Voucher Date is not a date lexoffice can use: "3.5"/],
	['voucher date "01/02/2024"', create({ voucherDate: '01/02/2024' }), /^Voucher Date is ambiguous: "01\/02\/2024"/],
	['shipping date "2024-02-30"', create({ shippingType: 'delivery', shippingDate: '2024-02-30' }), /^Shipping Date has no valid day of the month/],
	['getAll: filter date "Feb 30 2024"', getAll({ voucherDateFrom: 'Feb 30 2024' }), /^Filters → Voucher Date From is not a date lexoffice can use: "Feb 30 2024"/],
	['getAll: filter date "01/02/2024"', getAll({ createdDateTo: '01/02/2024' }), /^Filters → Created Date To is ambiguous/],
	['getAll: filter date "2023-02-29"', getAll({ updatedDateFrom: '2023-02-29' }), /^Filters → Updated Date From has no valid day of the month/],
	// Item 4: a huge value is refused by its length, at once
	['unit price of 100,000 characters', create(oneItem({ unitPrice: '={{ $json.price }}' })), re(`^${LI(1, 1, 'Unit Price')} is 100000 characters long, too long for a number`), 0, { items: [{ json: { price: '9'.repeat(100000) } }] }],
];

describe('bad invoice input fails before any request, naming the field and the item', () => {
	test('there are enough cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(45);
	});

	test.each(cases)('%s', async (_name, parameters, expected, itemIndex = 0, runOptions = {}) => {
		const result = await bed.run(parameters, runOptions);
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(expected);
		expect(result.error.message.endsWith(` [item ${itemIndex}]`)).toBe(true);
		expect(result.error.context.itemIndex).toBe(itemIndex);
		expect(bed.apiRequests()).toEqual([]);
	});

	test('with Continue On Fail the bad item becomes an error item, the good one is created', async () => {
		bed.sandbox.seedContacts(1, { customize: (data) => ({ ...data, roles: { customer: {} } }) });
		const result = await bed.run(oneTime({ lineItems: items(lineItem({ quantity: '={{ $json.quantity }}' })) }), {
			continueOnFail: true,
			items: [{ json: { quantity: 2 } }, { json: { quantity: -1 } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toEqual(expect.any(String));
		expect(result.items[1].json.error).toMatch(re(`^${LI(1, 1, 'Quantity')} must be greater than 0, not -1 \\[item 1\\]$`));
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		// The one create, then the read-back of the stored invoice (the default).
		const id = result.items[0].json.id;
		expect(bed.apiRequests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1/invoices', `GET /v1/invoices/${id}`]);
	});
});
