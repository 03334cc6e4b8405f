'use strict';
// Down-payment invoices (read-only in the API) through the document kit.
const S = require('./support/documentSuite');

const ctx = S.createTestbedFor();

describe('Down-Payment Invoice', () => {
	// lexoffice's app opens down-payment invoices under invoices/.
	S.describeReading(ctx, 'downPaymentInvoice', { permalink: 'invoices', statuses: ['open'] });

	test('there is no create: the node refuses the operation', async () => {
		const result = await ctx.bed.run({ resource: 'downPaymentInvoice', operation: 'create' });
		expect(result.error.message).toMatch(/not supported/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});
});
