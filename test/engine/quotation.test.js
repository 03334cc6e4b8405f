'use strict';
// Quotations through the document kit, inside n8n's engine against the sandbox.
const S = require('./support/documentSuite');

const ctx = S.createTestbedFor();

describe('Quotation', () => {
	S.describeCreating(ctx, 'quotation');
	S.describeReading(ctx, 'quotation', { permalink: 'quotations', statuses: ['accepted', 'rejected'] });

	test('the expiration date is sent; without it the quotation is refused before any request', async () => {
		const result = await S.ok(ctx.bed, S.createParams('quotation', { expirationDate: '2024-04-30' }));
		expect(ctx.bed.apiRequests()[0].requestBody.expirationDate).toMatch(/^2024-04-30T00:00:00\.000\+02:00$/);
		expect(result.items[0].json.expirationDate).toMatch(/^2024-04-30/);
		ctx.bed.sandbox.clearLog();
		const missing = await ctx.bed.run(S.createParams('quotation', { expirationDate: '={{ "" }}' }));
		expect(missing.error.message).toMatch(/^Expiration Date .*\[item 0\]$/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});

	test('optional line items are sent as such', async () => {
		await S.ok(ctx.bed, S.createParams('quotation', { lineItems: { item: [S.lineItem('quotation', { optional: true })] } }));
		expect(ctx.bed.apiRequests()[0].requestBody.lineItems[0].optional).toBe(true);
	});

	test('Get Many finds accepted and rejected quotations', async () => {
		const accepted = ctx.bed.sandbox.seedDocument('quotation', S.apiBody('quotation'));
		const rejected = ctx.bed.sandbox.seedDocument('quotation', S.apiBody('quotation'));
		ctx.bed.sandbox.setQuotationStatus(accepted.id, 'accepted');
		ctx.bed.sandbox.setQuotationStatus(rejected.id, 'rejected');
		const result = await S.ok(ctx.bed, { resource: 'quotation', operation: 'getAll', returnAll: true, filters: { status: ['accepted', 'rejected'] }, options: {} });
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toEqual(expect.arrayContaining([accepted.id, rejected.id]));
		expect(ctx.bed.apiRequests()[0].query.voucherStatus).toBe('accepted,rejected');
	});
});
