'use strict';

// The sandbox's sales documents, articles and payments over HTTP, against the facts sheet
// (part 2 §3-§5): per-type rules, pursue chains, files, voucherlist, payments.

const crypto = require('crypto');
const { startSandbox } = require('.');

const API_KEY = 'sandbox-api-key';

async function call(sb, method, path, { body, headers = {} } = {}) {
	const h = { Authorization: `Bearer ${API_KEY}`, ...headers };
	if (body !== undefined) h['Content-Type'] = 'application/json';
	const res = await fetch(sb.url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
	const buf = Buffer.from(await res.arrayBuffer());
	let json;
	try {
		json = JSON.parse(buf.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, json, buf };
}

const DATE = '2024-03-01T00:00:00.000+01:00';
const item = (over = {}) => ({ type: 'custom', name: 'Beratung', quantity: 2, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 50, taxRatePercentage: 19 }, ...over });

/** A valid body for each type, built from the per-type rules of §3. */
function bodyFor(type, over = {}) {
	const base = {
		voucherDate: DATE,
		address: { name: 'Max Mustermann', countryCode: 'DE' },
		lineItems: [item()],
		totalPrice: { currency: 'EUR' },
		taxConditions: { taxType: 'net' },
	};
	const shipping = { shippingConditions: { shippingType: 'delivery', shippingDate: DATE } };
	const extra = {
		invoice: shipping,
		quotation: { expirationDate: '2024-03-30T00:00:00.000+01:00' },
		orderconfirmation: shipping,
		deliverynote: { ...shipping, totalPrice: undefined },
		creditnote: {},
		dunning: shipping,
	}[type];
	return JSON.parse(JSON.stringify({ ...base, ...extra, ...over }));
}

const PATHS = {
	invoice: 'invoices',
	quotation: 'quotations',
	orderconfirmation: 'order-confirmations',
	deliverynote: 'delivery-notes',
	creditnote: 'credit-notes',
	dunning: 'dunnings',
};

let sb;
beforeAll(async () => {
	sb = await startSandbox({ rateLimit: false });
});
afterAll(() => sb.close());

const create = (type, body, query = '') => call(sb, 'POST', `/v1/${PATHS[type]}${query}`, { body });
const fields = (res) => (res.json.details || []).map((d) => d.field);
async function finalized(type, over) {
	const res = await create(type, bodyFor(type, over), '?finalize=true');
	expect(res.status).toBe(201);
	return (await call(sb, 'GET', `/v1/${PATHS[type]}/${res.json.id}`)).json;
}

describe('sales documents: create, finalize, number ranges', () => {
	test.each(['quotation', 'orderconfirmation', 'deliverynote', 'creditnote'])('%s: draft, then finalize gives open and its own number range', async (type) => {
		const draft = await create(type, bodyFor(type));
		expect(draft.status).toBe(201);
		expect(draft.json.resourceUri).toBe(`${sb.url}/v1/${PATHS[type]}/${draft.json.id}`);
		const stored = (await call(sb, 'GET', `/v1/${PATHS[type]}/${draft.json.id}`)).json;
		expect(stored.voucherStatus).toBe('draft');
		expect(stored.voucherNumber).toBeUndefined();
		const doc = await finalized(type);
		expect(doc.voucherStatus).toBe('open');
		expect(doc.voucherNumber).toMatch({ quotation: /^AG\d{4}$/, orderconfirmation: /^AB\d{4}$/, deliverynote: /^LS\d{4}$/, creditnote: /^RK\d{4}$/ }[type]);
	});

	test('the number ranges are separate per type', async () => {
		const a = await finalized('orderconfirmation');
		const b = await finalized('orderconfirmation');
		const q = await finalized('quotation');
		expect(Number(b.voucherNumber.slice(2))).toBe(Number(a.voucherNumber.slice(2)) + 1);
		expect(q.voucherNumber.startsWith('AG')).toBe(true);
	});

	test('wrong-type id is 404; no list, PUT or DELETE routes', async () => {
		const q = await finalized('quotation');
		expect((await call(sb, 'GET', `/v1/invoices/${q.id}`)).status).toBe(404);
		expect((await call(sb, 'GET', `/v1/order-confirmations/${q.id}`)).status).toBe(404);
		expect((await call(sb, 'GET', `/v1/quotations/${crypto.randomUUID()}`)).status).toBe(404);
		expect([404, 405]).toContain((await call(sb, 'GET', '/v1/quotations')).status);
		expect([404, 405]).toContain((await call(sb, 'PUT', `/v1/quotations/${q.id}`, { body: {} })).status);
	});

	test('quotation requires expirationDate and totalPrice; refuses shipping conditions; keeps optional items out of the totals', async () => {
		const res = await create('quotation', bodyFor('quotation', { expirationDate: undefined, totalPrice: undefined, shippingConditions: { shippingType: 'none' } }));
		expect(res.status).toBe(406);
		expect(res.json).toMatchObject({ status: 406, error: 'Not Acceptable' });
		expect(fields(res)).toEqual(expect.arrayContaining(['expirationDate', 'totalPrice', 'shippingConditions']));
		const q = await finalized('quotation', { lineItems: [item(), item({ name: 'Extra', optional: true })] });
		expect(q.totalPrice.totalNetAmount).toBe(100);
		expect(q.lineItems[1]).toMatchObject({ optional: true, lineItemAmount: 100 });
		expect(q.expirationDate).toBe('2024-03-30T00:00:00.000+01:00');
	});

	test('order confirmation requires shipping conditions', async () => {
		expect(fields(await create('orderconfirmation', bodyFor('orderconfirmation', { shippingConditions: undefined })))).toContain('shippingConditions.shippingType');
	});

	test('delivery note: no totals, unit price optional', async () => {
		const d = await finalized('deliverynote', { lineItems: [item({ unitPrice: undefined }), item()] });
		expect(d.totalPrice).toBeUndefined();
		expect(d.lineItems[0].unitPrice).toBeUndefined();
		expect(d.lineItems[0].lineItemAmount).toBeUndefined();
		expect(fields(await create('deliverynote', bodyFor('deliverynote', { shippingConditions: undefined })))).toContain('shippingConditions.shippingType');
	});

	test('credit note: no shipping or payment conditions, no line discounts', async () => {
		const res = await create(
			'creditnote',
			bodyFor('creditnote', {
				shippingConditions: { shippingType: 'none' },
				paymentConditions: { paymentTermDuration: 10 },
				lineItems: [item({ discountPercentage: 5 })],
			}),
		);
		expect(res.status).toBe(406);
		expect(fields(res)).toEqual(expect.arrayContaining(['shippingConditions', 'paymentConditions', 'lineItems[0].discountPercentage']));
		const cn = await finalized('creditnote');
		expect(cn.voucherStatus).toBe('open'); // unlinked: open until a payment is assigned
	});

	test('dunning: precedingSalesVoucherId mandatory; always a draft; must match contact and tax conditions; PDF at once', async () => {
		expect(fields(await create('dunning', bodyFor('dunning')))).toContain('precedingSalesVoucherId');
		const inv = await finalized('invoice');
		const mismatch = await create('dunning', bodyFor('dunning', { taxConditions: { taxType: 'gross' }, address: { contactId: crypto.randomUUID() } }), `?precedingSalesVoucherId=${inv.id}`);
		expect(fields(mismatch)).toEqual(expect.arrayContaining(['taxConditions.taxType', 'address.contactId']));
		const res = await create('dunning', bodyFor('dunning', { address: { name: 'Anders', countryCode: 'DE' } }), `?precedingSalesVoucherId=${inv.id}&finalize=true`);
		expect(res.status).toBe(201);
		const d = (await call(sb, 'GET', `/v1/dunnings/${res.json.id}`)).json;
		expect(d.voucherStatus).toBe('draft');
		expect(d.voucherNumber).toBeUndefined();
		expect(d.address.name).toBe('Max Mustermann'); // the name always comes from the invoice
		const pdf = await call(sb, 'GET', `/v1/dunnings/${d.id}/file`);
		expect(pdf.status).toBe(200);
		expect(pdf.buf.toString('latin1')).toContain('Mahnung');
		const related = (await call(sb, 'GET', `/v1/invoices/${inv.id}`)).json.relatedVouchers;
		expect(related).toContainEqual({ id: d.id, voucherNumber: null, voucherType: 'dunning' });
	});
});

describe('pursue chains', () => {
	const ALLOWED = [
		['quotation', 'orderconfirmation'],
		['quotation', 'invoice'],
		['quotation', 'deliverynote'],
		['orderconfirmation', 'invoice'],
		['orderconfirmation', 'deliverynote'],
		['invoice', 'creditnote'],
		['invoice', 'dunning'],
		['invoice', 'deliverynote'],
	];
	test.each(ALLOWED)('%s -> %s links both sides', async (from, to) => {
		const pre = await finalized(from);
		const res = await create(to, bodyFor(to), `?precedingSalesVoucherId=${pre.id}&finalize=true`);
		expect(res.status).toBe(201);
		const doc = (await call(sb, 'GET', `/v1/${PATHS[to]}/${res.json.id}`)).json;
		expect(doc.relatedVouchers).toContainEqual({ id: pre.id, voucherNumber: pre.voucherNumber, voucherType: from });
		const back = (await call(sb, 'GET', `/v1/${PATHS[from]}/${pre.id}`)).json;
		expect(back.relatedVouchers.map((r) => r.id)).toContain(doc.id);
		expect(back.relatedVouchers.find((r) => r.id === doc.id).voucherType).toBe(to);
	});

	test.each([
		['invoice', 'invoice'],
		['invoice', 'orderconfirmation'],
		['orderconfirmation', 'quotation'],
		['creditnote', 'invoice'],
		['deliverynote', 'invoice'],
		['quotation', 'creditnote'],
	])('%s -> %s is an invalid chain (406)', async (from, to) => {
		const pre = await finalized(from);
		const res = await create(to, bodyFor(to), `?precedingSalesVoucherId=${pre.id}`);
		expect(res.status).toBe(406);
		expect(fields(res)).toContain('precedingSalesVoucherId');
	});

	test('draft predecessor, unknown predecessor and a quotation with optional or alternative items are refused', async () => {
		const draft = await create('quotation', bodyFor('quotation'));
		expect((await create('orderconfirmation', bodyFor('orderconfirmation'), `?precedingSalesVoucherId=${draft.json.id}`)).status).toBe(406);
		expect((await create('orderconfirmation', bodyFor('orderconfirmation'), `?precedingSalesVoucherId=${crypto.randomUUID()}`)).status).toBe(406);
		const optional = await finalized('quotation', { lineItems: [item(), item({ optional: true })] });
		expect((await create('invoice', bodyFor('invoice'), `?precedingSalesVoucherId=${optional.id}`)).status).toBe(406);
		const alternative = await finalized('quotation', { lineItems: [item({ subItems: [item({ alternative: true })] })] });
		expect((await create('invoice', bodyFor('invoice'), `?precedingSalesVoucherId=${alternative.id}`)).status).toBe(406);
	});

	test('down-payment invoice -> dunning; down-payment invoices are read-only', async () => {
		const dp = sb.seedDownPaymentInvoice(bodyFor('invoice'));
		expect(dp.voucherNumber).toMatch(/^AR\d{4}$/);
		expect((await call(sb, 'GET', `/v1/down-payment-invoices/${dp.id}`)).json).toMatchObject({ id: dp.id, voucherStatus: 'open', closingInvoiceId: null });
		expect([404, 405]).toContain((await call(sb, 'POST', '/v1/down-payment-invoices', { body: bodyFor('invoice') })).status);
		expect((await create('dunning', bodyFor('dunning'), `?precedingSalesVoucherId=${dp.id}`)).status).toBe(201);
		expect(() => sb.seedDownPaymentInvoice(bodyFor('invoice', { lineItems: [item(), item()] }))).toThrow(/lineItems/);
	});

	test('credit note linked to an invoice: finalize makes it paidoff and lowers the invoice open amount; one per invoice', async () => {
		const inv = await finalized('invoice'); // 119.00 gross
		const cn = await create('creditnote', bodyFor('creditnote', { lineItems: [item({ quantity: 1 })] }), `?precedingSalesVoucherId=${inv.id}&finalize=true`);
		expect(cn.status).toBe(201);
		expect((await call(sb, 'GET', `/v1/credit-notes/${cn.json.id}`)).json.voucherStatus).toBe('paidoff');
		const pay = await call(sb, 'GET', `/v1/payments/${inv.id}`);
		expect(pay.json).toMatchObject({ openAmount: 59.5, paymentStatus: 'openRevenue', voucherStatus: 'open' });
		expect(pay.json.paymentItems).toEqual([expect.objectContaining({ paymentItemType: 'partPaymentCreditNote', amount: 59.5, currency: 'EUR' })]);
		const second = await create('creditnote', bodyFor('creditnote'), `?precedingSalesVoucherId=${inv.id}`);
		expect(second.status).toBe(406);
	});
});

describe('files', () => {
	test.each(['quotation', 'orderconfirmation', 'deliverynote', 'creditnote'])('%s: /file PDF, draft 409, bad Accept 406, unknown 404; /document draft 406', async (type) => {
		const draft = await create(type, bodyFor(type));
		expect((await call(sb, 'GET', `/v1/${PATHS[type]}/${draft.json.id}/file`)).status).toBe(409);
		expect((await call(sb, 'GET', `/v1/${PATHS[type]}/${draft.json.id}/document`)).status).toBe(406);
		expect((await call(sb, 'GET', `/v1/${PATHS[type]}/${crypto.randomUUID()}/file`)).status).toBe(404);
		const doc = await finalized(type);
		const pdf = await call(sb, 'GET', `/v1/${PATHS[type]}/${doc.id}/file`, { headers: { Accept: 'application/pdf' } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${doc.voucherNumber}.pdf"`);
		const text = pdf.buf.toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(text).toContain(doc.voucherNumber);
		expect((await call(sb, 'GET', `/v1/${PATHS[type]}/${doc.id}/file`, { headers: { Accept: 'text/html' } })).status).toBe(406);
		const legacy = await call(sb, 'GET', `/v1/${PATHS[type]}/${doc.id}/document`);
		expect(legacy.status).toBe(200);
		const file = await call(sb, 'GET', `/v1/files/${legacy.json.documentFileId}`);
		expect(file.buf.equals(pdf.buf)).toBe(true);
	});

	test('down-payment invoice file', async () => {
		const dp = sb.seedDownPaymentInvoice(bodyFor('invoice'));
		const pdf = await call(sb, 'GET', `/v1/down-payment-invoices/${dp.id}/file`);
		expect(pdf.status).toBe(200);
		expect(pdf.buf.toString('latin1')).toContain('Abschlagsrechnung');
	});
});

describe('voucherlist', () => {
	test('lists each type with its statuses; dunnings never listed; voucherType=dunning is 400', async () => {
		const q = await finalized('quotation');
		sb.setQuotationStatus(q.id, 'accepted');
		const list = async (query) => (await call(sb, 'GET', `/v1/voucherlist?${query}&size=250`)).json;
		const accepted = await list('voucherType=quotation&voucherStatus=accepted');
		expect(accepted.content.map((c) => c.id)).toContain(q.id);
		expect(accepted.content.every((c) => c.voucherType === 'quotation' && c.voucherStatus === 'accepted')).toBe(true);
		const r = await finalized('quotation');
		sb.setQuotationStatus(r.id, 'rejected');
		expect((await list('voucherType=quotation&voucherStatus=rejected')).content.map((c) => c.id)).toEqual([r.id]);
		for (const t of ['orderconfirmation', 'deliverynote', 'creditnote', 'downpaymentinvoice']) {
			const page = await list(`voucherType=${t}&voucherStatus=any`);
			expect(page.content.length).toBeGreaterThan(0);
			expect(page.content.every((c) => c.voucherType === t)).toBe(true);
		}
		expect((await list('voucherType=creditnote&voucherStatus=paidoff')).content.every((c) => c.voucherStatus === 'paidoff')).toBe(true);
		expect((await list('voucherType=creditnote&voucherStatus=paidoff')).content.length).toBeGreaterThan(0);
		const any = await list('voucherType=any&voucherStatus=any');
		expect(any.content.some((c) => c.voucherType === 'dunning')).toBe(false);
		expect((await call(sb, 'GET', '/v1/voucherlist?voucherType=dunning&voucherStatus=any')).status).toBe(400);
		const dn = (await list('voucherType=deliverynote&voucherStatus=any')).content[0];
		expect(dn.totalAmount).toBeNull();
		const overdue = await list('voucherType=any&voucherStatus=overdue');
		expect(overdue.content.every((c) => ['invoice', 'downpaymentinvoice'].includes(c.voucherType))).toBe(true);
		expect(overdue.content.length).toBeGreaterThan(0);
	});
});

describe('payments', () => {
	test('open invoice, part payment, paid in full', async () => {
		const inv = await finalized('invoice');
		let p = (await call(sb, 'GET', `/v1/payments/${inv.id}`)).json;
		expect(p).toEqual({ openAmount: 119, currency: 'EUR', paymentStatus: 'openRevenue', voucherType: 'invoice', voucherStatus: 'open', paymentItems: [] });
		sb.addPayment(inv.id, { paymentItemType: 'manualPayment', amount: 19.01 });
		p = (await call(sb, 'GET', `/v1/payments/${inv.id}`)).json;
		expect(p.openAmount).toBe(99.99);
		sb.markPaid(inv.id);
		p = (await call(sb, 'GET', `/v1/payments/${inv.id}`)).json;
		expect(p).toMatchObject({ openAmount: 0, paymentStatus: 'balanced', voucherStatus: 'paid' });
		expect(p.paidDate).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(p.paymentItems).toHaveLength(2);
	});

	test('drafts, quotations and unknown ids are refused', async () => {
		const draft = await create('invoice', bodyFor('invoice'));
		const res = await call(sb, 'GET', `/v1/payments/${draft.json.id}`);
		expect(res.status).toBe(406);
		expect(res.json.message).toMatch(/for this invoice in draft$/);
		const q = await finalized('quotation');
		expect((await call(sb, 'GET', `/v1/payments/${q.id}`)).json.message).toBe('No payment information for this voucher/voucher type');
		expect((await call(sb, 'GET', `/v1/payments/${crypto.randomUUID()}`)).status).toBe(404);
	});

	test('unlinked open credit note reads openRevenue', async () => {
		const cn = await finalized('creditnote');
		expect((await call(sb, 'GET', `/v1/payments/${cn.id}`)).json).toMatchObject({ paymentStatus: 'openRevenue', voucherType: 'creditnote', openAmount: 119 });
	});
});

describe('articles', () => {
	const article = (over = {}) => ({ title: 'Schraube', type: 'PRODUCT', unitName: 'Stück', price: { leadingPrice: 'GROSS', grossPrice: 11.9, taxRate: 19 }, ...over });

	test('create computes the other price exactly; version 0; get; required fields', async () => {
		const res = await call(sb, 'POST', '/v1/articles', { body: article() });
		expect(res.status).toBe(201);
		const a = (await call(sb, 'GET', `/v1/articles/${res.json.id}`)).json;
		expect(a).toMatchObject({ title: 'Schraube', type: 'PRODUCT', version: 0, archived: false, price: { netPrice: 10, grossPrice: 11.9, leadingPrice: 'GROSS', taxRate: 19 } });
		const net = await call(sb, 'POST', '/v1/articles', { body: article({ price: { leadingPrice: 'NET', netPrice: 10, taxRate: 7 } }) });
		expect((await call(sb, 'GET', `/v1/articles/${net.json.id}`)).json.price.grossPrice).toBe(10.7);
		const bad = await call(sb, 'POST', '/v1/articles', { body: { type: 'product', price: { leadingPrice: 'NET', taxRate: 16 } } });
		expect(bad.status).toBe(406);
		expect(fields(bad)).toEqual(expect.arrayContaining(['title', 'unitName', 'type', 'price.taxRate', 'price.netPrice']));
	});

	test('duplicate articleNumber and bad GTIN', async () => {
		expect((await call(sb, 'POST', '/v1/articles', { body: article({ articleNumber: 'A-1', gtin: '4006381333931' }) })).status).toBe(201);
		const dup = await call(sb, 'POST', '/v1/articles', { body: article({ articleNumber: 'A-1' }) });
		expect(dup.status).toBe(406);
		expect(dup.json.details).toEqual([expect.objectContaining({ field: 'materialNumber', violation: 'MATERIAL_NUMBER_ALREADY_EXISTS' })]);
		const gtin = await call(sb, 'POST', '/v1/articles', { body: article({ gtin: '4006381333932' }) });
		expect(gtin.json.details).toEqual([expect.objectContaining({ field: 'gtin', violation: 'VALIDGTIN' })]);
	});

	test('update with the current version; stale version 409; delete 204 then 404', async () => {
		const { id } = (await call(sb, 'POST', '/v1/articles', { body: article({ title: 'Mutter' }) })).json;
		const put = await call(sb, 'PUT', `/v1/articles/${id}`, { body: article({ title: 'Mutter M8', version: 0 }) });
		expect(put.status).toBe(200);
		expect(put.json.version).toBe(1);
		expect((await call(sb, 'PUT', `/v1/articles/${id}`, { body: article({ version: 0 }) })).status).toBe(409);
		expect((await call(sb, 'GET', `/v1/articles/${id}`)).json.title).toBe('Mutter M8');
		expect((await call(sb, 'DELETE', `/v1/articles/${id}`)).status).toBe(204);
		expect((await call(sb, 'GET', `/v1/articles/${id}`)).status).toBe(404);
		expect((await call(sb, 'DELETE', `/v1/articles/${id}`)).status).toBe(404);
	});

	test('list: exact filters, title ASC, size 25..250', async () => {
		const local = await startSandbox({ rateLimit: false, searchWindow: 100 });
		try {
			local.seedArticles([article({ title: 'b', articleNumber: 'N2', type: 'SERVICE' }), article({ title: 'a', articleNumber: 'N1' }), article({ title: 'c', gtin: '96385074' })]);
			const page = (await call(local, 'GET', '/v1/articles')).json;
			expect(page.content.map((a) => a.title)).toEqual(['a', 'b', 'c']);
			expect(page.size).toBe(25);
			expect((await call(local, 'GET', '/v1/articles?articleNumber=N2')).json.content.map((a) => a.title)).toEqual(['b']);
			expect((await call(local, 'GET', '/v1/articles?articleNumber=N')).json.content).toEqual([]);
			expect((await call(local, 'GET', '/v1/articles?gtin=96385074')).json.content.map((a) => a.title)).toEqual(['c']);
			expect((await call(local, 'GET', '/v1/articles?type=SERVICE')).json.totalElements).toBe(1);
			expect((await call(local, 'GET', '/v1/articles?type=service')).status).toBe(400);
			expect((await call(local, 'GET', '/v1/articles?size=24')).status).toBe(400);
			expect((await call(local, 'GET', '/v1/articles?size=251')).status).toBe(400);
			expect((await call(local, 'GET', '/v1/articles?size=25&page=4')).status).toBe(400); // 125 > window 100
		} finally {
			await local.close();
		}
	});
});
