'use strict';
// Order confirmations through the document kit, inside n8n's engine against the sandbox.
const S = require('./support/documentSuite');

const ctx = S.createTestbedFor();

describe('Order Confirmation', () => {
	S.describeCreating(ctx, 'orderConfirmation');
	S.describeReading(ctx, 'orderConfirmation', { permalink: 'order-confirmations', statuses: ['open'] });
	S.describePursue(ctx, 'orderConfirmation', { from: ['quotation'] });

	test('delivery terms are sent', async () => {
		await S.ok(ctx.bed, S.createParams('orderConfirmation', { additionalFields: { deliveryTerms: 'frei Haus' } }));
		expect(ctx.bed.apiRequests()[0].requestBody.deliveryTerms).toBe('frei Haus');
	});

	test('a quotation with optional items cannot be continued: 406, explained', async () => {
		const body = S.apiBody('quotation');
		body.lineItems[0].optional = true;
		const quotation = ctx.bed.sandbox.seedDocument('quotation', body);
		ctx.bed.sandbox.clearLog();
		const result = await ctx.bed.run(S.createParams('orderConfirmation', { createFrom: 'voucher', precedingVoucher: S.byId(quotation.id) }));
		expect(result.error.httpCode).toBe('406');
		expect(result.error.description).toMatch(/not from a quotation with optional or alternative items/);
	});

	test('a recipient contact without the customer role: the refusal is explained for the order confirmation', async () => {
		const [vendor] = ctx.bed.sandbox.seedContacts(1, { customize: (data) => ({ ...data, roles: { vendor: {} } }) });
		ctx.bed.sandbox.clearLog();
		const result = await ctx.bed.run(S.createParams('orderConfirmation', { recipient: 'contact', contactId: S.byId(vendor.id), addressOverride: {} }));
		expect(result.error.message).toBe('lexoffice did not accept the contact as the order confirmation recipient [item 0]');
		expect(result.error.description).toMatch(/An order confirmation needs a contact with the customer role/);
		// The create, then the look at the contact that explains the refusal; nothing is sent twice.
		expect(S.requests(ctx.bed)).toEqual(['POST /v1/order-confirmations', `GET /v1/contacts/${vendor.id}`]);
	});
});
