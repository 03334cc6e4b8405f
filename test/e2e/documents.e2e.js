'use strict';

/**
 * End-to-end for the sales document resources (quotation, order confirmation, invoice
 * create from, delivery note, credit note, dunning, down-payment invoice): the packed
 * package in a real n8n (see lexoffice.e2e.js for the stack), driven through n8n's REST
 * API against the sandbox with an API key credential. Tests run in order and build on
 * each other: the pursue chain is created once and then read, listed and downloaded.
 *
 *   npx jest --testMatch '**\/test/e2e/**\/documents.e2e.js' --runInBand
 */

const { useApiKeyStack, publicView, lexNode, connect, byId, nodes, apiEntries, entriesSince, duplicateProblems, sandboxGet } = require('./support/stack');

jest.setTimeout(180 * 1000);

const DATE = '2024-03-01T00:00:00.000+01:00';

const TYPES = {
	quotation: { path: 'quotations', shipping: false, discounts: true, expiration: true },
	orderConfirmation: { path: 'order-confirmations', shipping: true, discounts: true },
	invoice: { path: 'invoices', shipping: true, discounts: true },
	deliveryNote: { path: 'delivery-notes', shipping: true, discounts: false },
	creditNote: { path: 'credit-notes', shipping: false, discounts: false },
	dunning: { path: 'dunnings', shipping: true, discounts: true, noFinalize: true },
	downPaymentInvoice: { path: 'down-payment-invoices' },
};

const pascal = (type) => type.charAt(0).toUpperCase() + type.slice(1);

/** Create parameters of a type from the form; `from` continues the voucher of the previous node. */
function createParams(type, from) {
	const t = TYPES[type];
	const item = { type: 'custom', name: 'Beratung', quantity: 2, unitName: 'Stunde', unitPrice: 100, taxRate: '19' };
	if (t.discounts) item.discountPercentage = 0;
	const params = {
		resource: type,
		operation: 'create',
		[`define${pascal(type)}`]: 'fields',
		recipient: 'oneTimeAddress',
		addressName: 'Max Mustermann',
		addressCountryCode: 'DE',
		addressDetails: {},
		voucherDate: '2024-03-15',
		taxType: 'net',
		lineItems: { item: [item] },
		additionalFields: {},
		options: {},
	};
	if (t.shipping) params.shippingType = 'none';
	if (t.expiration) params.expirationDate = '2024-04-15';
	if (!t.noFinalize) params.finalize = true;
	if (from && type !== 'dunning') params.createFrom = 'voucher';
	if (from) params.precedingVoucher = byId(`={{ $('${from}').item.json.id }}`);
	return params;
}

describe('Sales documents in a real n8n', () => {
	const stack = useApiKeyStack('lexoffice (e2e documents)', { seed: { contacts: 1, invoices: 0 } });
	const { run, opts, ok } = stack;
	const made = {};

	test('the pursue chains: quotation → order confirmation → invoice → credit note, delivery note, dunning', async () => {
		const before = stack.S.sb.state.counters.requests;
		const chain = [
			['Quotation', 'quotation', null],
			['Order Confirmation', 'orderConfirmation', 'Quotation'],
			['Invoice', 'invoice', 'Order Confirmation'],
			['Credit Note', 'creditNote', 'Invoice'],
			['Delivery Note', 'deliveryNote', 'Invoice'],
			['Dunning', 'dunning', 'Invoice'],
		];
		const ex = await run({
			name: 'e2e document chain',
			nodes: [nodes.manualTrigger('Start'), ...chain.map(([name, type, from], i) => lexNode(name, createParams(type, from), stack.cred, opts([220 * (i + 1), 0])))],
			connections: connect([
				['Start', 'Quotation'],
				['Quotation', 'Order Confirmation'],
				['Order Confirmation', 'Invoice'],
				['Invoice', 'Credit Note'],
				['Credit Note', 'Delivery Note'],
				['Delivery Note', 'Dunning'],
			]),
		});
		ok(ex);
		for (const [name] of chain) made[chain.find((c) => c[0] === name)[1]] = ex.nodes[name].items[0].json.id;
		for (const [name, , from] of chain) {
			const json = ex.nodes[name].items[0].json;
			// Each create returns the stored record (as it was then; later documents add relatedVouchers).
			const view = publicView(stack.S.sb.state.documents.get(json.id) ?? stack.S.sb.state.invoices.get(json.id));
			expect(json).toMatchObject({ id: view.id, voucherDate: view.voucherDate, lineItems: view.lineItems, resourceUri: expect.stringMatching(new RegExp(`/${json.id}$`)) });
			expect(json.voucherNumber).toBe(view.voucherNumber);
			if (view.totalPrice) expect(json.totalPrice).toEqual(view.totalPrice);
			if (from) expect(json.relatedVouchers).toEqual(expect.arrayContaining([expect.objectContaining({ id: ex.nodes[from].items[0].json.id })]));
		}
		expect(ex.nodes.Quotation.items[0].json).toMatchObject({ voucherStatus: 'open', voucherNumber: expect.stringMatching(/^AG/), expirationDate: expect.stringMatching(/^2024-04-15/) });
		expect(ex.nodes.Invoice.items[0].json).toMatchObject({ voucherStatus: 'open', voucherNumber: expect.stringMatching(/^RE/), totalPrice: { totalGrossAmount: 238 } });
		expect(ex.nodes['Credit Note'].items[0].json.voucherStatus).toBe('paidoff');
		expect(ex.nodes.Dunning.items[0].json.voucherStatus).toBe('draft');
		expect(ex.nodes['Delivery Note'].items[0].json.totalPrice).toBeUndefined();
		const sent = apiEntries(entriesSince(stack.S.sb, before));
		const posts = sent.filter((e) => e.method === 'POST');
		expect(posts.map((e) => e.path)).toEqual(['/v1/quotations', '/v1/order-confirmations', '/v1/invoices', '/v1/credit-notes', '/v1/delivery-notes', '/v1/dunnings']);
		expect(posts.slice(1).map((e) => e.query.precedingSalesVoucherId)).toEqual([made.quotation, made.orderConfirmation, made.invoice, made.invoice, made.invoice]);
		expect(duplicateProblems(posts)).toEqual([]);
	});

	test('a refused chain (a quotation continued into a credit note) fails with lexoffice’s 406 explained', async () => {
		const params = createParams('creditNote', null);
		params.createFrom = 'voucher';
		params.precedingVoucher = byId(made.quotation);
		const ex = await run({ name: 'e2e bad chain', nodes: [nodes.manualTrigger('Start'), lexNode('Credit Note', params, stack.cred, opts([220, 0]))], connections: connect([['Start', 'Credit Note']]) });
		expect(ex.status).toBe('error');
		expect(ex.nodes['Credit Note'].error.httpCode).toBe('406');
		expect(ex.nodes['Credit Note'].error.description).toMatch(/continues a credit note only from a finalized invoice/);
	});

	test('every type: Get and Download (a real PDF); listed types: Get Many', async () => {
		const body = {
			voucherDate: DATE,
			address: { name: 'Max Mustermann', countryCode: 'DE' },
			lineItems: [{ type: 'custom', name: 'Abschlag', quantity: 1, unitName: 'Stück', unitPrice: { currency: 'EUR', netAmount: 100, taxRatePercentage: 19 } }],
			totalPrice: { currency: 'EUR' },
			taxConditions: { taxType: 'net' },
			shippingConditions: { shippingType: 'none' },
		};
		made.downPaymentInvoice = stack.S.sb.seedDownPaymentInvoice(body).id;
		const types = Object.keys(TYPES);
		const reading = [];
		const pairs = [];
		types.forEach((type, i) => {
			const id = byId(made[type]);
			reading.push(lexNode(`Get ${type}`, { resource: type, operation: 'get', [`${type}Id`]: id, options: {} }, stack.cred, opts([220, i * 150])));
			reading.push(lexNode(`PDF ${type}`, { resource: type, operation: 'download', [`${type}Id`]: id, binaryPropertyName: 'data' }, stack.cred, opts([440, i * 150])));
			pairs.push(['Start', `Get ${type}`], [`Get ${type}`, `PDF ${type}`]);
			if (type !== 'dunning') {
				reading.push(lexNode(`Many ${type}`, { resource: type, operation: 'getAll', returnAll: true, filters: {}, options: {} }, stack.cred, opts([660, i * 150])));
				pairs.push([`PDF ${type}`, `Many ${type}`]);
			}
		});
		const ex = await run({ name: 'e2e document reads', nodes: [nodes.manualTrigger('Start'), ...reading], connections: connect(pairs) });
		ok(ex);
		for (const type of types) {
			const id = made[type];
			expect(ex.nodes[`Get ${type}`].items[0].json.id).toBe(id);
			const pdf = ex.nodes[`PDF ${type}`].items[0];
			expect(pdf.binary.data.mimeType).toBe('application/pdf');
			const bytes = await stack.S.api.getBinaryData(pdf.binary.data);
			expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			const served = await sandboxGet(stack.S.sb, stack.S.secrets.directKey, `/v1/${TYPES[type].path}/${id}/file`, { accept: 'application/pdf' });
			expect(bytes.equals(served.bytes)).toBe(true);
			if (type !== 'dunning') expect(ex.nodes[`Many ${type}`].items.map((item) => item.json.id)).toContain(id);
		}
	});

	test('the predecessor picker of a delivery note lists finalized quotations, order confirmations and invoices', async () => {
		const answer = await stack.S.api.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
			path: 'precedingVoucher',
			methodName: 'searchDeliveryNotePredecessors',
			nodeTypeAndVersion: { name: require('./support/stack').NODE_TYPE, version: 1 },
			currentNodeParameters: { authentication: 'apiKey', resource: 'deliveryNote', operation: 'create' },
			credentials: { lexofficeApi: { id: stack.cred.id, name: stack.cred.name } },
		});
		const results = answer.results ?? answer.data?.results ?? [];
		expect(results.map((entry) => entry.value)).toEqual(expect.arrayContaining([made.quotation, made.orderConfirmation, made.invoice]));
		expect(results.map((entry) => entry.value)).not.toContain(made.creditNote);
	});
});
