'use strict';
// The invoice as one user of the document kit: Create From a quotation or order confirmation,
// and the stored record returned by default.
const S = require('./support/documentSuite');

const ctx = S.createTestbedFor();

describe('Invoice through the document kit', () => {
	S.describePursue(ctx, 'invoice', { from: ['quotation', 'orderConfirmation'], draftFrom: 'orderConfirmation' });

	test('the stored invoice is returned: number, status and totals', async () => {
		const result = await S.ok(ctx.bed, S.createParams('invoice', { finalize: true }));
		expect(result.items[0].json).toMatchObject({ voucherStatus: 'open', voucherNumber: expect.stringMatching(/^RE/), totalPrice: { totalGrossAmount: 119 } });
	});

	test('a failed read-back does not hide the created document: the create answer with the reason', async () => {
		ctx.bed.hooks.onLog = (entry) => {
			// The quotation vanishes right after lexoffice answered the create.
			if (entry.method !== 'POST' || entry.status !== 201) return;
			const newest = [...ctx.bed.sandbox.state.documents.values()].sort((a, b) => b._seq - a._seq)[0];
			ctx.bed.sandbox.state.documents.delete(newest.id);
		};
		try {
			const result = await S.ok(ctx.bed, S.createParams('quotation'));
			const json = result.items[0].json;
			expect(json).toMatchObject({ id: expect.any(String), version: 0 });
			expect(json.readBackError).toMatch(/404|not found/i);
			expect(S.requests(ctx.bed)).toEqual(['POST /v1/quotations', `GET /v1/quotations/${json.id}`]);
		} finally {
			ctx.bed.hooks.onLog = undefined;
		}
	});

	test('Create From and Options → Preceding Voucher ID naming two vouchers is refused before any request', async () => {
		const a = ctx.bed.sandbox.seedDocument('quotation', S.apiBody('quotation'));
		const b = ctx.bed.sandbox.seedDocument('quotation', S.apiBody('quotation'));
		ctx.bed.sandbox.clearLog();
		const result = await ctx.bed.run(S.createParams('invoice', { createFrom: 'voucher', precedingVoucher: S.byId(a.id), options: { precedingSalesVoucherId: b.id } }));
		expect(result.error.message).toMatch(/^Options → Preceding Voucher ID names another voucher than Create From \[item 0\]$/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});

	test('a line item can name an article picked from the list (a resource locator)', async () => {
		const [article] = ctx.bed.sandbox.seedArticles([{ title: 'Beratung', type: 'SERVICE', unitName: 'Stunde', price: { leadingPrice: 'NET', netPrice: 100, taxRate: 19 } }]);
		const item = S.lineItem('invoice', { type: 'service', articleId: { __rl: true, mode: 'list', value: article.id } });
		await S.ok(ctx.bed, S.createParams('invoice', { lineItems: { item: [item] } }));
		expect(ctx.bed.apiRequests()[0].requestBody.lineItems[0]).toMatchObject({ type: 'service', id: article.id });
	});
});
