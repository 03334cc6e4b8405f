'use strict';
// Bad invoice input fails inside the node, before anything is sent to lexoffice: each error
// names the field (and the line item), and the input item as [item N].
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
	// line items: count
	['no line items', create({ lineItems: {} }), /^Line Items needs at least one line item/],
	['no line items from an expression', create({ lineItems: '={{ [] }}' }), /^Line Items needs at least one line item/],
	['301 line items', create({ lineItems: items(...Array.from({ length: 301 }, () => lineItem())) }), /^Line Items has 301 line items; lexoffice allows at most 300/],
	// custom
	['custom: name empty', create(oneItem({ name: '={{ "  " }}' })), re(`^${LI(1, 1, 'Name')} must not be empty`)],
	['custom: name 256 characters', create(oneItem({ name: 'n'.repeat(256) })), re(`^${LI(1, 1, 'Name')} is 256 characters long; lexoffice allows at most 255`)],
	['custom: description 2001 characters', create(oneItem({ description: 'd'.repeat(2001) })), re(`^${LI(1, 1, 'Description')} is 2001 characters long; lexoffice allows at most 2000`)],
	['custom: quantity 0', create(oneItem({ quantity: 0 })), re(`^${LI(1, 1, 'Quantity')} must be greater than 0, not 0`)],
	['custom: quantity negative', create(oneItem({ quantity: -2 })), re(`^${LI(1, 1, 'Quantity')} must be greater than 0, not -2`)],
	['custom: quantity with 5 decimals', create(oneItem({ quantity: 1.23456 })), re(`^${LI(1, 1, 'Quantity')} has 5 decimal places`)],
	['custom: quantity missing', create(oneItem({ quantity: '={{ null }}' })), re(`^${LI(1, 1, 'Quantity')} is required`)],
	['custom: unit name missing', create(oneItem({ unitName: '={{ "" }}' })), re(`^${LI(1, 1, 'Unit Name')} is required`)],
	['custom: unit price "abc"', create(oneItem({ unitPrice: '={{ "abc" }}' })), re(`^${LI(1, 1, 'Unit Price')} must be a number, not "abc"`)],
	['custom: unit price with 5 decimals', create(oneItem({ unitPrice: '={{ 1.00001 }}' })), re(`^${LI(1, 1, 'Unit Price')} has 5 decimal places`)],
	['custom: unit price missing', create(oneItem({ unitPrice: '={{ "" }}' })), re(`^${LI(1, 1, 'Unit Price')} is required`)],
	['custom: custom tax rate above 100', create(oneItem({ taxRate: 'custom', customTaxRate: '={{ 120 }}' })), re(`^${LI(1, 1, 'Tax Rate')} must be between 0 and 100, not 120`)],
	['custom: discount above 100', create(oneItem({ discountPercentage: '={{ 101 }}' })), re(`^${LI(1, 1, 'Discount Percentage')} must be between 0 and 100, not 101`)],
	['custom: tax rate 7 with vatfree', create({ taxType: 'vatfree', ...oneItem({ taxRate: '7' }) }), re(`^${LI(1, 1, 'Tax Rate')} must be 0 for tax type "vatfree", not 7`)],
	['custom: tax rate 19 with intra-community supply', create({ taxType: 'intraCommunitySupply', ...oneItem({}) }), re(`^${LI(1, 1, 'Tax Rate')} must be 0 for tax type "intraCommunitySupply", not 19`)],
	['unknown line item type', create(oneItem({ type: '={{ "product" }}' })), re(`^${LI(1, 1, 'Type')} must be one of custom, material, service, text, not "product"`)],
	// material and service
	['material without article ID', create(oneItem({ type: 'material' })), re(`^${LI(1, 1, 'Article ID')} is required`)],
	['service with a bad article ID', create(oneItem({ type: 'service', articleId: 'ART-1' })), re(`^${LI(1, 1, 'Article ID')} must be a lexoffice ID .*"ART-1"`)],
	['material: quantity 0', create(oneItem({ type: 'material', articleId: ARTICLE_ID, quantity: 0 })), re(`^${LI(1, 1, 'Quantity')} must be greater than 0`)],
	['service: unit price an object', create(oneItem({ type: 'service', articleId: ARTICLE_ID, unitPrice: '={{ { net: 5 } }}' })), re(`^${LI(1, 1, 'Unit Price')} must be a number, not an object or a list`)],
	// text
	['text: name missing', create(oneItem({ type: 'text', name: '={{ "" }}' })), re(`^${LI(1, 1, 'Name')} is required`)],
	['text: description 2001 characters', create(oneItem({ type: 'text', description: 'd'.repeat(2001) })), re(`^${LI(1, 1, 'Description')} is 2001 characters long`)],
	// the position is right among several items
	[
		'third of three line items is bad',
		create({ lineItems: items(lineItem(), { type: 'text', name: 'Hinweis' }, lineItem({ quantity: '={{ "viele" }}' })) }),
		re(`^${LI(3, 3, 'Quantity')} must be a number, not "viele"`),
	],
	// JSON line items
	['JSON: text item with a price', jsonLine({ type: 'text', quantity: undefined, unitName: undefined }), /^Invoice JSON → lineItems\[0\] \(line item 1 of 1\) → unitPrice\.netAmount is not allowed on a text item/],
	['JSON: material without id', jsonLine({ type: 'material' }), /^Invoice JSON → lineItems\[0\] \(line item 1 of 1\) → id is required/],
	['JSON: custom item with an article id', jsonLine({ id: ARTICLE_ID }), /^Invoice JSON → lineItems\[0\] \(line item 1 of 1\) → id is only for material and service items/],
	['JSON: quantity as text "zwei"', jsonLine({ quantity: 'zwei' }), /^Invoice JSON → lineItems\[0\] \(line item 1 of 1\) → quantity must be a number, not "zwei"/],
	['JSON: lineItemAmount is read-only', jsonLine({ lineItemAmount: 100 }), /^Invoice JSON → lineItems\[0\]\.lineItemAmount is read-only/],
	['JSON: gross invoice with netAmount', json(jsonBody({ taxConditions: { taxType: 'gross' } })), /^Invoice JSON → lineItems\[0\]\.unitPrice\.netAmount does not go with tax type gross; send unitPrice\.grossAmount only/],
	['JSON: line item currency USD', jsonLine({ unitPrice: { currency: 'USD', netAmount: 1, taxRatePercentage: 19 } }), /^Invoice JSON → lineItems\[0\]\.unitPrice\.currency must be EUR/],
	['JSON: lineItems not a list', json(jsonBody({ lineItems: { type: 'custom' } })), /^Invoice JSON → lineItems must be a list of line items/],
	// voucher date
	['voucher date not a date', create({ voucherDate: '={{ "gestern" }}' }), /^Voucher Date is not a date lexoffice can use: "gestern"/],
	['voucher date 31 February', create({ voucherDate: '={{ "31.02.2024" }}' }), /^Voucher Date has no valid day of the month/],
	['voucher date month 13', create({ voucherDate: '={{ "2024-13-01" }}' }), /^Voucher Date has no valid month/],
	['voucher date missing', create({ voucherDate: '={{ "" }}' }), /^Voucher Date is required/],
	['voucher date in epoch seconds', create({ voucherDate: '={{ 1710460800 }}' }), /^Voucher Date is a number too small for epoch milliseconds/],
	['voucher date an object', create({ voucherDate: '={{ { day: 1 } }}' }), /^Voucher Date must be a date, but the expression produced an object or a list/],
	// shipping
	['shipping date missing for delivery', create({ shippingType: 'delivery', shippingDate: '={{ "" }}' }), /^Shipping Date is required for shipping type delivery/],
	['shipping date missing for service', create({ shippingType: 'service', shippingDate: '={{ null }}' }), /^Shipping Date is required for shipping type service/],
	['end date missing for deliveryperiod', create({ shippingType: 'deliveryperiod', shippingDate: '2024-03-01', shippingEndDate: '={{ "" }}' }), /^Shipping End Date is required for shipping type deliveryperiod/],
	[
		'end date before start for deliveryperiod',
		create({ shippingType: 'deliveryperiod', shippingDate: '2024-03-10', shippingEndDate: '2024-03-09' }),
		/^Shipping End Date \(2024-03-09T00:00:00\.000\+01:00\) must not be before the Shipping Date \(2024-03-10T00:00:00\.000\+01:00\)/,
	],
	['unknown shipping type', create({ shippingType: '={{ "express" }}', shippingDate: '2024-03-01', shippingEndDate: '2024-03-02' }), /^Shipping Type must be one of service, serviceperiod, delivery, deliveryperiod, none, not "express"/],
	['JSON: shipping date with type none', json(jsonBody({ shippingConditions: { shippingType: 'none', shippingDate: '2024-03-01' } })), /^Invoice JSON → shippingConditions\.shippingDate must be left out for shipping type none/],
	// texts and choices
	['title 26 characters', create({ additionalFields: { title: 't'.repeat(26) } }), /^Title is 26 characters long; lexoffice allows at most 25/],
	['introduction 2001 characters', create({ additionalFields: { introduction: 'i'.repeat(2001) } }), /^Introduction is 2001 characters long; lexoffice allows at most 2000/],
	['remark 2001 characters', create({ additionalFields: { remark: 'r'.repeat(2001) } }), /^Remark is 2001 characters long; lexoffice allows at most 2000/],
	['language fr', create({ additionalFields: { language: '={{ "fr" }}' } }), /^Language must be one of de, en, not "fr"/],
	['unknown tax type', create({ taxType: '={{ "reduced" }}' }), /^Tax Type must be one of net, gross, vatfree/],
	['both total discounts', create({ additionalFields: { totalDiscountAbsolute: 5, totalDiscountPercentage: 10 } }), /^Total Discount Percentage cannot be combined with Total Discount Absolute/],
	['total discount absolute with 3 decimals', create({ additionalFields: { totalDiscountAbsolute: '={{ 1.005 }}' } }), /^Total Discount Absolute has 3 decimal places/],
	['total discount percentage above 100', create({ additionalFields: { totalDiscountPercentage: '={{ 150 }}' } }), /^Total Discount Percentage must be between 0 and 100, not 150/],
	['payment duration with decimals', create({ additionalFields: { paymentConditions: { conditions: { label: 'x', duration: '={{ 14.5 }}' } } } }), /^Payment Conditions → Duration \(Days\) has 1 decimal places/],
	[
		'JSON: cash discount without days',
		json(jsonBody({ paymentConditions: { paymentTermDuration: 14, paymentDiscountConditions: { discountPercentage: 2 } } })),
		/^Invoice JSON → paymentConditions\.paymentDiscountConditions\.discountRange is required together with Invoice JSON → paymentConditions\.paymentDiscountConditions\.discountPercentage/,
	],
	['bad print layout ID', create({ additionalFields: { printLayoutId: 'standard' } }), /^Print Layout ID must be a lexoffice ID/],
	// recipient
	['bad contact ID', create({ contactId: byId('={{ "abc" }}') }), /^Contact must be a lexoffice ID .*"abc"/],
	['contact ID from an expression giving an object', create({ contactId: byId('={{ $json }}') }), /^Contact must be text, but the expression produced an object or a list/],
	['address override with a bad country code', create({ addressOverride: { countryCode: 'Deutschland' } }), /^Address Override → Country Code must be a two-letter ISO country code such as DE or AT, not "Deutschland"/],
	['one-time address without name', oneTime({ addressName: '={{ "" }}' }), /^Recipient Name is required/],
	['one-time address with a bad country code', oneTime({ addressCountryCode: 'GER' }), /^Country Code must be a two-letter ISO country code such as DE or AT, not "GER"/],
	['one-time address without country code', oneTime({ addressCountryCode: '={{ "" }}' }), /^Country Code is required/],
	['one-time address name from an object', oneTime({ addressName: '={{ { name: "x" } }}' }), /^Recipient Name must be text, but the expression produced an object or a list/],
	['bad preceding voucher ID', create({ options: { precedingSalesVoucherId: 'AN-2024-1' } }), /^Options → Preceding Voucher ID must be a lexoffice ID/],
	['Finalize from an expression "yes"', create({ finalize: '={{ "yes" }}' }), /^Finalize must be true or false, not "yes"/],
	// JSON body as a whole
	['JSON: read-only voucherNumber', json(jsonBody({ voucherNumber: 'RE0001' })), /^Invoice JSON → voucherNumber is read-only: lexoffice sets it itself/],
	['JSON: read-only id', json(jsonBody({ id: CONTACT_ID })), /^Invoice JSON → id is read-only/],
	['JSON: read-only voucherStatus', json(jsonBody({ voucherStatus: 'open' })), /^Invoice JSON → voucherStatus is read-only/],
	['JSON: read-only totalGrossAmount', json(jsonBody({ totalPrice: { currency: 'EUR', totalGrossAmount: 119 } })), /^Invoice JSON → totalPrice\.totalGrossAmount is read-only/],
	['JSON: invalid JSON', json('{ "voucherDate": "2024-03-15", '), /^Invoice JSON is not valid JSON/],
	['JSON: a list instead of an object', json('[1, 2]'), /^Invoice JSON must be a JSON object with the lexoffice invoice fields/],
	['JSON: currency USD', json(jsonBody({ totalPrice: { currency: 'USD' } })), /^Invoice JSON → totalPrice\.currency must be EUR, the only currency lexoffice supports, not "USD"/],
	['JSON: unknown address field', json(jsonBody({ address: { name: 'X', countryCode: 'DE', street2: 'Hinterhaus' } })), /^Invoice JSON → address\.street2 is not a field lexoffice accepts here/],
	['JSON: one-time address without name', json(jsonBody({ address: { countryCode: 'DE' } })), /^Invoice JSON → address\.name is required/],
	['JSON: voucher date not a date', json(jsonBody({ voucherDate: 'soon' })), /^Invoice JSON → voucherDate is not a date lexoffice can use/],
	['JSON: title 26 characters', json(jsonBody({ title: 'x'.repeat(26) })), /^Invoice JSON → title is 26 characters long/],
	// get, download
	['get: ID not a UUID', { resource: 'invoice', operation: 'get', invoiceId: byId('={{ "RE0001" }}'), options: {} }, /^Invoice must be a lexoffice ID .*"RE0001"/],
	['download: ID not a UUID', { resource: 'invoice', operation: 'download', invoiceId: byId('={{ "123" }}'), fileFormat: 'pdf', binaryPropertyName: 'data' }, /^Invoice must be a lexoffice ID/],
	['download: empty output field', { resource: 'invoice', operation: 'download', invoiceId: byId(CONTACT_ID), fileFormat: 'pdf', binaryPropertyName: '={{ "" }}' }, /^Put Output File in Field is required/],
	// get many
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
	// the item index
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
];

describe('bad invoice input fails before any request, naming the field and the item', () => {
	test('there are enough cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(30);
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
		expect(bed.apiRequests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1/invoices']);
	});
});
