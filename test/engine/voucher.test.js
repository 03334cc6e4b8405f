'use strict';
// Voucher operations (bookkeeping vouchers) inside n8n's engine against the sandbox.
// Expectations follow lexoffice's documented behaviour (/work/shared/lexoffice-api-more.md §2, §8).
const { createTestbed } = require('../harness/testbed');
const { pdf, png, binaryItem } = require('../harness/fixtures/receipts');
const { POSTING_CATEGORIES } = require('../sandbox/vouchers');

let bed;
let vendor;
beforeAll(async () => {
	bed = await createTestbed({ requestsPerSecond: 200 });
	[vendor] = bed.sandbox.seedContacts(1, { customize: (data) => ({ ...data, roles: { vendor: {} } }) });
	bed.sandbox.seedInvoices(3);
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => {
	bed.sandbox.setFaults({ rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, seed: 5 });
	bed.sandbox.clearLog();
	bed.hooks.onLog = undefined;
});

const byId = (value) => ({ __rl: true, mode: 'id', value });
const category = (name) => POSTING_CATEGORIES.find((c) => c.name === name).id;
const OFFICE = category('Bürobedarf');
const TRAVEL = category('Reisekosten');
const SERVICES = category('Dienstleistungen');

function createParams(overrides = {}) {
	return {
		resource: 'voucher',
		operation: 'create',
		voucherType: 'purchaseinvoice',
		voucherNumber: 'B-1001',
		voucherDate: '2024-03-15',
		taxType: 'gross',
		contactMode: 'collective',
		contactName: 'Schreibwaren Müller',
		voucherItems: {
			item: [
				{ amount: 119, taxAmount: 19, taxRatePercent: 19, categoryId: OFFICE },
				{ amount: 10.7, taxAmount: 0.7, taxRatePercent: 7, categoryId: TRAVEL },
			],
		},
		additionalFields: {},
		...overrides,
	};
}

const writes = () => bed.apiRequests().filter((e) => e.method === 'POST' || e.method === 'PUT');

async function createVoucher(overrides) {
	const result = await bed.run(createParams(overrides));
	expect(result.error).toBeUndefined();
	return result.items[0].json;
}

describe('Voucher → Create', () => {
	test('creates a purchase voucher on the collective contact with totals worked out exactly', async () => {
		const json = await createVoucher({ additionalFields: { totalGrossAmount: 129.7, totalTaxAmount: 19.7, remark: 'Druckerpapier', dueDate: '2024-04-14' } });
		const [post] = writes();
		expect(post.path).toBe('/v1/vouchers');
		expect(post.requestBody).toEqual({
			type: 'purchaseinvoice',
			voucherNumber: 'B-1001',
			voucherDate: '2024-03-15',
			dueDate: '2024-04-14',
			totalGrossAmount: 129.7,
			totalTaxAmount: 19.7,
			taxType: 'gross',
			useCollectiveContact: true,
			contactName: 'Schreibwaren Müller',
			remark: 'Druckerpapier',
			voucherItems: [
				{ amount: 119, taxAmount: 19, taxRatePercent: 19, categoryId: OFFICE },
				{ amount: 10.7, taxAmount: 0.7, taxRatePercent: 7, categoryId: TRAVEL },
			],
		});
		expect(post.requestBody).not.toHaveProperty('voucherStatus');
		const stored = bed.sandbox.state.vouchers.get(json.id);
		expect(stored).toMatchObject({ voucherStatus: 'open', totalGrossAmount: 129.7, version: 0 });
	});

	test('net vouchers add tax to the gross total; cents add up without float drift', async () => {
		const items = [
			[0.1, 0.02],
			[0.2, 0.04],
			[0.3, 0.06],
		].map(([amount, taxAmount]) => ({ amount, taxAmount, taxRatePercent: 19, categoryId: SERVICES }));
		// In floating point 0.1 + 0.2 + 0.3 + 0.02 + 0.04 + 0.06 is 0.7200000000000001.
		const json = await createVoucher({ voucherType: 'salesinvoice', taxType: 'net', voucherItems: { item: items }, additionalFields: { totalGrossAmount: 0.72 } });
		expect(json).toMatchObject({ totalGrossAmount: 0.72, totalTaxAmount: 0.12 });
	});

	test('books on an existing contact without a custom name', async () => {
		await createVoucher({ contactMode: 'contact', contactId: byId(vendor.id), contactName: 'ignored' });
		const [post] = writes();
		expect(post.requestBody).toMatchObject({ useCollectiveContact: false, contactId: vendor.id });
		expect(post.requestBody).not.toHaveProperty('contactName');
	});

	test.each([
		['a gross total off by one cent', { additionalFields: { totalGrossAmount: 129.71 } }, /^Total Gross Amount \(129\.71\) does not match the items, which add up to 129\.70/],
		['a tax total that does not match', { additionalFields: { totalTaxAmount: 19 } }, /^Total Tax Amount \(19\.00\) does not match the items’ tax amounts, which add up to 19\.70/],
		['three decimals', { voucherItems: { item: [{ amount: 1.005, taxAmount: 0, taxRatePercent: 0, categoryId: OFFICE }] } }, /^Voucher Items → Item 1 → Amount has 3 decimal places/],
		['no items', { voucherItems: {} }, /^Voucher Items are empty/],
		['an unknown tax rate', { voucherItems: { item: [{ amount: 10, taxAmount: 1, taxRatePercent: 10, categoryId: OFFICE }] } }, /^Voucher Items → Item 1 → Tax Rate must be one of 0, 5, 7, 16, 19/],
		['no posting category', { voucherItems: { item: [{ amount: 10, taxAmount: 0, taxRatePercent: 0, categoryId: '' }] } }, /^Voucher Items → Item 1 → Posting Category is required/],
		['no voucher number', { voucherNumber: '={{ "" }}' }, /^Voucher Number is required/],
		['a bad date', { voucherDate: '31.02.2024' }, /^Voucher Date /],
		['a shipping date on a purchase', { additionalFields: { shippingDate: '2024-03-01' } }, /^Additional Fields → Shipping Date is only for sales vouchers/],
		['unchecked with net', { taxType: 'net', additionalFields: { voucherStatus: 'unchecked' } }, /cannot be Unchecked with Tax Type Net/],
	])('refuses %s before sending', async (_label, overrides, message) => {
		const result = await bed.run(createParams(overrides));
		expect(result.error.message).toMatch(message);
		expect(bed.apiRequests()).toHaveLength(0);
	});

	test('a status lexoffice refuses is explained, and the status is left out unless set', async () => {
		bed.sandbox.state.refuseUncheckedVouchers = true;
		try {
			const result = await bed.run(createParams({ additionalFields: { voucherStatus: 'unchecked' } }));
			expect(result.error.message).toMatch(/^lexoffice refused the status "unchecked" for a new voucher \[item 0\]/);
			expect(result.error.description).toMatch(/Remove Additional Fields → Status/);
			const ok = await bed.run(createParams({ voucherNumber: 'B-NOSTATUS' }));
			expect(ok.error).toBeUndefined();
		} finally {
			bed.sandbox.state.refuseUncheckedVouchers = false;
		}
	});

	test('an income category on a purchase is refused before the voucher is sent', async () => {
		const result = await bed.run(createParams({ voucherItems: { item: [{ amount: 119, taxAmount: 19, taxRatePercent: 19, categoryId: SERVICES }] } }));
		expect(result.error.message).toMatch(/"Dienstleistungen" is an income category, but a purchaseinvoice needs an outgo category \[item 0\]/);
		expect(writes()).toHaveLength(0);
	});

	test('lexoffice’s own refusal (wrong item tax) comes through with the field', async () => {
		const result = await bed.run(createParams({ voucherItems: { item: [{ amount: 119, taxAmount: 17, taxRatePercent: 19, categoryId: OFFICE }] } }));
		expect(result.error.message).toMatch(/voucherItems\[0\]\.taxAmount: invalid_taxamount/);
	});
});

describe('Voucher → Get, Get Many', () => {
	test('gets a voucher by ID', async () => {
		const { id } = await createVoucher({ voucherNumber: 'B-GET' });
		const result = await bed.run({ resource: 'voucher', operation: 'get', voucherId: byId(id) });
		expect(result.items[0].json).toMatchObject({ id, voucherNumber: 'B-GET', type: 'purchaseinvoice', voucherDate: expect.stringMatching(/^2024-03-15T00:00:00\.000\+01:00$/) });
	});

	test('lists bookkeeping vouchers only, filtered by type and status', async () => {
		await createVoucher({ voucherNumber: 'S-1', voucherType: 'salesinvoice', voucherItems: { item: [{ amount: 119, taxAmount: 19, taxRatePercent: 19, categoryId: SERVICES }] } });
		const upload = await bed.run({ resource: 'file', operation: 'upload', binaryPropertyName: 'data' }, { items: [binaryItem(pdf('liste'), { fileName: 'l.pdf' })] });
		const all = await bed.run({ resource: 'voucher', operation: 'getAll', returnAll: true, filters: {} });
		const types = new Set(all.items.map((i) => i.json.voucherType));
		expect(types.has('invoice')).toBe(false);
		expect(types).toEqual(new Set(['purchaseinvoice', 'salesinvoice']));
		const listQuery = bed.apiRequests().at(-1).query;
		expect(listQuery.voucherType).toBe('salesinvoice,salescreditnote,purchaseinvoice,purchasecreditnote');
		const sales = await bed.run({ resource: 'voucher', operation: 'getAll', returnAll: true, filters: { voucherTypes: ['salesinvoice'] } });
		expect(sales.items.map((i) => i.json.voucherNumber)).toContain('S-1');
		expect(sales.items.every((i) => i.json.voucherType === 'salesinvoice')).toBe(true);
		const unchecked = await bed.run({ resource: 'voucher', operation: 'getAll', returnAll: true, filters: { status: ['unchecked'] } });
		expect(unchecked.items.map((i) => i.json.id)).toContain(upload.items[0].json.voucherId);
		expect(unchecked.items.every((i) => i.json.voucherStatus === 'unchecked')).toBe(true);
	});
});

describe('Voucher → Update and Attach File', () => {
	const update = (id, updateFields, extra = {}) => ({ resource: 'voucher', operation: 'update', voucherId: byId(id), updateFields, voucherItems: {}, ...extra });

	test('changes only the fields set: files, remark, dates, contact name and unknown fields survive', async () => {
		const { id } = await createVoucher({ voucherNumber: 'B-UPD', additionalFields: { remark: 'bleibt', dueDate: '2024-04-30' } });
		const attach = await bed.run({ resource: 'voucher', operation: 'attachFile', voucherId: byId(id), binaryPropertyName: 'data' }, { items: [binaryItem(png(6, 6), { fileName: 'beleg.png' })] });
		expect(attach.error).toBeUndefined();
		const fileId = attach.items[0].json.id;
		expect(bed.sandbox.state.vouchers.get(id).files).toEqual([fileId]);
		// A field from a newer API version that this node does not know.
		bed.sandbox.state.vouchers.get(id).futureField = { keep: true };
		bed.sandbox.clearLog();

		const result = await bed.run(update(id, { voucherNumber: 'B-UPD-2' }));
		expect(result.error).toBeUndefined();
		const put = writes()[0];
		expect(put.method).toBe('PUT');
		expect(put.requestBody).toMatchObject({ voucherNumber: 'B-UPD-2', files: [fileId], remark: 'bleibt', dueDate: '2024-04-30', voucherDate: '2024-03-15', contactName: 'Schreibwaren Müller', version: 1, futureField: { keep: true } });
		expect(put.requestBody).not.toHaveProperty('voucherStatus');
		const stored = bed.sandbox.state.vouchers.get(id);
		expect(stored).toMatchObject({ voucherNumber: 'B-UPD-2', files: [fileId], remark: 'bleibt', version: 2 });
	});

	test('completes an uploaded receipt: items, number, date, and unchecked to open', async () => {
		const upload = await bed.run({ resource: 'file', operation: 'upload', binaryPropertyName: 'data' }, { items: [binaryItem(pdf('Bahn 47,60'), { fileName: 'bahn.pdf' })] });
		const { id: fileId, voucherId } = upload.items[0].json;
		const result = await bed.run(
			update(voucherId, { voucherNumber: 'DB-4711', voucherDate: '2024-05-02', markOpen: true }, { voucherItems: { item: [{ amount: 47.6, taxAmount: 3.11, taxRatePercent: 7, categoryId: TRAVEL }] } }),
		);
		expect(result.error).toBeUndefined();
		const stored = bed.sandbox.state.vouchers.get(voucherId);
		expect(stored).toMatchObject({ voucherStatus: 'open', voucherNumber: 'DB-4711', totalGrossAmount: 47.6, totalTaxAmount: 3.11, files: [fileId] });
	});

	test('a voucher changed after it was read is not overwritten (409 explained)', async () => {
		const { id } = await createVoucher({ voucherNumber: 'B-409' });
		bed.hooks.onLog = (entry) => {
			if (entry.method === 'GET' && entry.path === `/v1/vouchers/${id}`) bed.sandbox.state.vouchers.get(id).version += 1;
		};
		const result = await bed.run(update(id, { remark: 'zu spät' }));
		expect(result.error.message).toMatch(/^The voucher was changed in lexoffice by someone else after it was read; nothing was overwritten \[item 0\]/);
		expect(bed.sandbox.state.vouchers.get(id).remark).toBeUndefined();
	});

	test.each([
		['nothing to change', {}, /^Update Fields are empty/],
		['contact and collective name at once', { contactId: '3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c', contactName: 'X' }, /and Collective Contact Name are both set/],
		['a tax type without items', { taxType: 'net' }, /can only change together with new Voucher Items/],
	])('refuses %s before any request', async (_label, fields, message) => {
		const result = await bed.run(update('3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c', fields));
		expect(result.error.message).toMatch(message);
		expect(bed.apiRequests()).toHaveLength(0);
	});

	test('attaching a bad file fails before sending', async () => {
		const result = await bed.run({ resource: 'voucher', operation: 'attachFile', voucherId: byId('3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c'), binaryPropertyName: 'data' }, { items: [binaryItem(Buffer.from('GIF89a'), { fileName: 'a.gif' })] });
		expect(result.error.message).toMatch(/is a GIF image/);
		expect(bed.apiRequests()).toHaveLength(0);
	});

	test('Attach File sends part "file" only, without a type', async () => {
		const { id } = await createVoucher({ voucherNumber: 'B-ATT' });
		bed.sandbox.clearLog();
		const result = await bed.run({ resource: 'voucher', operation: 'attachFile', voucherId: byId(id), binaryPropertyName: 'data' }, { items: [binaryItem(pdf('anhang'), { fileName: 'anhang.pdf' })] });
		expect(result.items[0].json).toMatchObject({ voucherId: id, fileName: 'anhang.pdf' });
		const [post] = writes();
		expect(post.path).toBe(`/v1/vouchers/${id}/files`);
		expect(post.requestBody).toContain('name="file"; filename="anhang.pdf"');
		expect(post.requestBody).not.toContain('name="type"');
	});
});
