'use strict';
// Dunnings through the document kit: always from an invoice or down-payment invoice, always drafts.
const S = require('./support/documentSuite');

const ctx = S.createTestbedFor();

/** A dunning must name the invoice's contact (here its one-time address) and tax type. */
const dunningFor = (id, over = {}) => S.createParams('dunning', { precedingVoucher: S.byId(id), ...over });

describe('Dunning', () => {
	S.describeReading(ctx, 'dunning', { permalink: 'dunnings', listed: false });

	for (const source of ['invoice', 'downPaymentInvoice']) {
		test(`Create for an open ${source}: a draft linked to it, even though lexoffice prints it at once`, async () => {
			const preceding = ctx.bed.sandbox.seedDocument(S.TYPES[source].sandbox, S.apiBody(source));
			ctx.bed.sandbox.clearLog();
			const result = await S.ok(ctx.bed, dunningFor(preceding.id));
			const post = ctx.bed.apiRequests()[0];
			expect(post.path).toBe('/v1/dunnings');
			expect(post.query).toEqual({ precedingSalesVoucherId: preceding.id });
			expect(result.items[0].json).toMatchObject({ voucherStatus: 'draft', relatedVouchers: [expect.objectContaining({ id: preceding.id })] });
		});
	}

	test('the preceding voucher is required, and an ID that is none fails before any request', async () => {
		const result = await ctx.bed.run(dunningFor('={{ "" }}'));
		expect(result.error.message).toMatch(/^Preceding Voucher .*\[item 0\]$/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});

	test('a draft invoice cannot be dunned: 406, explained with the dunning rules', async () => {
		const draft = ctx.bed.sandbox.seedDocument('invoice', S.apiBody('invoice'), { status: 'draft' });
		ctx.bed.sandbox.clearLog();
		const result = await ctx.bed.run(dunningFor(draft.id));
		expect(result.error.httpCode).toBe('406');
		expect(result.error.description).toMatch(/not from a draft.*tax type of its invoice/s);
	});

	test('a tax type other than the invoice’s: 406, explained', async () => {
		const invoice = ctx.bed.sandbox.seedDocument('invoice', S.apiBody('invoice'));
		const result = await ctx.bed.run(dunningFor(invoice.id, { taxType: 'gross' }));
		expect(result.error.httpCode).toBe('406');
		expect(result.error.description).toMatch(/tax type of its invoice/);
	});

	test('Continue On Fail: a bad item becomes an error item, the good one is created', async () => {
		const invoice = ctx.bed.sandbox.seedDocument('invoice', S.apiBody('invoice'));
		const items = [{ json: { id: invoice.id } }, { json: { id: 'nope' } }];
		const result = await ctx.bed.run(dunningFor('={{ $json.id }}'), { items, continueOnFail: true });
		expect(result.items[0].json.voucherStatus).toBe('draft');
		expect(result.items[1].json.error).toMatch(/^Preceding Voucher must be a lexoffice ID.*\[item 1\]$/);
	});
});
