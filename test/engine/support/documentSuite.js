'use strict';
// The shared engine checks of one sales document resource (the node's document kit), run
// inside n8n's engine against the sandbox. Each test/engine/<resource>.test.js calls
// describeDocument with what differs for its type and adds its own cases.
const { createTestbed } = require('../../harness/testbed');

const DATE = '2024-03-01T00:00:00.000+01:00';
const byId = (value) => ({ __rl: true, mode: 'id', value });
const byUrl = (segment, id) => ({ __rl: true, mode: 'url', value: `https://app.lexware.de/permalink/${segment}/view/${id}` });

/** Sandbox type keys, API paths and what each type's body needs. */
const TYPES = {
	invoice: { sandbox: 'invoice', path: '/v1/invoices', listType: 'invoice', shipping: true, totals: true, discounts: true },
	quotation: { sandbox: 'quotation', path: '/v1/quotations', listType: 'quotation', totals: true, discounts: true, expiration: true },
	orderConfirmation: { sandbox: 'orderconfirmation', path: '/v1/order-confirmations', listType: 'orderconfirmation', shipping: true, totals: true, discounts: true },
	deliveryNote: { sandbox: 'deliverynote', path: '/v1/delivery-notes', listType: 'deliverynote', shipping: true },
	creditNote: { sandbox: 'creditnote', path: '/v1/credit-notes', listType: 'creditnote', totals: true },
	dunning: { sandbox: 'dunning', path: '/v1/dunnings', shipping: true, totals: true, discounts: true },
	downPaymentInvoice: { sandbox: 'downpaymentinvoice', path: '/v1/down-payment-invoices', listType: 'downpaymentinvoice', shipping: true, totals: true },
};

/** A lexoffice body of the type, for the JSON input and for seeding. */
function apiBody(type, over = {}) {
	const t = TYPES[type];
	const body = {
		voucherDate: DATE,
		address: { name: 'Max Mustermann', countryCode: 'DE' },
		lineItems: [{ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 100, taxRatePercentage: 19 } }],
		taxConditions: { taxType: 'net' },
	};
	if (t.totals) body.totalPrice = { currency: 'EUR' };
	if (t.shipping) body.shippingConditions = { shippingType: 'none' };
	if (t.expiration) body.expirationDate = '2024-03-31T00:00:00.000+01:00';
	return { ...body, ...over };
}

function lineItem(type, over = {}) {
	const item = { type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: 100, taxRate: '19', ...over };
	if (TYPES[type].discounts && item.discountPercentage === undefined) item.discountPercentage = 0;
	return item;
}

const pascal = (type) => type.charAt(0).toUpperCase() + type.slice(1);

/** The Create parameters from the form, with a one-time address unless overridden. */
function createParams(type, over = {}) {
	const t = TYPES[type];
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
		lineItems: { item: [lineItem(type)] },
		additionalFields: {},
		options: {},
	};
	if (t.shipping) params.shippingType = 'none';
	if (t.expiration) params.expirationDate = '2024-04-15';
	if (type !== 'dunning') params.finalize = false;
	return { ...params, ...over };
}

function createTestbedFor() {
	const ctx = {};
	beforeAll(async () => {
		ctx.bed = await createTestbed({ requestsPerSecond: 200 });
	});
	afterAll(async () => {
		await ctx.bed?.close();
	});
	beforeEach(() => {
		ctx.bed.sandbox.setFaults({ rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, seed: 5 });
		ctx.bed.sandbox.clearLog();
	});
	return ctx;
}

const requests = (bed) => bed.apiRequests().map((entry) => `${entry.method} ${entry.path.split('?')[0]}`);

async function ok(bed, parameters, options) {
	const result = await bed.run(parameters, options);
	if (result.error) throw new Error(`unexpected error: ${result.error.message} ${result.error.description ?? ''}`);
	return result;
}

/** Get, Get Many and Download of any type (seeded records, so read-only types work too). */
function describeReading(ctx, type, { permalink, statuses = [], listed = true }) {
	const t = TYPES[type];
	const idParam = `${type}Id`;
	const seed = (opts = {}, over = {}) => ctx.bed.sandbox.seedDocument(t.sandbox, apiBody(type, over), opts);

	test('Get by URL and by ID: the record lexoffice stores; Add Links', async () => {
		const record = seed();
		const byLink = await ok(ctx.bed, { resource: type, operation: 'get', [idParam]: byUrl(permalink, record.id), options: { addLinks: true } });
		expect(byLink.items[0].json).toMatchObject({ id: record.id, voucherStatus: record.voucherStatus });
		expect(byLink.items[0].json.voucherNumber).toBe(record.voucherNumber);
		expect(byLink.items[0].json.viewUrl).toMatch(new RegExp(`/permalink/${permalink}/view/${record.id}$`));
		const plain = await ok(ctx.bed, { resource: type, operation: 'get', [idParam]: byId(record.id), options: {} });
		expect(plain.items[0].json.viewUrl).toBeUndefined();
		expect(requests(ctx.bed)).toEqual([`GET ${t.path}/${record.id}`, `GET ${t.path}/${record.id}`]);
	});

	test('Get: an ID that is no UUID fails before any request; Continue On Fail keeps the good item', async () => {
		const record = seed();
		const items = [{ json: { id: 'RE-1' } }, { json: { id: record.id } }];
		const bad = await ctx.bed.run({ resource: type, operation: 'get', [idParam]: byId('={{ $json.id }}'), options: {} }, { items });
		expect(bad.error.message).toMatch(/must be a lexoffice ID.*\[item 0\]/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
		const cof = await ctx.bed.run({ resource: type, operation: 'get', [idParam]: byId('={{ $json.id }}'), options: {} }, { items, continueOnFail: true });
		expect(cof.items[0].json.error).toMatch(/must be a lexoffice ID/);
		expect(cof.items[1].json.id).toBe(record.id);
	});

	test('Download: the PDF bytes lexoffice renders', async () => {
		const record = seed();
		const result = await ok(ctx.bed, { resource: type, operation: 'download', [idParam]: byId(record.id), binaryPropertyName: 'data' });
		const bytes = await ctx.bed.engine.getBinaryBuffer(result.items[0], 'data');
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(result.items[0].json).toMatchObject({ id: record.id, mimeType: 'application/pdf', size: bytes.length });
		expect(requests(ctx.bed)).toEqual([`GET ${t.path}/${record.id}/file`]);
	});

	if (type !== 'dunning') {
		test('Download of a draft: finalize first', async () => {
			const record = seed({ status: 'draft' });
			const result = await ctx.bed.run({ resource: type, operation: 'download', [idParam]: byId(record.id), binaryPropertyName: 'data' });
			expect(result.error.message).toMatch(/^Finalize the .* first; lexoffice has no document for a draft \[item 0\]$/);
		});
	}

	if (!listed) return;
	test('Get Many: the voucher list of this type, with status filters', async () => {
		const open = seed();
		const draft = seed({ status: 'draft' });
		const all = await ok(ctx.bed, { resource: type, operation: 'getAll', returnAll: true, filters: {}, options: {} });
		const ids = all.items.map((item) => item.json.id);
		expect(ids).toEqual(expect.arrayContaining([open.id, draft.id]));
		expect(all.items.every((item) => item.json.voucherType === t.listType)).toBe(true);
		const list = ctx.bed.apiRequests().filter((entry) => entry.path === '/v1/voucherlist');
		expect(list[0].query).toMatchObject({ voucherType: t.listType, voucherStatus: 'any' });
		const drafts = await ok(ctx.bed, { resource: type, operation: 'getAll', returnAll: true, filters: { status: ['draft'] }, options: {} });
		expect(drafts.items.map((item) => item.json.id)).toContain(draft.id);
		expect(drafts.items.every((item) => item.json.voucherStatus === 'draft')).toBe(true);
		for (const status of statuses) {
			const only = await ok(ctx.bed, { resource: type, operation: 'getAll', limit: 5, filters: { status: [status] }, options: {} });
			expect(only.items.every((item) => item.json.voucherStatus === status)).toBe(true);
		}
	});

	test('Get Many: a status this type does not have is refused before any request', async () => {
		const result = await ctx.bed.run({ resource: type, operation: 'getAll', returnAll: true, filters: { status: ['bogus'] }, options: {} });
		expect(result.error.message).toMatch(/^Filters → Status contains "bogus"; use .* \[item 0\]$/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});
}

/** Create from the form, from JSON, finalized, and the stored record read back. */
function describeCreating(ctx, type, { finalize = true } = {}) {
	const t = TYPES[type];

	test('Create from the form: the body lexoffice receives and the record as stored', async () => {
		const result = await ok(ctx.bed, createParams(type, { additionalFields: { title: 'Test' } }));
		const json = result.items[0].json;
		const posts = ctx.bed.apiRequests().filter((entry) => entry.method === 'POST');
		expect(posts).toHaveLength(1);
		expect(posts[0].path).toBe(t.path);
		expect(posts[0].requestBody.lineItems[0]).toMatchObject({ type: 'custom', name: 'Beratung', quantity: 1 });
		expect(requests(ctx.bed)).toEqual([`POST ${t.path}`, `GET ${t.path}/${json.id}`]);
		expect(json).toMatchObject({ id: expect.any(String), voucherStatus: 'draft', title: 'Test' });
		expect(json.resourceUri).toMatch(new RegExp(`${t.path}/${json.id}$`));
		if (t.totals) expect(json.totalPrice.totalGrossAmount).toBe(119);
	});

	test('Create with Return Stored Record off: one request, lexoffice’s answer only', async () => {
		const result = await ok(ctx.bed, createParams(type, { options: { returnStoredRecord: false } }));
		expect(requests(ctx.bed)).toEqual([`POST ${t.path}`]);
		expect(result.items[0].json.voucherStatus).toBeUndefined();
	});

	test('Create from JSON, checked by the same rules', async () => {
		const json = JSON.stringify(apiBody(type));
		const params = createParams(type, { [`define${pascal(type)}`]: 'json', [`${type}Json`]: json });
		const result = await ok(ctx.bed, params);
		expect(result.items[0].json.lineItems[0].name).toBe('Beratung');
	});

	if (finalize) {
		test('Create finalized: open, with a voucher number', async () => {
			const result = await ok(ctx.bed, createParams(type, { finalize: true }));
			expect(ctx.bed.apiRequests()[0].query).toEqual({ finalize: 'true' });
			expect(result.items[0].json).toMatchObject({ voucherStatus: 'open', voucherNumber: expect.any(String) });
		});
	}

	test('bad input fails before any request, naming field and item; Continue On Fail keeps the good item', async () => {
		const items = [{ json: { q: 1 } }, { json: { q: -1 } }];
		const params = createParams(type, { lineItems: { item: [lineItem(type, { quantity: '={{ $json.q }}' })] } });
		const bad = await ctx.bed.run(params, { items });
		expect(bad.error.message).toMatch(/Quantity must be greater than 0, not -1 \[item 1\]$/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
		const cof = await ctx.bed.run(params, { items, continueOnFail: true });
		expect(cof.items[0].json.id).toEqual(expect.any(String));
		expect(cof.items[1].json.error).toMatch(/Quantity must be greater than 0/);
		expect(ctx.bed.apiRequests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});
}

/** Create From: the preceding voucher's ID goes along as precedingSalesVoucherId; a 406 is explained. */
function describePursue(ctx, type, { from, draftFrom = from[0], params = {} }) {
	const t = TYPES[type];
	for (const source of from) {
		test(`Create From a finalized ${source}: lexoffice links the two`, async () => {
			const preceding = ctx.bed.sandbox.seedDocument(TYPES[source].sandbox, apiBody(source));
			ctx.bed.sandbox.clearLog();
			const result = await ok(ctx.bed, createParams(type, { createFrom: 'voucher', precedingVoucher: byId(preceding.id), ...params }));
			const post = ctx.bed.apiRequests().find((entry) => entry.method === 'POST');
			expect(post.path).toBe(t.path);
			expect(post.query.precedingSalesVoucherId).toBe(preceding.id);
			expect(result.items[0].json.relatedVouchers).toEqual([expect.objectContaining({ id: preceding.id })]);
		});
	}

	test(`Create From a draft ${draftFrom}: lexoffice’s 406, explained`, async () => {
		const preceding = ctx.bed.sandbox.seedDocument(TYPES[draftFrom].sandbox, apiBody(draftFrom), { status: 'draft' });
		ctx.bed.sandbox.clearLog();
		const result = await ctx.bed.run(createParams(type, { createFrom: 'voucher', precedingVoucher: byId(preceding.id), ...params }));
		expect(result.error.httpCode).toBe('406');
		expect(result.error.description).toMatch(/only from a finalized .*not from a draft/);
		// lexoffice's own detail stays in the error too.
		expect(`${result.error.message} ${result.error.description}`).toMatch(/Entwurf/);
		expect(ctx.bed.apiRequests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});

	test('Create From a voucher of a type the chain does not allow: 406, explained', async () => {
		const wrong = ctx.bed.sandbox.seedDocument('creditnote', apiBody('creditNote'));
		ctx.bed.sandbox.clearLog();
		const result = await ctx.bed.run(createParams(type, { createFrom: 'voucher', precedingVoucher: byId(wrong.id), ...params }));
		expect(result.error.httpCode).toBe('406');
		expect(result.error.description).toMatch(/not from any other voucher type/);
	});

	test('Create From with a preceding voucher that is no ID fails before any request', async () => {
		const result = await ctx.bed.run(createParams(type, { createFrom: 'voucher', precedingVoucher: byId('={{ "AG-1" }}'), ...params }));
		expect(result.error.message).toMatch(/^Preceding Voucher must be a lexoffice ID/);
		expect(ctx.bed.apiRequests()).toHaveLength(0);
	});
}

module.exports = { TYPES, DATE, byId, byUrl, apiBody, lineItem, createParams, createTestbedFor, requests, ok, describeReading, describeCreating, describePursue };
