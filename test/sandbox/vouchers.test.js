'use strict';

// The sandbox's files and bookkeeping vouchers against the facts sheet (part 2, §1, §2, §8),
// spoken to with the web's own FormData over loopback, as any client would.

const { startSandbox } = require('.');
const { pdf, png, xrechnung } = require('../harness/fixtures/receipts');

const API_KEY = 'sandbox-api-key';
let sb;
beforeAll(async () => {
	sb = await startSandbox({ rateLimit: false });
});
afterAll(async () => {
	await sb?.close();
});

async function call(method, path, { body, form, headers = {} } = {}) {
	const h = { Authorization: `Bearer ${API_KEY}`, ...headers };
	let payload;
	if (body !== undefined) {
		payload = JSON.stringify(body);
		h['Content-Type'] = 'application/json';
	}
	if (form) payload = form;
	const res = await fetch(sb.url + path, { method, headers: h, body: payload });
	const buf = Buffer.from(await res.arrayBuffer());
	let json;
	try {
		json = JSON.parse(buf.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, json, buf };
}

function form(bytes, fileName, { field = 'file', type = 'voucher', mime = 'application/octet-stream' } = {}) {
	const f = new FormData();
	if (type !== null) f.append('type', type);
	f.append(field, new Blob([bytes], { type: mime }), fileName);
	return f;
}

const keys = (res) => res.json.IssueList.map((i) => `${i.source}: ${i.i18nKey}`);

describe('POST /v1/files', () => {
	test('202 {id, voucherId}; the bytes come back identical; an unchecked purchase voucher holds the file', async () => {
		const bytes = pdf('sandbox upload');
		const res = await call('POST', '/v1/files', { form: form(bytes, 'beleg.pdf') });
		expect(res.status).toBe(202);
		expect(Object.keys(res.json).sort()).toEqual(['id', 'voucherId']);
		const file = await call('GET', `/v1/files/${res.json.id}`, { headers: { Accept: '*/*' } });
		expect(file.status).toBe(200);
		expect(Buffer.compare(file.buf, bytes)).toBe(0);
		expect(file.headers.get('content-disposition')).toBe(`inline; filename=${res.json.id}.pdf`);
		const voucher = await call('GET', `/v1/vouchers/${res.json.voucherId}`);
		expect(voucher.json).toMatchObject({ type: 'purchaseinvoice', voucherStatus: 'unchecked', files: [res.json.id] });
	});

	test.each([
		['no part named file: a 500, as lexoffice answers', () => form(pdf('a'), 'a.pdf', { field: 'document' }), 500, undefined],
		['type receipt', () => form(pdf('b'), 'b.pdf', { type: 'receipt' }), 400, undefined],
		['no type', () => form(pdf('c'), 'c.pdf', { type: null }), 400, undefined],
		['5,242,881 bytes', () => form(pdf('d', 5 * 1024 * 1024 + 1), 'd.pdf'), 406, 'file: max_file_size_exceeded'],
		['a gif', () => form(Buffer.from('GIF89a'), 'e.gif'), 406, 'file: inacceptable_file_extension'],
		['a text file', () => form(Buffer.from('hallo'), 'f.txt'), 406, 'file: inacceptable_file_extension'],
		['a 1x1 png', () => form(png(1, 1), 'g.png'), 406, 'file: image_conversion_error'],
		['a broken pdf', () => form(Buffer.from('%PDF-1.4 cut off'), 'h.pdf'), 406, 'file: voucher_upload_toxic_pdf'],
		['XML that is no e-invoice', () => form(Buffer.from('<?xml version="1.0"?><note/>'), 'i.xml'), 406, 'file: invalid_xrechnung'],
	])('refuses %s', async (_label, makeForm, status, key) => {
		const res = await call('POST', '/v1/files', { form: makeForm() });
		expect(res.status).toBe(status);
		if (status === 400) expect(res.json.message).toBe('Invalid or missing upload type.');
		if (key) expect(keys(res)).toEqual([key]);
	});

	test('5,242,880 bytes pass; identical bytes give the same file and voucher', async () => {
		const bytes = pdf('max', 5 * 1024 * 1024);
		const first = await call('POST', '/v1/files', { form: form(bytes, 'max.pdf') });
		const second = await call('POST', '/v1/files', { form: form(bytes, 'other-name.pdf') });
		expect(first.status).toBe(202);
		expect(second.json).toEqual(first.json);
	});

	test('Accept picks the representation: XML or rendered PDF; a PDF has no XML (404); other types 406', async () => {
		const xml = await call('POST', '/v1/files', { form: form(xrechnung('X-1'), 'x.xml') });
		const asXml = await call('GET', `/v1/files/${xml.json.id}`, { headers: { Accept: 'application/xml' } });
		expect(asXml.buf.toString()).toContain('X-1');
		const asPdf = await call('GET', `/v1/files/${xml.json.id}`, { headers: { Accept: 'application/pdf' } });
		expect(asPdf.headers.get('content-type')).toBe('application/pdf');
		const p = await call('POST', '/v1/files', { form: form(pdf('no xml'), 'p.pdf') });
		expect((await call('GET', `/v1/files/${p.json.id}`, { headers: { Accept: 'application/xml' } })).status).toBe(404);
		expect((await call('GET', `/v1/files/${p.json.id}`, { headers: { Accept: 'text/plain' } })).status).toBe(406);
	});
});

describe('/v1/vouchers', () => {
	const OFFICE = '16d04a28-2836-4b33-9e5c-3c4d6f6a1b2c';
	const body = (over = {}) => ({
		type: 'purchaseinvoice',
		voucherNumber: 'V-1',
		voucherDate: '2024-03-15',
		totalGrossAmount: 119,
		totalTaxAmount: 19,
		taxType: 'gross',
		useCollectiveContact: true,
		voucherItems: [{ amount: 119, taxAmount: 19, taxRatePercent: 19, categoryId: OFFICE }],
		...over,
	});

	test('checks totals and item tax (406 IssueList)', async () => {
		expect(keys(await call('POST', '/v1/vouchers', { body: body({ totalGrossAmount: 118.99 }) }))).toEqual(['totalGrossAmount: invalid_total_amount']);
		const tax = await call('POST', '/v1/vouchers', { body: body({ voucherItems: [{ amount: 119, taxAmount: 17, taxRatePercent: 19, categoryId: OFFICE }], totalTaxAmount: 17 }) });
		expect(keys(tax)).toEqual(['voucherItems[0].taxAmount: invalid_taxamount']);
		expect(keys(await call('POST', '/v1/vouchers', { body: body({ voucherNumber: undefined }) }))).toEqual(['voucherNumber: missing_entity']);
	});

	test('PUT replaces the whole voucher: omitted files are gone, an echoed status is refused, a stale version is 409', async () => {
		const upload = await call('POST', '/v1/files', { form: form(pdf('put'), 'put.pdf') });
		const created = await call('POST', '/v1/vouchers', { body: body({ files: [upload.json.id], remark: 'r' }) });
		expect(created.status).toBe(200);
		const stored = (await call('GET', `/v1/vouchers/${created.json.id}`)).json;
		expect(stored.files).toEqual([upload.json.id]);
		const echoed = await call('PUT', `/v1/vouchers/${stored.id}`, { body: stored });
		expect(echoed.status).toBe(406);
		expect(keys(echoed)).toEqual(['voucherStatus: invalid_value']);
		const { voucherStatus: _status, files: _files, ...withoutFiles } = stored;
		const put = await call('PUT', `/v1/vouchers/${stored.id}`, { body: withoutFiles });
		expect(put.status).toBe(200);
		const after = (await call('GET', `/v1/vouchers/${stored.id}`)).json;
		expect(after.files).toEqual([]);
		expect(after.version).toBe(1);
		expect((await call('PUT', `/v1/vouchers/${stored.id}`, { body: withoutFiles })).status).toBe(409);
	});

	test('POST /v1/vouchers/{id}/files takes part file only and links the file', async () => {
		const created = await call('POST', '/v1/vouchers', { body: body({ voucherNumber: 'V-ATT' }) });
		const res = await call('POST', `/v1/vouchers/${created.json.id}/files`, { form: form(png(3, 3), 'a.png', { type: null }) });
		expect(res.status).toBe(202);
		expect((await call('GET', `/v1/vouchers/${created.json.id}`)).json.files).toEqual([res.json.id]);
	});

	test('posting categories are a bare array with income and outgo; vouchers list under their own type', async () => {
		const cats = await call('GET', '/v1/posting-categories');
		expect(Array.isArray(cats.json)).toBe(true);
		expect(new Set(cats.json.map((c) => c.type))).toEqual(new Set(['income', 'outgo']));
		const list = await call('GET', '/v1/voucherlist?voucherType=purchaseinvoice&voucherStatus=any');
		expect(list.json.content.length).toBeGreaterThan(0);
		expect(list.json.content.every((v) => v.voucherType === 'purchaseinvoice')).toBe(true);
		const invoices = await call('GET', '/v1/voucherlist?voucherType=invoice&voucherStatus=any');
		expect(invoices.json.content).toEqual([]);
	});
});
