'use strict';
// Delivery notes through the document kit, inside n8n's engine against the sandbox.
const S = require('./support/documentSuite');

const ctx = S.createTestbedFor();

describe('Delivery Note', () => {
	S.describeCreating(ctx, 'deliveryNote');
	S.describeReading(ctx, 'deliveryNote', { permalink: 'delivery-notes', statuses: ['open'] });
	S.describePursue(ctx, 'deliveryNote', { from: ['quotation', 'orderConfirmation', 'invoice'] });

	test('no totals and no discounts are sent; a discount in the JSON is refused before any request', async () => {
		await S.ok(ctx.bed, S.createParams('deliveryNote'));
		const body = ctx.bed.apiRequests()[0].requestBody;
		expect(body.totalPrice).toBeUndefined();
		expect(body.lineItems[0].discountPercentage).toBeUndefined();
		ctx.bed.sandbox.clearLog();
		const json = S.apiBody('deliveryNote');
		json.lineItems[0].discountPercentage = 10;
		const result = await ctx.bed.run(S.createParams('deliveryNote', { defineDeliveryNote: 'json', deliveryNoteJson: JSON.stringify(json) }));
		expect(result.error.message).toMatch(/discountPercentage.*\[item 0\]$/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});
});
