'use strict';

// Tests for the local lexoffice sandbox (test/sandbox). Plain fetch over loopback.

const crypto = require('crypto');
const { startSandbox } = require('.');

const API_KEY = 'sandbox-api-key';

async function call(sb, method, path, { token = API_KEY, body, raw, headers = {} } = {}) {
	const h = { ...headers };
	if (token) h.Authorization = `Bearer ${token}`;
	let payload;
	if (body !== undefined) {
		payload = JSON.stringify(body);
		if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
	}
	if (raw !== undefined) payload = raw; // a Buffer body: fetch adds no Content-Type
	const res = await fetch(sb.url + path, { method, headers: h, body: payload, redirect: 'manual' });
	const buf = Buffer.from(await res.arrayBuffer());
	let json;
	try {
		json = JSON.parse(buf.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, json, buf };
}

const company = (name, extra = {}) => ({ version: 0, roles: { customer: {} }, company: { name }, ...extra });

function invoiceBody(over = {}) {
	return {
		voucherDate: '2024-03-01T00:00:00.000+01:00',
		address: { name: 'Max Mustermann', countryCode: 'DE' },
		lineItems: [
			{ type: 'custom', name: 'Beratung', quantity: 3, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 0.175, taxRatePercentage: 19 } },
			{
				type: 'custom',
				name: 'Lizenz',
				quantity: 1.5,
				unitName: 'Stück',
				unitPrice: { currency: 'EUR', netAmount: 10.01, taxRatePercentage: 7 },
				discountPercentage: 10,
			},
			{ type: 'text', name: 'Danke für Ihren Auftrag' },
		],
		totalPrice: { currency: 'EUR' },
		taxConditions: { taxType: 'net' },
		shippingConditions: { shippingType: 'none' },
		...over,
	};
}

const ENVELOPE_KEYS = ['content', 'first', 'last', 'number', 'numberOfElements', 'size', 'sort', 'totalElements', 'totalPages'];
const REGULAR_KEYS = ['details', 'error', 'message', 'path', 'status', 'timestamp', 'traceId'];

describe('gateway behaviour', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimit: false });
	});
	afterAll(() => sb.close());

	test('missing and unknown bearer -> 401 Unauthorized', async () => {
		const a = await call(sb, 'GET', '/v1/profile', { token: null });
		expect(a.status).toBe(401);
		expect(a.json).toEqual({ message: 'Unauthorized' });
		const b = await call(sb, 'GET', '/v1/profile', { token: 'nope' });
		expect(b.status).toBe(401);
		expect(b.json).toEqual({ message: 'Unauthorized' });
	});

	test('malformed Authorization header -> 403 with the gateway message, log never holds the key', async () => {
		const r = await call(sb, 'GET', '/v1/profile', { token: null, headers: { Authorization: `Token ${API_KEY}` } });
		expect(r.status).toBe(403);
		expect(Object.keys(r.json)).toEqual(['message']);
		expect(r.json.message).toMatch(/not a valid key=value pair \(missing equal-sign\) in Authorization header/);
		expect(r.json.message).toContain('sandbox');
		await call(sb, 'GET', '/v1/profile');
		const logText = JSON.stringify(sb.log);
		expect(logText).not.toContain(API_KEY);
		expect(sb.log.at(-1).authorization).toBe('Bearer sandbo…');
	});

	test('profile, unknown path and wrong method', async () => {
		const p = await call(sb, 'GET', '/v1/profile');
		expect(p.status).toBe(200);
		expect(p.json).toMatchObject({ companyName: 'Sandbox GmbH', subscriptionStatus: 'active', taxType: 'net', smallBusiness: false });
		expect(p.json.organizationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(p.json.connectionId).toMatch(/^[0-9a-f-]{36}$/);
		expect((await call(sb, 'GET', '/v1/nothing-here')).status).toBe(404);
		const m = await call(sb, 'DELETE', '/v1/contacts');
		expect(m.status).toBe(405);
		expect(m.json).toHaveProperty('message');
	});
});

describe('contacts', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimit: false, searchWindow: 50 });
	});
	afterAll(() => sb.close());

	test('create -> 201 with Location, numbers assigned, GET returns the record', async () => {
		const r = await call(sb, 'POST', '/v1/contacts', { body: company('Alpha GmbH', { note: 'hello' }) });
		expect(r.status).toBe(201);
		expect(Object.keys(r.json).sort()).toEqual(['createdDate', 'id', 'resourceUri', 'updatedDate', 'version']);
		expect(r.headers.get('location')).toBe(`${sb.url}/v1/contacts/${r.json.id}`);
		expect(r.json.version).toBe(0);
		expect(r.json.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
		const g = await call(sb, 'GET', `/v1/contacts/${r.json.id}`);
		expect(g.status).toBe(200);
		expect(g.json).toMatchObject({ id: r.json.id, version: 0, roles: { customer: { number: 10001 } }, company: { name: 'Alpha GmbH' }, archived: false });
		const v = await call(sb, 'POST', '/v1/contacts', {
			body: { version: 0, roles: { vendor: {} }, person: { firstName: 'Vera', lastName: 'Vendor' } },
		});
		const gv = await call(sb, 'GET', `/v1/contacts/${v.json.id}`);
		expect(gv.json.roles).toEqual({ vendor: { number: 70001 } });
		expect((await call(sb, 'GET', `/v1/contacts/${crypto.randomUUID()}`)).status).toBe(404);
	});

	test('validation failures use the legacy IssueList shape with 406', async () => {
		const r = await call(sb, 'POST', '/v1/contacts', { body: { version: 0, roles: { customer: {} }, company: {} } });
		expect(r.status).toBe(406);
		expect(r.json.requestId).toBeDefined();
		expect(r.json.IssueList).toEqual([
			{ i18nKey: 'missing_entity', source: 'company.name', type: 'validation_failure', additionalData: null, args: null },
		]);
		const cases = [
			[{ version: 0, roles: {}, company: { name: 'X' } }, 'roles'],
			[{ version: 0, roles: { customer: {} }, company: { name: 'X' }, person: { lastName: 'Y' } }, 'person'],
			[{ version: 0, roles: { customer: {} }, person: { firstName: 'Only' } }, 'person.lastName'],
			[{ version: 0, roles: { customer: {} }, company: { name: 'X' }, addresses: { billing: [{ city: 'Berlin' }] } }, 'addresses.billing[0].countryCode'],
			[{ version: 0, roles: { customer: {} }, company: { name: 'X' }, emailAddresses: { business: ['a@x.de', 'b@x.de'] } }, 'emailAddresses.business'],
			[{ version: 0, roles: { customer: {} }, company: { name: 'X', contactPersons: [{ lastName: 'A' }, { lastName: 'B' }] } }, 'company.contactPersons'],
			[{ version: 0, roles: { customer: {} }, company: { name: 'X' }, note: 'n'.repeat(1001) }, 'note'],
			[{ version: 3, roles: { customer: {} }, company: { name: 'X' } }, 'version'],
		];
		for (const [body, source] of cases) {
			const res = await call(sb, 'POST', '/v1/contacts', { body });
			expect(res.status).toBe(406);
			expect(res.json.IssueList.map((i) => i.source)).toContain(source);
		}
	});

	test('malformed JSON -> 400 bad_request_error; missing Content-Type -> 415', async () => {
		const bad = await call(sb, 'POST', '/v1/contacts', { body: undefined, raw: undefined, headers: { 'Content-Type': 'application/json' }, token: API_KEY });
		expect(bad.status).toBe(400);
		const res = await fetch(`${sb.url}/v1/contacts`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
			body: '{"version":0,',
		});
		expect(res.status).toBe(400);
		expect((await res.json()).IssueList[0].i18nKey).toBe('bad_request_error');
		const noCt = await call(sb, 'POST', '/v1/contacts', { raw: Buffer.from(JSON.stringify(company('NoCt'))) });
		expect(noCt.status).toBe(415);
	});

	test('PUT replaces the record, increments version, stale version -> 406 with a version issue (as measured) and unchanged', async () => {
		const c = await call(sb, 'POST', '/v1/contacts', { body: company('Beta AG', { note: 'to be removed' }) });
		const id = c.json.id;
		const before = (await call(sb, 'GET', `/v1/contacts/${id}`)).json;
		const put = await call(sb, 'PUT', `/v1/contacts/${id}`, {
			body: { version: 0, roles: { customer: {}, vendor: {} }, company: { name: 'Beta AG (neu)' } },
		});
		expect(put.status).toBe(200);
		expect(put.json.version).toBe(1);
		const after = (await call(sb, 'GET', `/v1/contacts/${id}`)).json;
		expect(after.note).toBeUndefined();
		expect(after.company.name).toBe('Beta AG (neu)');
		expect(after.roles.customer.number).toBe(before.roles.customer.number);
		expect(after.roles.vendor.number).toBeGreaterThanOrEqual(70001);
		const stale = await call(sb, 'PUT', `/v1/contacts/${id}`, { body: { version: 0, roles: { customer: {} }, company: { name: 'Stale' } } });
		expect(stale.status).toBe(406);
		expect(stale.json.IssueList[0]).toMatchObject({ i18nKey: 'invalid_value', source: 'version' });
		expect((await call(sb, 'GET', `/v1/contacts/${id}`)).json).toEqual(after);
	});

	test('filters: name with HTML entities, wildcards, email, roles, number, AND', async () => {
		const mk = async (body) => (await call(sb, 'POST', '/v1/contacts', { body })).json.id;
		const jp = await mk(company('Johnson & Partner', { emailAddresses: { business: ['office@johnson.example'] } }));
		await mk(company('Johnson_Tools KG'));
		await mk(company('JohnsonXTools KG'));
		const vendorOnly = await mk({ version: 0, roles: { vendor: {} }, company: { name: 'Johnson Supplies' } });
		const q = async (qs) => (await call(sb, 'GET', `/v1/contacts?${qs}`)).json;

		const enc = await q(`name=${encodeURIComponent('johnson &amp; partner')}`);
		expect(enc.content.map((c) => c.id)).toEqual([jp]);
		expect((await q(`name=${encodeURIComponent('johnson & partner')}`)).totalElements).toBe(0);
		expect((await q(`name=${encodeURIComponent('johnson_tools')}`)).totalElements).toBe(2);
		expect((await q(`name=${encodeURIComponent('johnson\\_tools')}`)).content.map((c) => c.company.name)).toEqual(['Johnson_Tools KG']);
		expect((await q(`name=${encodeURIComponent('joh%supplies')}`)).content.map((c) => c.id)).toEqual([vendorOnly]);
		expect((await q('email=JOHNSON.example')).content.map((c) => c.id)).toEqual([jp]);
		expect((await q('name=johnson&vendor=true')).content.map((c) => c.id)).toEqual([vendorOnly]);
		expect((await q('name=johnson&customer=false')).content.map((c) => c.id)).toEqual([vendorOnly]);
		expect((await q('name=johnson&customer=true')).totalElements).toBe(3);
		const number = (await call(sb, 'GET', `/v1/contacts/${jp}`)).json.roles.customer.number;
		expect((await q(`number=${number}`)).content.map((c) => c.id)).toEqual([jp]);
		const names = (await q('name=johnson')).content.map((c) => c.company.name);
		expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

		const short = await call(sb, 'GET', '/v1/contacts?name=jo');
		expect(short.status).toBe(400);
		expect(short.json.IssueList[0].i18nKey).toBe('bad_request_error');
		expect((await call(sb, 'GET', '/v1/contacts?email=ab')).status).toBe(400);
	});

	test('paging envelope and the search window', async () => {
		sb.seedContacts(60);
		const first = await call(sb, 'GET', '/v1/contacts?page=0&size=10');
		expect(first.status).toBe(200);
		expect(Object.keys(first.json).sort()).toEqual(ENVELOPE_KEYS);
		expect(first.json).toMatchObject({ first: true, last: false, totalElements: 50, totalPages: 5, numberOfElements: 10, size: 10, number: 0 });
		expect(first.json.sort).toEqual([{ direction: 'ASC', property: 'name', ignoreCase: false, nullHandling: 'NATIVE', ascending: true }]);
		const lastPage = await call(sb, 'GET', '/v1/contacts?page=4&size=10');
		expect(lastPage.json).toMatchObject({ first: false, last: true, number: 4, numberOfElements: 10 });
		const beyond = await call(sb, 'GET', '/v1/contacts?page=5&size=10');
		expect(beyond.status).toBe(400);
		expect(beyond.json.message).toBe('Maximum search window size exceeded');
		expect((await call(sb, 'GET', '/v1/contacts?size=251')).status).toBe(400);
		const dflt = await call(sb, 'GET', '/v1/contacts?name=zzzzzz');
		expect(dflt.json).toMatchObject({ content: [], totalElements: 0, totalPages: 0, size: 25, number: 0, first: true, last: true });
	});
});

describe('invoices', () => {
	let sb;
	let customerId;
	let vendorId;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimit: false });
		customerId = (await call(sb, 'POST', '/v1/contacts', { body: company('Kunde GmbH', { addresses: { billing: [{ street: 'Weg 1', zip: '10115', city: 'Berlin', countryCode: 'DE' }] } }) })).json.id;
		vendorId = (await call(sb, 'POST', '/v1/contacts', { body: { version: 0, roles: { vendor: {} }, company: { name: 'Lieferant' } } })).json.id;
	});
	afterAll(() => sb.close());

	test('draft create -> 201, server computes exact totals', async () => {
		const r = await call(sb, 'POST', '/v1/invoices', { body: invoiceBody() });
		expect(r.status).toBe(201);
		expect(r.headers.get('location')).toBe(`${sb.url}/v1/invoices/${r.json.id}`);
		const inv = (await call(sb, 'GET', `/v1/invoices/${r.json.id}`)).json;
		expect(inv.voucherStatus).toBe('draft');
		expect(inv.voucherNumber).toBeUndefined();
		expect(inv.lineItems.map((li) => li.lineItemAmount)).toEqual([0.53, 13.51, undefined]);
		expect(inv.totalPrice).toEqual({ currency: 'EUR', totalNetAmount: 14.04, totalGrossAmount: 15.09, totalTaxAmount: 1.05 });
		expect(inv.taxAmounts).toEqual([
			{ taxRatePercentage: 7, taxAmount: 0.95, netAmount: 13.51 },
			{ taxRatePercentage: 19, taxAmount: 0.1, netAmount: 0.53 },
		]);
		const tenths = await call(sb, 'POST', '/v1/invoices', {
			body: invoiceBody({
				lineItems: [0.1, 0.2].map((n) => ({ type: 'custom', name: 'x', quantity: 1, unitName: 'Stk', unitPrice: { currency: 'EUR', netAmount: n, taxRatePercentage: 19 } })),
			}),
		});
		const t = (await call(sb, 'GET', `/v1/invoices/${tenths.json.id}`)).json.totalPrice;
		expect(t).toEqual({ currency: 'EUR', totalNetAmount: 0.3, totalGrossAmount: 0.36, totalTaxAmount: 0.06 });
	});

	test('gross invoice and finalize assigns voucher numbers', async () => {
		const a = await call(sb, 'POST', '/v1/invoices?finalize=true', {
			body: invoiceBody({
				address: { contactId: customerId },
				taxConditions: { taxType: 'gross' },
				lineItems: [{ type: 'service', id: crypto.randomUUID(), name: 'Service', quantity: 1, unitName: 'h', unitPrice: { currency: 'EUR', grossAmount: 119, taxRatePercentage: 19 } }],
			}),
		});
		expect(a.status).toBe(201);
		const inv = (await call(sb, 'GET', `/v1/invoices/${a.json.id}`)).json;
		expect(inv).toMatchObject({ voucherStatus: 'open', voucherNumber: 'RE0001', address: { contactId: customerId, name: 'Kunde GmbH', city: 'Berlin' } });
		expect(inv.totalPrice).toMatchObject({ totalNetAmount: 100, totalGrossAmount: 119, totalTaxAmount: 19 });
		const b = await call(sb, 'POST', '/v1/invoices?finalize=true', { body: invoiceBody() });
		expect((await call(sb, 'GET', `/v1/invoices/${b.json.id}`)).json.voucherNumber).toBe('RE0002');
	});

	test('validation failures use the regular shape with 406', async () => {
		const r = await call(sb, 'POST', '/v1/invoices', { body: invoiceBody({ voucherDate: '2024-03-01T00:00:00+01:00' }) });
		expect(r.status).toBe(406);
		expect(Object.keys(r.json).sort()).toEqual(REGULAR_KEYS);
		expect(r.json).toMatchObject({ status: 406, error: 'Not Acceptable', path: '/v1/invoices', message: 'Validation failed for request. Please see details list for specific causes.' });
		expect(r.json.details[0]).toMatchObject({ field: 'voucherDate' });
		const fields = async (body, query = '') => {
			const res = await call(sb, 'POST', `/v1/invoices${query}`, { body });
			expect(res.status).toBe(406);
			return res.json.details.map((d) => d.field);
		};
		const li = invoiceBody().lineItems[0];
		expect(await fields(invoiceBody({ voucherNumber: 'RE9999' }))).toContain('voucherNumber');
		expect(await fields(invoiceBody({ totalPrice: { currency: 'EUR', totalNetAmount: 1 } }))).toContain('totalPrice.totalNetAmount');
		expect(await fields(invoiceBody({ lineItems: [{ ...li, lineItemAmount: 1 }] }))).toContain('lineItems[0].lineItemAmount');
		expect(await fields(invoiceBody({ lineItems: [{ ...li, unitPrice: { currency: 'EUR', netAmount: 1 } }] }))).toContain('lineItems[0].unitPrice.taxRatePercentage');
		expect(await fields(invoiceBody({ lineItems: [{ ...li, type: 'material' }] }))).toContain('lineItems[0].id');
		expect(await fields(invoiceBody({ lineItems: [] }))).toContain('lineItems');
		expect(await fields(invoiceBody({ lineItems: Array(301).fill(li) }))).toContain('lineItems');
		expect(await fields(invoiceBody({ taxConditions: { taxType: 'vatfree' } }))).toContain('lineItems[0].unitPrice.taxRatePercentage');
		expect(await fields(invoiceBody({ taxConditions: { taxType: 'gross' } }))).toContain('lineItems[0].unitPrice.grossAmount');
		expect(await fields(invoiceBody({ address: { name: 'No Country' } }))).toContain('address.countryCode');
		expect(await fields(invoiceBody({ address: { contactId: vendorId } }))).toContain('address.contactId');
		expect(await fields(invoiceBody({ shippingConditions: { shippingType: 'delivery' } }))).toContain('shippingConditions.shippingDate');
		expect(await fields(invoiceBody({ shippingConditions: { shippingType: 'serviceperiod', shippingDate: '2024-03-01T00:00:00.000+01:00' } }))).toContain(
			'shippingConditions.shippingEndDate',
		);
		expect(await fields(invoiceBody({ title: 'x'.repeat(26) }))).toContain('title');
		expect(await fields(invoiceBody({ totalPrice: { currency: 'USD' } }))).toContain('totalPrice.currency');
		expect(await fields(invoiceBody(), `?precedingSalesVoucherId=${crypto.randomUUID()}`)).toContain('precedingSalesVoucherId');
	});

	test('pursue links related vouchers; an invoice cannot follow an invoice', async () => {
		const { shippingConditions, ...quotation } = invoiceBody({ expirationDate: '2024-03-31T00:00:00.000+02:00' });
		const first = await call(sb, 'POST', '/v1/quotations?finalize=true', { body: quotation });
		const next = await call(sb, 'POST', `/v1/invoices?precedingSalesVoucherId=${first.json.id}&finalize=true`, { body: invoiceBody() });
		expect(next.status).toBe(201);
		const inv = (await call(sb, 'GET', `/v1/invoices/${next.json.id}`)).json;
		expect(inv.relatedVouchers[0]).toMatchObject({ id: first.json.id, voucherType: 'quotation' });
		const again = await call(sb, 'POST', `/v1/invoices?precedingSalesVoucherId=${inv.id}`, { body: invoiceBody() });
		expect(again.status).toBe(406);
	});

	test('file download statuses, PDF content and determinism', async () => {
		const draft = await call(sb, 'POST', '/v1/invoices', { body: invoiceBody() });
		expect((await call(sb, 'GET', `/v1/invoices/${draft.json.id}/file`)).status).toBe(409);
		expect((await call(sb, 'GET', `/v1/invoices/${draft.json.id}/document`)).status).toBe(406);
		expect((await call(sb, 'GET', `/v1/invoices/${crypto.randomUUID()}/file`)).status).toBe(404);

		const fin = await call(sb, 'POST', '/v1/invoices?finalize=true', { body: invoiceBody({ remark: 'pdf test' }) });
		const inv = (await call(sb, 'GET', `/v1/invoices/${fin.json.id}`)).json;
		const pdf = await call(sb, 'GET', `/v1/invoices/${fin.json.id}/file`, { headers: { Accept: '*/*' } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(Number(pdf.headers.get('content-length'))).toBe(pdf.buf.length);
		expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${inv.voucherNumber}.pdf"`);
		const text = pdf.buf.toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(text).toContain(inv.voucherNumber);
		expect(text).toContain('15,09 EUR');
		const startxref = Number(/startxref\n(\d+)/.exec(text)[1]);
		expect(text.slice(startxref, startxref + 4)).toBe('xref');
		const objOffsets = [...text.matchAll(/(\d{10}) 00000 n /g)].map((m) => Number(m[1]));
		objOffsets.forEach((off, i) => expect(text.slice(off).startsWith(`${i + 1} 0 obj`)).toBe(true));

		const again = await call(sb, 'GET', `/v1/invoices/${fin.json.id}/file`, { headers: { Accept: 'application/pdf' } });
		expect(again.buf.equals(pdf.buf)).toBe(true);
		expect((await call(sb, 'GET', `/v1/invoices/${fin.json.id}/file`, { headers: { Accept: 'application/xml' } })).status).toBe(404);
		expect((await call(sb, 'GET', `/v1/invoices/${fin.json.id}/file`, { headers: { Accept: 'text/html' } })).status).toBe(406);

		const doc = await call(sb, 'GET', `/v1/invoices/${fin.json.id}/document`);
		expect(doc.status).toBe(200);
		expect(doc.json.documentFileId).toMatch(/^[0-9a-f-]{36}$/);
		const file = await call(sb, 'GET', `/v1/files/${doc.json.documentFileId}`, { headers: { Accept: 'application/pdf' } });
		expect(file.status).toBe(200);
		expect(file.buf.equals(pdf.buf)).toBe(true);
		expect(sb.state.files.get(doc.json.documentFileId).bytes.equals(pdf.buf)).toBe(true);
	});

	test('XRechnung invoice: */* gives XML, application/pdf gives PDF', async () => {
		const x = await call(sb, 'POST', '/v1/invoices?finalize=true', { body: invoiceBody({ xRechnung: { buyerReference: '04011000-1234512345-35' } }) });
		const xml = await call(sb, 'GET', `/v1/invoices/${x.json.id}/file`, { headers: { Accept: '*/*' } });
		expect(xml.status).toBe(200);
		expect(xml.headers.get('content-type')).toBe('application/xml');
		expect(xml.buf.toString()).toContain('04011000-1234512345-35');
		const pdf = await call(sb, 'GET', `/v1/invoices/${x.json.id}/file`, { headers: { Accept: 'application/pdf' } });
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
	});
});

describe('voucherlist', () => {
	let sb;
	let seeded;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimit: false, searchWindow: 100, seed: { contacts: 10 } });
		seeded = sb.seedInvoices(150);
	});
	afterAll(() => sb.close());
	const list = (qs) => call(sb, 'GET', `/v1/voucherlist?${qs}`);

	test('seeded invoices spread over several years', () => {
		const years = new Set(seeded.map((i) => i.voucherDate.slice(0, 4)));
		expect(years.size).toBeGreaterThanOrEqual(4);
	});

	test('required parameters and status rules', async () => {
		const missing = await list('voucherType=invoice');
		expect(missing.status).toBe(400);
		expect(Object.keys(missing.json)).toEqual(expect.arrayContaining(['timestamp', 'status', 'error', 'path', 'traceId', 'message']));
		expect((await list('voucherStatus=open')).status).toBe(400);
		expect((await list('voucherType=invoice&voucherStatus=overdue,open')).status).toBe(400);
		expect((await list('voucherType=invoice&voucherStatus=bogus')).status).toBe(400);
		expect((await list('voucherType=invoice&voucherStatus=any&size=251')).status).toBe(400);
		const overdue = await list('voucherType=invoice&voucherStatus=overdue&size=100');
		expect(overdue.status).toBe(200);
		expect(overdue.json.content.every((i) => i.voucherStatus === 'open')).toBe(true);
	});

	test('envelope, default sort voucherDate DESC, search window', async () => {
		const r = await list('voucherType=invoice&voucherStatus=any&size=50');
		expect(Object.keys(r.json).sort()).toEqual(ENVELOPE_KEYS);
		expect(r.json).toMatchObject({ totalElements: 100, totalPages: 2, size: 50 });
		expect(r.json.sort[0]).toMatchObject({ property: 'voucherDate', direction: 'DESC' });
		const dates = r.json.content.map((i) => Date.parse(i.voucherDate));
		expect(dates).toEqual([...dates].sort((a, b) => b - a));
		expect(Object.keys(r.json.content[0]).sort()).toEqual(
			['archived', 'contactId', 'contactName', 'createdDate', 'currency', 'dueDate', 'id', 'openAmount', 'totalAmount', 'updatedDate', 'voucherDate', 'voucherNumber', 'voucherStatus', 'voucherType'].sort(),
		);
		const w = await list('voucherType=invoice&voucherStatus=any&size=50&page=2');
		expect(w.status).toBe(400);
		expect(w.json.message).toBe('Maximum search window size exceeded');
	});

	test('date range filters are inclusive whole days and allow splitting below the window', async () => {
		const year = seeded[10].voucherDate.slice(0, 4);
		const expected = seeded.filter((i) => i.voucherDate.startsWith(year));
		const r = await list(`voucherType=invoice&voucherStatus=any&voucherDateFrom=${year}-01-01&voucherDateTo=${year}-12-31&size=100&sort=voucherDate,ASC`);
		expect(r.status).toBe(200);
		expect(r.json.totalElements).toBe(expected.length);
		expect(r.json.content.map((i) => i.id).sort()).toEqual(expected.map((i) => i.id).sort());
		const day = seeded[20].voucherDate.slice(0, 10);
		const oneDay = await list(`voucherType=invoice&voucherStatus=any&voucherDateFrom=${day}&voucherDateTo=${day}`);
		expect(oneDay.json.content.map((i) => i.id)).toContain(seeded[20].id);
		expect((await list('voucherType=invoice&voucherStatus=any&voucherDateFrom=2024-13-01')).status).toBe(400);
	});

	test('status, contact and number filters; sort by voucherDate only, as measured', async () => {
		const paid = await list('voucherType=invoice&voucherStatus=paid&size=100');
		expect(paid.json.content.length).toBeGreaterThan(0);
		expect(paid.json.content.every((i) => i.voucherStatus === 'paid' && i.openAmount === 0)).toBe(true);
		const withContact = seeded.find((i) => i.address.contactId);
		const byContact = await list(`voucherType=invoice&voucherStatus=any&contactId=${withContact.address.contactId}&size=100`);
		expect(byContact.json.content.every((i) => i.contactId === withContact.address.contactId)).toBe(true);
		const numbered = seeded.find((i) => i.voucherNumber);
		const byNumber = await list(`voucherType=invoice&voucherStatus=any&voucherNumber=${numbered.voucherNumber}`);
		expect(byNumber.json.content.map((i) => i.id)).toEqual([numbered.id]);
		for (const sort of ['voucherNumber,ASC', 'createdDate', 'updatedDate,DESC', 'voucherDate,UP', 'voucherDate,ASC,x']) {
			const refused = await list(`voucherType=invoice&voucherStatus=any&sort=${sort}`);
			expect(refused.status).toBe(400);
			expect(JSON.stringify(refused.json)).toContain("parameter 'sort' is invalid");
		}
		const sorted = await list('voucherType=invoice&voucherStatus=open,paid&sort=voucherDate&size=30');
		const dates = sorted.json.content.map((i) => Date.parse(i.voucherDate));
		expect(dates).toEqual([...dates].sort((a, b) => a - b));
		expect((await list('voucherType=quotation&voucherStatus=any')).json.totalElements).toBe(0);
	});
});

describe('rate limit', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ apiKeys: [API_KEY, 'second-key'], rateLimit: { requestsPerSecond: 2, burst: 2 } });
	});
	afterAll(() => sb.close());

	// Which requests count as "at once" must not depend on how busy the machine is: the bucket
	// tests below refill so slowly that only the bucket's size decides, and the refill test waits
	// (a longer wait only refills more). The bucket's arithmetic is rateLimiter.test.js.
	test('third request into a full bucket -> 429 and is not executed; per-client buckets', async () => {
		sb.setRateLimit({ requestsPerSecond: 0.001, burst: 2 });
		const before = sb.state.contacts.size;
		const results = await Promise.all([0, 1, 2].map((i) => call(sb, 'POST', '/v1/contacts', { body: company(`Rate ${i}`) })));
		expect(results.map((r) => r.status).sort()).toEqual([201, 201, 429]);
		const limited = results.find((r) => r.status === 429);
		expect(limited.json).toEqual({ message: 'Rate limit exceeded' });
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(sb.state.contacts.size).toBe(before + 2);
		expect(sb.log.find((e) => e.status === 429)).toMatchObject({ executed: false, fault: 'rateLimit', clientId: 'api-key#1' });
		expect((await call(sb, 'GET', '/v1/profile', { token: 'second-key' })).status).toBe(200);
	});

	test('an empty bucket gets a token back after 500 ms at 2 requests/second', async () => {
		sb.setRateLimit({ requestsPerSecond: 2, burst: 1 });
		expect((await call(sb, 'GET', '/v1/profile')).status).toBe(200);
		await new Promise((r) => setTimeout(r, 600));
		expect((await call(sb, 'GET', '/v1/profile')).status).toBe(200);
	});

	test('optional Retry-After and disabling', async () => {
		sb.setRateLimit({ requestsPerSecond: 0.001, burst: 1, retryAfterSeconds: 1 });
		await call(sb, 'GET', '/v1/profile');
		const r = await call(sb, 'GET', '/v1/profile');
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('1');
		sb.setRateLimit(false);
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await call(sb, 'GET', '/v1/profile')).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
	});
});

describe('oauth2', () => {
	let sb;
	const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';
	beforeAll(async () => {
		sb = await startSandbox({
			rateLimit: false,
			oauth: {
				clients: [{ clientId: 'sandbox-client', clientSecret: 'sandbox-secret' }, { clientId: 'public-client' }],
			},
		});
	});
	afterAll(() => sb.close());

	const pkce = () => {
		const verifier = crypto.randomBytes(32).toString('base64url');
		return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
	};
	async function authorize(params) {
		const res = await fetch(`${sb.url}/oauth2/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
		return { status: res.status, location: res.headers.get('location') ? new URL(res.headers.get('location')) : null };
	}
	async function token(form, { basic = ['sandbox-client', 'sandbox-secret'] } = {}) {
		const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
		if (basic) headers.Authorization = `Basic ${Buffer.from(basic.join(':')).toString('base64')}`;
		const res = await fetch(`${sb.url}/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
		return { status: res.status, json: await res.json() };
	}
	async function getCode(p, clientId = 'sandbox-client') {
		const a = await authorize({
			client_id: clientId,
			redirect_uri: REDIRECT,
			response_type: 'code',
			scope: 'profile.read contacts.read',
			state: 'st-123',
			code_challenge: p.challenge,
			code_challenge_method: 'S256',
		});
		expect(a.status).toBe(302);
		expect(a.location.origin + a.location.pathname).toBe(REDIRECT);
		expect(a.location.searchParams.get('state')).toBe('st-123');
		return a.location.searchParams.get('code');
	}

	test('authorization code + PKCE success, token usable on /v1, secrets redacted in the log', async () => {
		const p = pkce();
		const code = await getCode(p);
		const t = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier });
		expect(t.status).toBe(200);
		expect(t.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'profile.read contacts.read' });
		expect(t.json.access_token).toEqual(expect.any(String));
		expect(t.json.refresh_token).toEqual(expect.any(String));
		const prof = await call(sb, 'GET', '/v1/profile', { token: t.json.access_token });
		expect(prof.status).toBe(200);
		expect(sb.log.at(-1).clientId).toBe('sandbox-client');
		const logText = JSON.stringify(sb.log);
		for (const secret of [t.json.access_token, t.json.refresh_token, p.verifier, code, 'sandbox-secret']) expect(logText).not.toContain(secret);
		expect(sb.log.find((e) => e.path === '/oauth2/token').requestBody).toMatchObject({ code_verifier: '[redacted]', code: '[redacted]' });
	});

	test('wrong verifier -> invalid_grant; replayed code -> invalid_grant and its tokens revoked', async () => {
		const p = pkce();
		const code = await getCode(p);
		const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier });
		expect(wrong.status).toBe(400);
		expect(wrong.json).toEqual({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
		const ok = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier });
		expect(ok.status).toBe(200);
		const replay = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier });
		expect(replay.status).toBe(400);
		expect(replay.json.error).toBe('invalid_grant');
		expect((await call(sb, 'GET', '/v1/profile', { token: ok.json.access_token })).status).toBe(401);
		const refresh = await token({ grant_type: 'refresh_token', refresh_token: ok.json.refresh_token });
		expect(refresh.json.error).toBe('invalid_grant');
	});

	test('authorize errors: missing PKCE, unknown client; token errors: bad secret, redirect mismatch', async () => {
		const noPkce = await authorize({ client_id: 'sandbox-client', redirect_uri: REDIRECT, response_type: 'code', state: 's1' });
		expect(noPkce.status).toBe(302);
		expect(noPkce.location.searchParams.get('error')).toBe('invalid_request');
		expect(noPkce.location.searchParams.get('state')).toBe('s1');
		const plain = await authorize({ client_id: 'sandbox-client', redirect_uri: REDIRECT, response_type: 'code', code_challenge: 'abc', code_challenge_method: 'plain' });
		expect(plain.location.searchParams.get('error')).toBe('invalid_request');
		expect((await authorize({ client_id: 'who', redirect_uri: REDIRECT, response_type: 'code' })).status).toBe(400);

		const p = pkce();
		const code = await getCode(p);
		const badSecret = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier }, { basic: ['sandbox-client', 'wrong'] });
		expect(badSecret.status).toBe(401);
		expect(badSecret.json.error).toBe('invalid_client');
		const mismatch = await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://evil.example/cb', code_verifier: p.verifier });
		expect(mismatch.json.error).toBe('invalid_grant');
		const body = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier, client_id: 'sandbox-client', client_secret: 'sandbox-secret' }, { basic: null });
		expect(body.status).toBe(200);
	});

	test('public client sends client_id in the body', async () => {
		const p = pkce();
		const code = await getCode(p, 'public-client');
		const t = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: p.verifier, client_id: 'public-client' }, { basic: null });
		expect(t.status).toBe(200);
		const r = await token({ grant_type: 'refresh_token', refresh_token: t.json.refresh_token, client_id: 'public-client' }, { basic: null });
		expect(r.status).toBe(200);
		const stolen = await token({ grant_type: 'refresh_token', refresh_token: r.json.refresh_token });
		expect(stolen.json.error).toBe('invalid_grant');
	});

	test('refresh rotation: new refresh token works, old one is rejected', async () => {
		const first = sb.issueToken({ clientId: 'sandbox-client' });
		const r1 = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(r1.status).toBe(200);
		expect(r1.json.refresh_token).not.toBe(first.refresh_token);
		expect(r1.json.access_token).not.toBe(first.access_token);
		const old = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(old.status).toBe(400);
		expect(old.json.error).toBe('invalid_grant');
		const r2 = await token({ grant_type: 'refresh_token', refresh_token: r1.json.refresh_token });
		expect(r2.status).toBe(200);
	});

	test('expired access token -> 401 until refreshed; revoke ends the connection', async () => {
		const t = sb.issueToken({ clientId: 'sandbox-client' });
		expect((await call(sb, 'GET', '/v1/profile', { token: t.access_token })).status).toBe(200);
		sb.expireAllAccessTokens();
		const expired = await call(sb, 'GET', '/v1/profile', { token: t.access_token });
		expect(expired.status).toBe(401);
		expect(expired.json).toEqual({ message: 'Unauthorized' });
		const fresh = await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token });
		expect((await call(sb, 'GET', '/v1/profile', { token: fresh.json.access_token })).status).toBe(200);

		sb.setAccessTokenTtl(0);
		const zero = sb.issueToken({});
		expect((await call(sb, 'GET', '/v1/profile', { token: zero.access_token })).status).toBe(401);
		sb.setAccessTokenTtl(3600);

		const rev = await fetch(`${sb.url}/oauth2/revoke`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}` },
			body: new URLSearchParams({ token: fresh.json.refresh_token }).toString(),
		});
		expect(rev.status).toBe(200);
		expect((await token({ grant_type: 'refresh_token', refresh_token: fresh.json.refresh_token })).json.error).toBe('invalid_grant');
		expect((await call(sb, 'GET', '/v1/profile', { token: fresh.json.access_token })).status).toBe(401);
	});
});

describe('faults', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimit: false });
	});
	afterAll(() => sb.close());
	const count = (marker) => [...sb.state.contacts.values()].filter((c) => c.note === marker).length;

	test('504 after commit executes the request', async () => {
		sb.setFaults({ rate504AfterCommit: 1 });
		const r = await call(sb, 'POST', '/v1/contacts', { body: company('Timeout GmbH', { note: 'm-504' }) });
		sb.setFaults({ rate504AfterCommit: 0 });
		expect(r.status).toBe(504);
		expect(r.json).toEqual({ message: 'Endpoint request timed out' });
		expect(count('m-504')).toBe(1);
		expect(sb.log.at(-1)).toMatchObject({ fault: '504AfterCommit', executed: true });
	});

	test('429/500/503 faults do not execute; reset destroys the socket', async () => {
		for (const [k, status] of [
			['rate429', 429],
			['rate500', 500],
			['rate503', 503],
		]) {
			sb.setFaults({ [k]: 1 });
			const r = await call(sb, 'POST', '/v1/contacts', { body: company('Fault', { note: `m-${k}` }) });
			sb.setFaults({ [k]: 0 });
			expect(r.status).toBe(status);
			expect(count(`m-${k}`)).toBe(0);
		}
		sb.setFaults({ rateReset: 1 });
		const outcomes = [];
		for (let i = 0; i < 8; i++) {
			await expect(call(sb, 'POST', '/v1/contacts', { body: company('Reset', { note: 'm-reset' }) })).rejects.toThrow();
			outcomes.push(sb.log.at(-1).fault);
		}
		sb.setFaults({ rateReset: 0 });
		expect(outcomes).toEqual(expect.arrayContaining(['reset', 'resetAfterCommit']));
		expect(count('m-reset')).toBe(outcomes.filter((f) => f === 'resetAfterCommit').length);
		expect((await call(sb, 'GET', '/v1/profile')).status).toBe(200);
	});

	test('fault sequence is deterministic for a seed; slowMs delays', async () => {
		const run = async () => {
			sb.setFaults({ rate500: 0.5, seed: 7 });
			const s = [];
			for (let i = 0; i < 10; i++) s.push((await call(sb, 'GET', '/v1/profile')).status);
			sb.setFaults({ rate500: 0 });
			return s;
		};
		const a = await run();
		expect(a).toContain(500);
		expect(a).toContain(200);
		expect(await run()).toEqual(a);
		sb.setFaults({ slowMs: 150 });
		const t0 = Date.now();
		await call(sb, 'GET', '/v1/profile');
		sb.setFaults({ slowMs: 0 });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
	});

	test('faults never apply to /oauth2', async () => {
		sb.setFaults({ rate500: 1 });
		const res = await fetch(`${sb.url}/oauth2/authorize?client_id=nobody`, { redirect: 'manual' });
		sb.setFaults({ rate500: 0 });
		expect(res.status).toBe(400);
	});
});

describe('seeding', () => {
	test('same seed gives the same data; close() with open keep-alive connections', async () => {
		const a = await startSandbox({ rateLimit: false, seed: { contacts: 5, invoices: 5, random: 9 } });
		const b = await startSandbox({ rateLimit: false, seed: { contacts: 5, invoices: 5, random: 9 } });
		const strip = (m) => [...m.values()].map((r) => ({ id: r.id, name: r.company?.name ?? r.person?.lastName ?? r.totalPrice?.totalGrossAmount }));
		expect(strip(a.state.contacts)).toEqual(strip(b.state.contacts));
		expect(strip(a.state.invoices)).toEqual(strip(b.state.invoices));
		await call(a, 'GET', '/v1/profile');
		await Promise.all([a.close(), b.close()]);
	});
});
