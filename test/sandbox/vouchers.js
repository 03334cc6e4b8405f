'use strict';

// Bookkeeping vouchers (/v1/vouchers), their files, and /v1/posting-categories
// (facts sheet 2, §1 and §2). Legacy IssueList errors.

const { legacy, issue, legacyBadRequest } = require('./errors');
const { dec, add, sub, mul, div, round, cmp, decimalPlaces } = require('./decimal');
const { receiveFile } = require('./uploads');
const { randomUuid, formatBerlin, berlinDay, berlinMidnight, isValidDay, isPlainObject, toPublic } = require('./util');

const TYPES = ['salesinvoice', 'salescreditnote', 'purchaseinvoice', 'purchasecreditnote'];
const TAX_RATES = [0, 5, 7, 16, 19];

/** A small, realistic excerpt of an account's 231 categories. */
const POSTING_CATEGORIES = [
	{ id: '8f8664a8-fd86-11e1-a21f-0800200c9a66', name: 'Warenverkäufe', type: 'income', contactRequired: false, splitAllowed: true, groupName: 'Einnahmen' },
	{ id: '8f8664a0-fd86-11e1-a21f-0800200c9a66', name: 'Dienstleistungen', type: 'income', contactRequired: false, splitAllowed: true, groupName: 'Einnahmen' },
	{ id: '8f8664a1-fd86-11e1-a21f-0800200c9a66', name: 'Einnahmen', type: 'income', contactRequired: false, splitAllowed: true, groupName: 'Einnahmen' },
	{ id: '7a1efa0e-6283-4cbf-9583-8e88d3ba5960', name: 'Einnahmen als Kleinunternehmer', type: 'income', contactRequired: false, splitAllowed: false, groupName: 'Einnahmen' },
	{ id: '9075a4e3-66de-4795-a016-3889feca0d20', name: 'Innergemeinschaftliche Lieferung', type: 'income', contactRequired: true, splitAllowed: false, groupName: 'Einnahmen' },
	{ id: '16d04a28-2836-4b33-9e5c-3c4d6f6a1b2c', name: 'Bürobedarf', type: 'outgo', contactRequired: false, splitAllowed: true, groupName: 'Ausgaben' },
	{ id: '16d04a29-2836-4b33-9e5c-3c4d6f6a1b2c', name: 'Fremdleistungen', type: 'outgo', contactRequired: false, splitAllowed: true, groupName: 'Ausgaben' },
	{ id: '16d04a2a-2836-4b33-9e5c-3c4d6f6a1b2c', name: 'Reisekosten', type: 'outgo', contactRequired: false, splitAllowed: true, groupName: 'Ausgaben' },
	{ id: '16d04a2b-2836-4b33-9e5c-3c4d6f6a1b2c', name: 'Telefon & Internet', type: 'outgo', contactRequired: false, splitAllowed: true, groupName: 'Ausgaben' },
	{ id: '16d04a2c-2836-4b33-9e5c-3c4d6f6a1b2c', name: 'Reverse-Charge Leistungen (§13b)', type: 'outgo', contactRequired: true, splitAllowed: false, groupName: 'Ausgaben' },
];
const CATEGORIES = new Map(POSTING_CATEGORIES.map((c) => [c.id, c]));

function postingCategories() {
	return { status: 200, json: structuredClone(POSTING_CATEGORIES) };
}

function isAmount(v) {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 && decimalPlaces(v) <= 2;
}

/** Day text of a write value: yyyy-MM-dd, or a full timestamp (accepted in practice). */
function dayOf(value) {
	if (typeof value !== 'string') return null;
	if (isValidDay(value)) return value;
	const ms = Date.parse(value);
	return /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(ms) ? value.slice(0, 10) : null;
}

function dateOut(day) {
	if (!day) return undefined;
	const [y, m, d] = day.split('-').map(Number);
	return formatBerlin(berlinMidnight(y, m, d));
}

/** Tax of an item as lexoffice works it out; one cent either way is tolerated. */
function expectedTax(amount, rate, taxType) {
	const a = dec(amount);
	const r = dec(rate);
	return taxType === 'gross' ? round(div(mul(a, r), add(dec(100), r), 6), 2) : round(div(mul(a, r), dec(100), 6), 2);
}

/** Validation of a create or PUT body; `current` is the stored voucher on PUT. */
function validate(ctx, body, current) {
	const issues = [];
	const bad = (key, source) => issues.push(issue(key, source));
	if (!TYPES.includes(body.type)) bad(body.type === undefined ? 'missing_entity' : 'invalid_value', 'type');
	if (!['net', 'gross', 'vatfree'].includes(body.taxType)) bad(body.taxType === undefined ? 'missing_entity' : 'invalid_value', 'taxType');
	const status = body.voucherStatus;
	if (current) {
		if (status !== undefined && !(current.voucherStatus === 'unchecked' && status === 'open')) bad('invalid_value', 'voucherStatus');
	} else if (status !== undefined && status !== null && status !== '' && status !== 'open' && status !== 'unchecked') {
		bad('invalid_value', 'voucherStatus');
	} else if (status === 'unchecked' && (body.taxType === 'net' || ctx.state.refuseUncheckedVouchers)) {
		// refuseUncheckedVouchers: the drift measured on 2026-08-23 (facts sheet 2, §2).
		bad('invalid_value', 'voucherStatus');
	}
	const unchecked = current ? current.voucherStatus === 'unchecked' && status !== 'open' : status === 'unchecked';

	if (body.useCollectiveContact === true) {
		// contactId is ignored
	} else if (body.contactId === undefined || body.contactId === null) bad('missing_entity', 'contactId');
	else if (!ctx.state.contacts.has(body.contactId)) bad('invalid_value', 'contactId');
	else if (body.contactName) bad('custom_contact_name_for_referenced_contact_not_allowed', 'contactName');

	if (!unchecked || body.voucherNumber !== undefined) {
		if (typeof body.voucherNumber !== 'string' || !body.voucherNumber.trim()) bad('missing_entity', 'voucherNumber');
	}
	for (const key of ['voucherDate', 'dueDate', 'shippingDate']) {
		if (body[key] === undefined || body[key] === null) {
			if (key === 'voucherDate' && !unchecked) bad('missing_entity', key);
		} else if (!dayOf(body[key])) bad('invalid_value', key);
	}
	const items = body.voucherItems;
	if (items === undefined || items === null || (Array.isArray(items) && items.length === 0)) {
		if (!unchecked) bad('missing_entity', 'voucherItems');
	} else if (!Array.isArray(items)) bad('invalid_value', 'voucherItems');
	else {
		const wanted = String(body.type).startsWith('sales') ? 'income' : 'outgo';
		const rates = new Set(items.map((i) => i?.taxRatePercent));
		let amountSum = dec(0);
		let taxSum = dec(0);
		let itemsOk = true;
		items.forEach((item, i) => {
			const at = (f) => `voucherItems[${i}].${f}`;
			if (!isPlainObject(item)) return (bad('invalid_value', `voucherItems[${i}]`), (itemsOk = false));
			if (!isAmount(item.amount)) return (bad('invalid_value', at('amount')), (itemsOk = false));
			if (!isAmount(item.taxAmount)) return (bad('invalid_value', at('taxAmount')), (itemsOk = false));
			if (!TAX_RATES.includes(item.taxRatePercent)) return (bad('invalid_value', at('taxRatePercent')), (itemsOk = false));
			const category = CATEGORIES.get(item.categoryId);
			if (!category || category.type !== wanted) bad('invalid_value', at('categoryId'));
			else {
				if (!category.splitAllowed && rates.size > 1) bad('invalid_value', at('categoryId'));
				if (category.contactRequired && body.useCollectiveContact === true) bad('missing_entity', 'contactId');
			}
			const diff = sub(dec(item.taxAmount), expectedTax(item.amount, item.taxRatePercent, body.taxType === 'gross' ? 'gross' : 'net'));
			if (cmp(diff, dec('0.01')) > 0 || cmp(diff, dec('-0.01')) < 0) bad('invalid_taxamount', at('taxAmount'));
			amountSum = add(amountSum, dec(item.amount));
			taxSum = add(taxSum, dec(item.taxAmount));
		});
		if (itemsOk) {
			const gross = body.taxType === 'gross' ? amountSum : add(amountSum, taxSum);
			if (!isAmount(body.totalGrossAmount) || cmp(dec(body.totalGrossAmount), gross) !== 0) bad('invalid_total_amount', 'totalGrossAmount');
			if (!isAmount(body.totalTaxAmount) || cmp(dec(body.totalTaxAmount), taxSum) !== 0) bad('invalid_total_amount', 'totalTaxAmount');
		}
	}
	if (body.files !== undefined && body.files !== null) {
		if (!Array.isArray(body.files) || new Set(body.files).size !== body.files.length || body.files.some((f) => !ctx.state.files.get(f)?.bookkeeping)) {
			bad('invalid_value', 'files');
		}
	}
	return issues;
}

const WRITABLE = ['type', 'voucherNumber', 'voucherDate', 'shippingDate', 'dueDate', 'totalGrossAmount', 'totalTaxAmount', 'taxType', 'useCollectiveContact', 'contactId', 'contactName', 'remark', 'voucherItems'];

function applyBody(rec, body) {
	for (const key of WRITABLE) delete rec[key];
	for (const key of WRITABLE) {
		const value = body[key];
		if (value === undefined || value === null) continue;
		if (key === 'voucherDate' || key === 'dueDate' || key === 'shippingDate') rec[key] = dateOut(dayOf(value));
		else rec[key] = structuredClone(value);
	}
	if (!String(rec.type).startsWith('sales')) delete rec.shippingDate;
	if (rec.useCollectiveContact) delete rec.contactId;
	if (rec.voucherDate && !rec.dueDate) rec.dueDate = rec.voucherDate;
	rec.files = Array.isArray(body.files) ? [...body.files] : [];
	const day = rec.voucherDate ? rec.voucherDate.slice(0, 10) : null;
	rec._voucherDay = day;
	rec._voucherMs = rec.voucherDate ? Date.parse(rec.voucherDate) : null;
	rec._dueMs = rec.dueDate ? Date.parse(rec.dueDate) : null;
	rec._address = { contactId: rec.contactId ?? null, name: rec.contactName ?? '' };
	rec._openAmount = rec.voucherStatus === 'open' ? (rec.totalGrossAmount ?? 0) : 0;
}

function touch(rec, now = Date.now()) {
	rec._updatedMs = Math.max(now, (rec._updatedMs ?? 0) + 1);
	rec.updatedDate = formatBerlin(rec._updatedMs);
	rec._updatedDay = berlinDay(rec._updatedMs);
}

function insertVoucher(state, body, status) {
	const now = Date.now();
	state.counters.vouchersCreated = (state.counters.vouchersCreated ?? 0) + 1;
	const rec = {
		id: randomUuid(),
		organizationId: state.organizationId,
		type: body.type,
		voucherStatus: status,
		archived: false,
		createdDate: formatBerlin(now),
		updatedDate: formatBerlin(now),
		version: 0,
		_kind: 'voucher',
		// after the invoices of the same moment in list order
		_seq: 1e9 + state.counters.vouchersCreated,
		_createdMs: now,
		_updatedMs: now,
		_createdDay: berlinDay(now),
		_updatedDay: berlinDay(now),
	};
	applyBody(rec, body);
	state.vouchers.set(rec.id, rec);
	return rec;
}

/** The voucher lexoffice makes of every /v1/files upload: unchecked, a purchase invoice. */
function insertUploadedVoucher(state, fileId) {
	return insertVoucher(state, { type: 'purchaseinvoice', taxType: 'gross', useCollectiveContact: true, files: [fileId] }, 'unchecked');
}

function actionResult(ctx, rec) {
	return {
		id: rec.id,
		resourceUri: `${ctx.baseUrl}/v1/vouchers/${rec.id}`,
		createdDate: rec.createdDate,
		updatedDate: rec.updatedDate,
		version: rec.version,
	};
}

function notFound() {
	return legacy(404, [issue('missing_entity', 'id', 'not_found')]);
}

function create(ctx) {
	const body = ctx.body;
	if (!isPlainObject(body)) return legacyBadRequest(null);
	if (body.version !== undefined && body.version !== 0) return legacy(406, [issue('invalid_value', 'version')]);
	const issues = validate(ctx, body, null);
	if (issues.length) return legacy(406, issues);
	const rec = insertVoucher(ctx.state, body, body.voucherStatus === 'unchecked' ? 'unchecked' : 'open');
	return { status: 200, json: actionResult(ctx, rec) };
}

function get(ctx, id) {
	const rec = ctx.state.vouchers.get(id);
	if (!rec) return notFound();
	return { status: 200, json: toPublic(rec) };
}

/** PUT replaces the whole voucher: omitted fields, files included, are gone. */
function update(ctx, id) {
	const rec = ctx.state.vouchers.get(id);
	if (!rec) return notFound();
	const body = ctx.body;
	if (!isPlainObject(body)) return legacyBadRequest(null);
	const issues = validate(ctx, body, rec);
	if (issues.length) return legacy(406, issues);
	if (body.version !== rec.version) return legacy(409, [issue('conflict', 'version', 'conflict')]);
	if (body.voucherStatus === 'open') rec.voucherStatus = 'open';
	applyBody(rec, body);
	rec.version += 1;
	touch(rec);
	return { status: 200, json: actionResult(ctx, rec) };
}

/** POST /v1/files: every upload becomes an unchecked voucher; identical bytes are one file. */
function uploadFile(ctx) {
	const received = receiveFile(ctx, { requireType: true });
	if (received.error) return received.error;
	const { file } = received;
	if (!file.voucherId) file.voucherId = insertUploadedVoucher(ctx.state, file.id).id;
	return { status: 202, json: { id: file.id, voucherId: file.voucherId } };
}

/** POST /v1/vouchers/{id}/files: part `file` only. */
function attachFile(ctx, id) {
	const rec = ctx.state.vouchers.get(id);
	if (!rec) return notFound();
	const received = receiveFile(ctx, { requireType: false });
	if (received.error) return received.error;
	if (!rec.files.includes(received.file.id)) {
		rec.files.push(received.file.id);
		rec.version += 1;
		touch(rec);
	}
	return { status: 202, json: { id: received.file.id } };
}

/** A voucherlist row for a bookkeeping voucher. */
function listRow(rec) {
	return {
		id: rec.id,
		voucherType: rec.type,
		voucherStatus: rec.voucherStatus,
		voucherNumber: rec.voucherNumber ?? null,
		voucherDate: rec.voucherDate ?? null,
		createdDate: rec.createdDate,
		updatedDate: rec.updatedDate,
		dueDate: rec.dueDate ?? null,
		contactId: rec.contactId ?? null,
		contactName: rec.contactName ?? (rec.useCollectiveContact ? 'Sammelkunde' : ''),
		totalAmount: rec.totalGrossAmount ?? null,
		openAmount: rec._openAmount,
		currency: 'EUR',
		archived: rec.archived,
	};
}

module.exports = { create, get, update, uploadFile, attachFile, postingCategories, listRow, insertUploadedVoucher, POSTING_CATEGORIES, TYPES };
