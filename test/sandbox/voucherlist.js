'use strict';

// GET /v1/voucherlist over the stored invoices. Regular error bodies.

const { regular } = require('./errors');
const { parsePaging, envelope, sortEntry, WINDOW_MESSAGE } = require('./paging');
const { isValidDay, UUID_RE } = require('./util');
const { listedDocuments, typeOf } = require('./documentTypes');
const { listRow } = require('./vouchers');

const TYPES = [
	'invoice',
	'creditnote',
	'downpaymentinvoice',
	'quotation',
	'orderconfirmation',
	'deliverynote',
	'salesinvoice',
	'salescreditnote',
	'purchaseinvoice',
	'purchasecreditnote',
];
const STATUSES = ['draft', 'open', 'paid', 'paidoff', 'voided', 'transferred', 'sepadebit', 'overdue', 'accepted', 'rejected', 'unchecked'];
// Live probes: lexoffice sorts the voucher list by voucherDate only and answers every other
// key (voucherNumber, createdDate, updatedDate, though documented) with 400.
const SORT_KEYS = { voucherDate: '_voucherMs' };
const SORT_INVALID = "parameter 'sort' is invalid";
const DATE_FILTERS = [
	['voucherDateFrom', '_voucherDay', 1],
	['voucherDateTo', '_voucherDay', -1],
	['createdDateFrom', '_createdDay', 1],
	['createdDateTo', '_createdDay', -1],
	['updatedDateFrom', '_updatedDay', 1],
	['updatedDateTo', '_updatedDay', -1],
];

function parseList(value, allowed) {
	if (value === undefined || value === '') return { missing: true };
	if (Array.isArray(value)) value = value.join(',');
	const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
	if (parts.length === 0) return { missing: true };
	if (parts.includes('any')) return parts.length === 1 ? { any: true } : { invalid: 'any' };
	const invalid = parts.find((p) => !allowed.includes(p));
	if (invalid) return { invalid };
	return { values: parts };
}

function isOverdue(inv, now) {
	// only types with a due date (invoices, down-payment invoices) can be overdue
	return (inv.voucherStatus === 'open' || inv.voucherStatus === 'sepadebit') && inv._dueMs != null && inv._dueMs < now;
}

function item(inv) {
	if (inv._kind === 'voucher') return listRow(inv);
	return {
		id: inv.id,
		voucherType: typeOf(inv),
		voucherStatus: inv.voucherStatus,
		voucherNumber: inv.voucherNumber ?? null,
		voucherDate: inv.voucherDate,
		createdDate: inv.createdDate,
		updatedDate: inv.updatedDate,
		dueDate: inv.dueDate,
		contactId: inv.address.contactId ?? null,
		contactName: inv.address.name ?? '',
		totalAmount: inv.totalPrice?.totalGrossAmount ?? null,
		openAmount: inv._openAmount,
		currency: 'EUR',
		archived: inv.archived,
	};
}

function list(ctx) {
	const q = ctx.query;
	const bad = (message) => regular(400, ctx.path, message);
	for (const k of ['archived', 'contactId', 'voucherNumber', 'sort', 'page', 'size', ...DATE_FILTERS.map((d) => d[0])]) {
		if (Array.isArray(q[k])) return bad(`Parameter '${k}' given more than once`);
	}
	const types = parseList(q.voucherType, TYPES);
	if (types.missing) return bad("Required parameter 'voucherType' is not present");
	if (types.invalid) return bad(`Invalid voucherType '${types.invalid}'`);
	const statuses = parseList(q.voucherStatus, STATUSES);
	if (statuses.missing) return bad("Required parameter 'voucherStatus' is not present");
	if (statuses.invalid) return bad(`Invalid voucherStatus '${statuses.invalid}'`);
	if (statuses.values && statuses.values.includes('overdue') && statuses.values.length > 1) {
		return bad("voucherStatus 'overdue' cannot be combined with other statuses");
	}

	const now = Date.now();
	const preds = [];
	// Sales documents list under their type, bookkeeping vouchers under their own `type`.
	if (types.values) preds.push((inv) => types.values.includes(inv._kind === 'voucher' ? inv.type : typeOf(inv)));
	if (statuses.values) {
		if (statuses.values[0] === 'overdue') preds.push((inv) => isOverdue(inv, now));
		else preds.push((inv) => statuses.values.includes(inv.voucherStatus));
	}
	if (q.archived !== undefined) {
		if (q.archived !== 'true' && q.archived !== 'false') return bad("Parameter 'archived' must be true or false");
		const want = q.archived === 'true';
		preds.push((inv) => inv.archived === want);
	}
	if (q.contactId !== undefined) {
		if (!UUID_RE.test(q.contactId)) return bad("Parameter 'contactId' must be a UUID");
		preds.push((inv) => (inv.address ?? inv._address).contactId === q.contactId);
	}
	if (q.voucherNumber !== undefined) preds.push((inv) => inv.voucherNumber === q.voucherNumber);
	for (const [param, key, dir] of DATE_FILTERS) {
		const v = q[param];
		if (v === undefined) continue;
		if (!isValidDay(v)) return bad(`Parameter '${param}' must have the format yyyy-MM-dd`);
		preds.push(dir > 0 ? (inv) => inv[key] >= v : (inv) => inv[key] <= v);
	}

	let sortProp = 'voucherDate';
	let sortDir = 'DESC';
	if (q.sort !== undefined) {
		const [prop, dir, ...rest] = q.sort.split(',');
		if (!SORT_KEYS[prop] || rest.length) return bad(SORT_INVALID);
		sortProp = prop;
		if (dir !== undefined) {
			if (!['ASC', 'DESC'].includes(dir.toUpperCase())) return bad(SORT_INVALID);
			sortDir = dir.toUpperCase();
		} else sortDir = 'ASC';
	}
	const paging = parsePaging(q, ctx.searchWindow);
	if (paging.error === 'window') return bad(WINDOW_MESSAGE);
	if (paging.error) return bad(`Invalid parameter '${paging.error}'`);

	const matches = [];
	for (const inv of listedDocuments(ctx.state)) if (preds.every((p) => p(inv))) matches.push(inv);
	for (const v of ctx.state.vouchers.values()) if (preds.every((p) => p(v))) matches.push(v);
	const key = SORT_KEYS[sortProp];
	const sign = sortDir === 'ASC' ? 1 : -1;
	matches.sort((a, b) => {
		const va = a[key];
		const vb = b[key];
		if (va !== vb) {
			if (va === undefined || va === null) return 1; // nulls last
			if (vb === undefined || vb === null) return -1;
			return (va < vb ? -1 : 1) * sign;
		}
		return a._seq - b._seq;
	});
	const env = envelope(matches, paging.page, paging.size, ctx.searchWindow, [sortEntry(sortProp, sortDir)]);
	env.content = env.content.map(item);
	return { status: 200, json: env };
}

module.exports = { list, TYPES, STATUSES };
