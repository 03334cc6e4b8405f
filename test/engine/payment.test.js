'use strict';
// Payment status (GET /v1/payments/{id}) inside n8n's engine against the lexoffice sandbox.
const { createTestbed } = require('../harness/testbed');

let bed;
beforeAll(async () => {
	bed = await createTestbed();
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => bed.sandbox.clearLog());

const byId = (value) => ({ __rl: true, mode: 'id', value });
const params = (voucherId) => ({ resource: 'payment', operation: 'get', voucherId });
const DATE = '2024-03-01T00:00:00.000+01:00';
const body = (over = {}) => ({
	voucherDate: DATE,
	address: { name: 'Max Mustermann', countryCode: 'DE' },
	lineItems: [{ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 100, taxRatePercentage: 19 } }],
	totalPrice: { currency: 'EUR' },
	taxConditions: { taxType: 'net' },
	shippingConditions: { shippingType: 'none' },
	...over,
});
const seed = (type, over, opts) => bed.sandbox.seedDocument(type, body(over), opts);

test('an open invoice with a part payment: open amount, status and items', async () => {
	const inv = seed('invoice');
	bed.sandbox.addPayment(inv.id, { paymentItemType: 'manualPayment', amount: 19, postingDate: DATE });
	const result = await bed.run(params(byId(inv.id)));
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toEqual({
		voucherId: inv.id,
		openAmount: 100,
		currency: 'EUR',
		paymentStatus: 'openRevenue',
		voucherType: 'invoice',
		voucherStatus: 'open',
		paymentItems: [{ paymentItemType: 'manualPayment', postingDate: DATE, amount: 19, currency: 'EUR' }],
	});
	expect(bed.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/payments/${inv.id}`]);
});

test('a paid invoice is balanced with its paid date; by URL', async () => {
	const inv = seed('invoice');
	bed.sandbox.markPaid(inv.id);
	const url = { __rl: true, mode: 'url', value: `https://app.lexware.de/permalink/invoices/view/${inv.id}` };
	const json = (await bed.run(params(url))).items[0].json;
	expect(json).toMatchObject({ openAmount: 0, paymentStatus: 'balanced', voucherStatus: 'paid' });
	expect(json.paidDate).toMatch(/^\d{4}-\d\d-\d\dT/);
});

test('down-payment invoices and unlinked credit notes have a status', async () => {
	const dp = seed('downpaymentinvoice');
	expect((await bed.run(params(byId(dp.id)))).items[0].json).toMatchObject({ voucherType: 'downpaymentinvoice', openAmount: 119 });
	const { shippingConditions, ...cnBody } = body();
	const cn = bed.sandbox.seedDocument('creditnote', cnBody);
	expect((await bed.run(params(byId(cn.id)))).items[0].json).toMatchObject({ voucherType: 'creditnote', paymentStatus: 'openRevenue' });
});

test('a draft: lexoffice’s 406 explained', async () => {
	const draft = seed('invoice', {}, { status: 'draft' });
	const result = await bed.run(params(byId(draft.id)));
	expect(result.error.httpCode).toBe('406');
	expect(result.error.message).toBe('lexoffice keeps no payment status for a draft [item 0]');
	expect(result.error.description).toMatch(/Finalize the document/);
});

test('a quotation: lexoffice’s 406 explained differently', async () => {
	const { shippingConditions, ...q } = body({ expirationDate: DATE });
	const quotation = bed.sandbox.seedDocument('quotation', q);
	const result = await bed.run(params(byId(quotation.id)));
	expect(result.error.message).toBe('lexoffice keeps no payment status for this kind of document [item 0]');
	expect(result.error.description).toMatch(/Quotations, order confirmations/);
});

test('a bad ID fails before any request; Continue On Fail keeps the other items', async () => {
	const inv = seed('invoice');
	const result = await bed.run(params(byId('={{ $json.id }}')), {
		continueOnFail: true,
		items: [{ json: { id: 'RE0001' } }, { json: { id: inv.id } }, { json: { id: '3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c' } }],
	});
	expect(result.items[0].json.error).toMatch(/^Document must be a lexoffice ID/);
	expect(result.items[1].json.openAmount).toBe(119);
	expect(result.items[2].json.httpCode).toBe('404');
	expect(bed.apiRequests()).toHaveLength(2);
});
