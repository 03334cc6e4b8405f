'use strict';

/**
 * End-to-end for the Article and Payment resources: the packed package in a real n8n
 * (see lexoffice.e2e.js for the stack), driven through n8n's REST API against the sandbox
 * with an API key credential. Tests run in order and build on each other.
 *
 *   npx jest --testMatch '**\/test/e2e/**\/sales.e2e.js' --runInBand
 */

const { NODE_TYPE, useApiKeyStack, publicView, lexNode, connect, byId, nodes, apiEntries, entriesSince, duplicateProblems } = require('./support/stack');

jest.setTimeout(120 * 1000);

const DATE = '2024-03-01T00:00:00.000+01:00';

describe('Article and Payment in a real n8n', () => {
	const stack = useApiKeyStack('lexoffice (e2e sales)', { seed: { contacts: 2, invoices: 0 } });
	const { run, opts, ok } = stack;
	const made = {};

	test('article: create (stored record), update, get, get many', async () => {
		const before = stack.S.sb.state.counters.requests;
		const ex = await run({
			name: 'e2e articles',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode(
					'Create',
					{
						resource: 'article',
						operation: 'create',
						title: 'e2e Beratung',
						type: 'SERVICE',
						unitName: 'Stunde',
						leadingPrice: 'GROSS',
						price: 11.9,
						taxRate: 19,
						additionalFields: { articleNumber: 'E2E-1', gtin: '4006381333931' },
						options: {},
					},
					stack.cred,
					opts([220, 0]),
				),
				lexNode('Update', { resource: 'article', operation: 'update', articleId: byId('={{ $json.id }}'), updateFields: { title: 'e2e Beratung (neu)' } }, stack.cred, opts([440, 0])),
				lexNode('Get', { resource: 'article', operation: 'get', articleId: byId('={{ $json.id }}') }, stack.cred, opts([660, 0])),
				lexNode('Many', { resource: 'article', operation: 'getAll', returnAll: false, limit: 10, filters: { articleNumber: 'E2E-1' }, options: {} }, stack.cred, opts([880, 0])),
			],
			connections: connect([
				['Start', 'Create'],
				['Create', 'Update'],
				['Update', 'Get'],
				['Get', 'Many'],
			]),
		});
		ok(ex);
		const created = ex.nodes.Create.items[0].json;
		made.article = created.id;
		expect(created).toMatchObject({ title: 'e2e Beratung', version: 0, price: { netPrice: 10, grossPrice: 11.9, leadingPrice: 'GROSS', taxRate: 19 } });
		const stored = publicView(stack.S.sb.state.articles.get(created.id));
		expect(ex.nodes.Get.items.map((i) => i.json)).toEqual([stored]);
		expect(stored).toMatchObject({ title: 'e2e Beratung (neu)', articleNumber: 'E2E-1', gtin: '4006381333931', version: 1 });
		expect(ex.nodes.Many.items.map((i) => i.json)).toEqual([stored]);
		const sent = apiEntries(entriesSince(stack.S.sb, before));
		expect(sent.map((e) => `${e.method} ${e.path.replace(created.id, ':id')}`)).toEqual([
			'POST /v1/articles',
			'GET /v1/articles/:id',
			'GET /v1/articles/:id',
			'PUT /v1/articles/:id',
			'GET /v1/articles/:id',
			'GET /v1/articles',
		]);
		// The same GET three times is by design (create's read-back, update's read, Get); no write twice.
		expect(duplicateProblems(sent.filter((e) => e.method !== 'GET'))).toEqual([]);
	});

	test('article picker lists the article by title', async () => {
		const answer = await stack.S.api.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
			path: 'articleId',
			methodName: 'searchArticles',
			nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
			currentNodeParameters: { authentication: 'apiKey', resource: 'article', operation: 'get' },
			credentials: { lexofficeApi: { id: stack.cred.id, name: stack.cred.name } },
			filter: 'beratung',
		});
		const results = answer.results ?? answer.data?.results ?? [];
		expect(results).toEqual([expect.objectContaining({ value: made.article, name: 'e2e Beratung (neu) (E2E-1)' })]);
	});

	test('payment status of an invoice; article delete', async () => {
		const body = {
			voucherDate: DATE,
			address: { name: 'Max Mustermann', countryCode: 'DE' },
			lineItems: [{ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 100, taxRatePercentage: 19 } }],
			totalPrice: { currency: 'EUR' },
			taxConditions: { taxType: 'net' },
			shippingConditions: { shippingType: 'none' },
		};
		const invoice = stack.S.sb.seedDocument('invoice', body);
		stack.S.sb.addPayment(invoice.id, { paymentItemType: 'manualPayment', amount: 19, postingDate: DATE });
		made.draft = stack.S.sb.seedDocument('invoice', body, { status: 'draft' }).id;
		const ex = await run({
			name: 'e2e payment',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode('Payment', { resource: 'payment', operation: 'get', voucherId: byId(invoice.id) }, stack.cred, opts([220, 0])),
				lexNode('Delete', { resource: 'article', operation: 'delete', articleId: byId(made.article) }, stack.cred, opts([220, 200])),
			],
			connections: connect([
				['Start', 'Payment'],
				['Start', 'Delete'],
			]),
		});
		ok(ex);
		expect(ex.nodes.Payment.items[0].json).toEqual({
			voucherId: invoice.id,
			openAmount: 100,
			currency: 'EUR',
			paymentStatus: 'openRevenue',
			voucherType: 'invoice',
			voucherStatus: 'open',
			paymentItems: [{ paymentItemType: 'manualPayment', postingDate: DATE, amount: 19, currency: 'EUR' }],
		});
		expect(ex.nodes.Delete.items[0].json).toEqual({ id: made.article, deleted: true });
		expect(stack.S.sb.state.articles.has(made.article)).toBe(false);
	});

	test('payment status of a draft fails with lexoffice’s 406 explained', async () => {
		const ex = await run({
			name: 'e2e payment draft',
			nodes: [nodes.manualTrigger('Start'), lexNode('Payment', { resource: 'payment', operation: 'get', voucherId: byId(made.draft) }, stack.cred, opts([220, 0]))],
			connections: connect([['Start', 'Payment']]),
		});
		expect(ex.status).toBe('error');
		const err = ex.nodes.Payment.error;
		expect(err.message).toMatch(/^lexoffice keeps no payment status for a draft/);
		expect(err.httpCode).toBe('406');
		expect(err.description).toMatch(/Finalize the document/);
	});
});
