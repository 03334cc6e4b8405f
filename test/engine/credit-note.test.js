'use strict';
// Credit notes through the document kit, inside n8n's engine against the sandbox.
const S = require('./support/documentSuite');

const ctx = S.createTestbedFor();

describe('Credit Note', () => {
	S.describeCreating(ctx, 'creditNote');
	S.describeReading(ctx, 'creditNote', { permalink: 'credit-notes', statuses: ['open', 'paidoff'] });
	S.describePursue(ctx, 'creditNote', { from: ['invoice'] });

	test('finalized against an invoice: paid off at once; a second one for the same invoice is refused (406, explained)', async () => {
		const invoice = ctx.bed.sandbox.seedDocument('invoice', S.apiBody('invoice'));
		const first = await S.ok(ctx.bed, S.createParams('creditNote', { finalize: true, createFrom: 'voucher', precedingVoucher: S.byId(invoice.id) }));
		expect(first.items[0].json.voucherStatus).toBe('paidoff');
		const second = await ctx.bed.run(S.createParams('creditNote', { createFrom: 'voucher', precedingVoucher: S.byId(invoice.id) }));
		expect(second.error.httpCode).toBe('406');
		expect(second.error.description).toMatch(/An invoice takes only one credit note/);
	});

	test('shipping and payment conditions are no part of a credit note: refused from JSON before any request', async () => {
		const json = { ...S.apiBody('creditNote'), shippingConditions: { shippingType: 'none' } };
		const result = await ctx.bed.run(S.createParams('creditNote', { defineCreditNote: 'json', creditNoteJson: JSON.stringify(json) }));
		expect(result.error.message).toMatch(/shippingConditions.*\[item 0\]$/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});
});
