'use strict';

// /v1/invoices: create (draft / finalize / pursue), get, file, document. Regular error bodies.

const { regular, validation, detail } = require('./errors');
const { computeInvoice } = require('./invoiceMath');
const { decimalPlaces } = require('./decimal');
const { contactName } = require('./contacts');
const files = require('./files');
const { randomUuid, toPublic, isPlainObject, formatBerlin, parseStrictDateTime, berlinDay, berlinParts, berlinMidnight, UUID_RE } = require('./util');

const TAX_TYPES = [
	'net',
	'gross',
	'vatfree',
	'intraCommunitySupply',
	'constructionService13b',
	'externalService13b',
	'thirdPartyCountryService',
	'thirdPartyCountryDelivery',
	'photovoltaicEquipment',
];
const ZERO_RATE_TYPES = TAX_TYPES.filter((t) => t !== 'net' && t !== 'gross');
const LINE_TYPES = ['custom', 'material', 'service', 'text'];
const SHIPPING_TYPES = ['service', 'serviceperiod', 'delivery', 'deliveryperiod', 'none'];
const READ_ONLY_TOP = [
	'id',
	'organizationId',
	'createdDate',
	'updatedDate',
	'voucherNumber',
	'voucherStatus',
	'dueDate',
	'taxAmounts',
	'relatedVouchers',
	'files',
	'electronicDocumentProfile',
];
const READ_ONLY_TOTAL = ['totalNetAmount', 'totalGrossAmount', 'totalTaxAmount'];
const DEFAULT_PAYMENT_TERM_DAYS = 14;

const present = (v) => v !== undefined && v !== null;
const blank = (v) => !present(v) || (typeof v === 'string' && v.trim() === '');
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

function validate(ctx, body) {
	const out = [];
	const notNull = (field) => out.push(detail('NOTNULL', field, 'darf nicht leer sein'));
	const mustBeNull = (field) => out.push(detail('NULL', field, 'muss null sein (schreibgeschützt)'));
	const bad = (field, message) => out.push(detail('INVALID', field, message));
	const size = (field, v, max) => {
		if (present(v) && (typeof v !== 'string' || v.length > max)) {
			out.push(detail('SIZE', field, `Größe muss zwischen 0 und ${max} sein`));
		}
	};

	for (const f of READ_ONLY_TOP) if (present(body[f])) mustBeNull(f);

	// voucherDate
	if (blank(body.voucherDate)) notNull('voucherDate');
	else if (parseStrictDateTime(body.voucherDate) === null) {
		out.push(detail('PATTERN', 'voucherDate', "muss dem Format 'yyyy-MM-ddTHH:mm:ss.SSSXXX' entsprechen"));
	}

	// address
	const a = body.address;
	if (!isPlainObject(a)) notNull('address');
	else if (present(a.contactId)) {
		const c = typeof a.contactId === 'string' ? ctx.state.contacts.get(a.contactId) : undefined;
		if (!c) bad('address.contactId', 'Kontakt existiert nicht');
		else if (!c.roles.customer) bad('address.contactId', 'Kontakt hat keine Kundenrolle');
		// lexoffice-api-more.md: an address by contactId needs a stored billing address, else 406.
		else if (!c.addresses?.billing?.length) bad('address.contactId', 'Kontakt hat keine Rechnungsadresse');
		if (present(a.countryCode) && !/^[A-Z]{2}(_[A-Z]{2})?$/.test(a.countryCode)) bad('address.countryCode', 'ungültiger Ländercode');
	} else {
		if (blank(a.name)) notNull('address.name');
		if (blank(a.countryCode)) notNull('address.countryCode');
		else if (!/^[A-Z]{2}(_[A-Z]{2})?$/.test(a.countryCode)) bad('address.countryCode', 'ungültiger Ländercode');
	}

	// taxConditions first: line items depend on it
	const tc = body.taxConditions;
	let taxType;
	if (!isPlainObject(tc) || blank(tc.taxType)) notNull('taxConditions.taxType');
	else if (!TAX_TYPES.includes(tc.taxType)) bad('taxConditions.taxType', `muss einer von ${TAX_TYPES.join(', ')} sein`);
	else taxType = tc.taxType;

	// lineItems
	const items = body.lineItems;
	if (!Array.isArray(items) || items.length === 0) {
		out.push(detail('SIZE', 'lineItems', 'Größe muss zwischen 1 und 300 sein'));
	} else if (items.length > 300) {
		out.push(detail('SIZE', 'lineItems', 'Größe muss zwischen 1 und 300 sein'));
	} else {
		items.forEach((li, i) => validateLineItem(li, `lineItems[${i}]`, taxType, { notNull, mustBeNull, bad, size, out }));
	}

	// totalPrice
	const tp = body.totalPrice;
	if (!isPlainObject(tp)) notNull('totalPrice');
	else {
		if (blank(tp.currency)) notNull('totalPrice.currency');
		else if (tp.currency !== 'EUR') bad('totalPrice.currency', 'nur EUR wird unterstützt');
		for (const f of READ_ONLY_TOTAL) if (present(tp[f])) mustBeNull(`totalPrice.${f}`);
		if (present(tp.totalDiscountAbsolute) && present(tp.totalDiscountPercentage)) {
			bad('totalPrice.totalDiscountPercentage', 'nur ein Gesamtrabatt erlaubt');
		}
		if (present(tp.totalDiscountAbsolute) && (!isNum(tp.totalDiscountAbsolute) || tp.totalDiscountAbsolute < 0 || decimalPlaces(tp.totalDiscountAbsolute) > 2)) {
			bad('totalPrice.totalDiscountAbsolute', 'ungültiger Betrag');
		}
		if (present(tp.totalDiscountPercentage) && (!isNum(tp.totalDiscountPercentage) || tp.totalDiscountPercentage < 0 || tp.totalDiscountPercentage > 100 || decimalPlaces(tp.totalDiscountPercentage) > 2)) {
			bad('totalPrice.totalDiscountPercentage', 'muss zwischen 0 und 100 liegen');
		}
	}

	// shippingConditions
	const sc = body.shippingConditions;
	if (!isPlainObject(sc) || blank(sc.shippingType)) notNull('shippingConditions.shippingType');
	else if (!SHIPPING_TYPES.includes(sc.shippingType)) bad('shippingConditions.shippingType', `muss einer von ${SHIPPING_TYPES.join(', ')} sein`);
	else {
		if (sc.shippingType !== 'none') {
			if (blank(sc.shippingDate)) notNull('shippingConditions.shippingDate');
			else if (parseStrictDateTime(sc.shippingDate) === null) out.push(detail('PATTERN', 'shippingConditions.shippingDate', "muss dem Format 'yyyy-MM-ddTHH:mm:ss.SSSXXX' entsprechen"));
		}
		if (sc.shippingType.endsWith('period')) {
			if (blank(sc.shippingEndDate)) notNull('shippingConditions.shippingEndDate');
			else if (parseStrictDateTime(sc.shippingEndDate) === null) out.push(detail('PATTERN', 'shippingConditions.shippingEndDate', "muss dem Format 'yyyy-MM-ddTHH:mm:ss.SSSXXX' entsprechen"));
			else if (parseStrictDateTime(sc.shippingDate) !== null && parseStrictDateTime(sc.shippingEndDate) < parseStrictDateTime(sc.shippingDate)) {
				bad('shippingConditions.shippingEndDate', 'muss nach shippingDate liegen');
			}
		}
	}

	// paymentConditions
	const pc = body.paymentConditions;
	if (present(pc)) {
		if (!isPlainObject(pc)) bad('paymentConditions', 'ungültig');
		else {
			if (present(pc.paymentTermDuration) && (!Number.isInteger(pc.paymentTermDuration) || pc.paymentTermDuration < 0)) {
				bad('paymentConditions.paymentTermDuration', 'muss eine nicht-negative ganze Zahl sein');
			}
			size('paymentConditions.paymentTermLabel', pc.paymentTermLabel, 255);
			const dc = pc.paymentDiscountConditions;
			if (present(dc)) {
				if (!isPlainObject(dc)) bad('paymentConditions.paymentDiscountConditions', 'ungültig');
				else {
					if (!isNum(dc.discountPercentage) || dc.discountPercentage < 0 || dc.discountPercentage > 100) bad('paymentConditions.paymentDiscountConditions.discountPercentage', 'ungültig');
					if (!Number.isInteger(dc.discountRange) || dc.discountRange < 0) bad('paymentConditions.paymentDiscountConditions.discountRange', 'ungültig');
				}
			}
		}
	}

	size('title', body.title, 25);
	size('introduction', body.introduction, 2000);
	size('remark', body.remark, 2000);
	if (present(body.language) && !['de', 'en'].includes(body.language)) bad('language', 'muss de oder en sein');
	if (present(body.xRechnung) && !isPlainObject(body.xRechnung)) bad('xRechnung', 'ungültig');
	return out;
}

function validateLineItem(li, p, taxType, { notNull, mustBeNull, bad, size, out }) {
	if (!isPlainObject(li)) return notNull(p);
	if (blank(li.type)) notNull(`${p}.type`);
	else if (!LINE_TYPES.includes(li.type)) bad(`${p}.type`, `muss einer von ${LINE_TYPES.join(', ')} sein`);
	if (blank(li.name)) notNull(`${p}.name`);
	size(`${p}.name`, li.name, 255);
	size(`${p}.description`, li.description, 2000);
	if (present(li.lineItemAmount)) mustBeNull(`${p}.lineItemAmount`);
	if ((li.type === 'material' || li.type === 'service') && blank(li.id)) notNull(`${p}.id`);
	if (present(li.id) && (typeof li.id !== 'string' || !UUID_RE.test(li.id))) bad(`${p}.id`, 'muss eine UUID sein');
	if (li.type === 'text' || !LINE_TYPES.includes(li.type)) return;

	if (!present(li.quantity)) notNull(`${p}.quantity`);
	else if (!isNum(li.quantity) || decimalPlaces(li.quantity) > 4) bad(`${p}.quantity`, 'höchstens 4 Nachkommastellen');
	if (blank(li.unitName)) notNull(`${p}.unitName`);
	if (present(li.discountPercentage) && (!isNum(li.discountPercentage) || li.discountPercentage < 0 || li.discountPercentage > 100 || decimalPlaces(li.discountPercentage) > 2)) {
		bad(`${p}.discountPercentage`, 'muss zwischen 0 und 100 liegen');
	}
	const up = li.unitPrice;
	if (!isPlainObject(up)) return notNull(`${p}.unitPrice`);
	if (blank(up.currency)) notNull(`${p}.unitPrice.currency`);
	else if (up.currency !== 'EUR') bad(`${p}.unitPrice.currency`, 'nur EUR wird unterstützt');
	const priceField = taxType === 'gross' ? 'grossAmount' : 'netAmount';
	if (!present(up[priceField])) notNull(`${p}.unitPrice.${priceField}`);
	else if (!isNum(up[priceField]) || decimalPlaces(up[priceField]) > 4) bad(`${p}.unitPrice.${priceField}`, 'höchstens 4 Nachkommastellen');
	if (!present(up.taxRatePercentage)) notNull(`${p}.unitPrice.taxRatePercentage`);
	else if (!isNum(up.taxRatePercentage) || up.taxRatePercentage < 0 || up.taxRatePercentage >= 100 || decimalPlaces(up.taxRatePercentage) > 2) {
		bad(`${p}.unitPrice.taxRatePercentage`, 'ungültiger Steuersatz');
	} else if (ZERO_RATE_TYPES.includes(taxType) && up.taxRatePercentage !== 0) {
		out.push(detail('INVALID', `${p}.unitPrice.taxRatePercentage`, `muss 0 sein bei taxType ${taxType}`));
	}
}

function buildAddress(state, a) {
	if (present(a.contactId)) {
		const c = state.contacts.get(a.contactId);
		const billing = c.addresses?.billing?.[0] || {};
		const out = { contactId: c.id, name: contactName(c) };
		for (const k of ['supplement', 'street', 'city', 'zip', 'countryCode']) if (present(billing[k])) out[k] = billing[k];
		for (const k of ['name', 'supplement', 'street', 'city', 'zip', 'countryCode', 'contactPerson']) if (present(a[k])) out[k] = a[k];
		if (!out.countryCode) out.countryCode = 'DE';
		return out;
	}
	const out = {};
	for (const k of ['name', 'supplement', 'street', 'city', 'zip', 'countryCode', 'contactPerson']) if (present(a[k])) out[k] = a[k];
	return out;
}

function nextVoucherNumber(state) {
	return `RE${String(state.counters.nextInvoiceNumber++).padStart(4, '0')}`;
}

/**
 * Stores an invoice from a validated body.
 * opts: {status ('draft'|'open'|'paid'|'voided'), now, id, preceding, archived}
 */
function insertInvoice(state, body, opts = {}) {
	const now = opts.now ?? Date.now();
	const status = opts.status || 'draft';
	const voucherMs = parseStrictDateTime(body.voucherDate);
	const taxType = body.taxConditions.taxType;
	const computed = computeInvoice(body.lineItems, taxType, body.totalPrice);
	const contact = body.address.contactId ? state.contacts.get(body.address.contactId) : null;
	const xr = present(body.xRechnung?.buyerReference) || present(contact?.xRechnung?.buyerReference);
	const termDays = body.paymentConditions?.paymentTermDuration ?? DEFAULT_PAYMENT_TERM_DAYS;
	// Due date: the voucher's calendar day in Berlin plus the term in days, at that day's
	// local time, so a clock change in between does not move it.
	const voucherDay = berlinParts(voucherMs);
	const dueDay = new Date(Date.UTC(voucherDay.y, voucherDay.mo - 1, voucherDay.d + termDays));
	const dueMs =
		berlinMidnight(dueDay.getUTCFullYear(), dueDay.getUTCMonth() + 1, dueDay.getUTCDate()) +
		(voucherMs - berlinMidnight(voucherDay.y, voucherDay.mo, voucherDay.d));
	const id = opts.id || randomUuid();

	const rec = {
		id,
		organizationId: state.organizationId,
		createdDate: formatBerlin(now),
		updatedDate: formatBerlin(now),
		version: 0,
		language: body.language || 'de',
		archived: Boolean(opts.archived),
		voucherStatus: status,
		voucherNumber: status === 'draft' ? undefined : nextVoucherNumber(state),
		voucherDate: formatBerlin(voucherMs),
		dueDate: formatBerlin(dueMs),
		address: buildAddress(state, body.address),
		electronicDocumentProfile: xr ? 'XRECHNUNG' : 'NONE',
		lineItems: computed.lineItems,
		totalPrice: computed.totalPrice,
		taxAmounts: computed.taxAmounts,
		taxConditions: structuredClone(body.taxConditions),
		shippingConditions: normalizeShipping(body.shippingConditions),
		relatedVouchers: [],
	};
	if (rec.voucherNumber === undefined) delete rec.voucherNumber;
	if (present(body.xRechnung)) rec.xRechnung = structuredClone(body.xRechnung);
	if (present(body.paymentConditions)) rec.paymentConditions = structuredClone(body.paymentConditions);
	for (const k of ['printLayoutId', 'title', 'introduction', 'remark']) if (present(body[k])) rec[k] = body[k];
	if (opts.preceding) {
		rec.relatedVouchers.push({ id: opts.preceding.id, voucherNumber: opts.preceding.voucherNumber, voucherType: 'invoice' });
		opts.preceding.relatedVouchers.push({ id, voucherNumber: rec.voucherNumber ?? null, voucherType: 'invoice' });
	}

	state.counters.invoicesCreated++;
	rec._seq = state.counters.invoicesCreated;
	rec._voucherMs = voucherMs;
	rec._createdMs = now;
	rec._updatedMs = now;
	rec._dueMs = dueMs;
	rec._voucherDay = berlinDay(voucherMs);
	rec._createdDay = berlinDay(now);
	rec._updatedDay = rec._createdDay;
	rec._openAmount = status === 'open' ? rec.totalPrice.totalGrossAmount : status === 'paid' || status === 'voided' ? 0 : null;
	state.invoices.set(id, rec);
	return rec;
}

function normalizeShipping(sc) {
	const out = { shippingType: sc.shippingType };
	if (present(sc.shippingDate)) out.shippingDate = formatBerlin(parseStrictDateTime(sc.shippingDate));
	if (present(sc.shippingEndDate)) out.shippingEndDate = formatBerlin(parseStrictDateTime(sc.shippingEndDate));
	return out;
}

function create(ctx) {
	const { body, query } = ctx;
	if (!isPlainObject(body)) return regular(400, ctx.path, 'Malformed request body');
	for (const k of ['finalize', 'precedingSalesVoucherId']) {
		if (Array.isArray(query[k])) return regular(400, ctx.path, `Parameter '${k}' given more than once`);
	}
	if (query.finalize !== undefined && !['true', 'false'].includes(query.finalize)) {
		return regular(400, ctx.path, "Parameter 'finalize' must be true or false");
	}
	const details = validate(ctx, body);
	let preceding = null;
	if (query.precedingSalesVoucherId !== undefined) {
		preceding = ctx.state.invoices.get(query.precedingSalesVoucherId) || null;
		if (!preceding) details.push(detail('INVALID', 'precedingSalesVoucherId', 'Vorgängerbeleg existiert nicht'));
		else if (preceding.voucherStatus === 'draft') {
			details.push(detail('INVALID', 'precedingSalesVoucherId', 'Vorgängerbeleg ist ein Entwurf und kann nicht fortgeführt werden'));
		}
	}
	if (details.length) return validation(ctx.path, details);
	const rec = insertInvoice(ctx.state, body, { status: query.finalize === 'true' ? 'open' : 'draft', preceding });
	const resourceUri = `${ctx.baseUrl}/v1/invoices/${rec.id}`;
	return {
		status: 201,
		headers: { Location: resourceUri },
		json: { id: rec.id, resourceUri, createdDate: rec.createdDate, updatedDate: rec.updatedDate, version: rec.version },
	};
}

function notFound(ctx) {
	return regular(404, ctx.path, 'Resource not found');
}

function get(ctx, id) {
	const rec = ctx.state.invoices.get(id);
	if (!rec) return notFound(ctx);
	return { status: 200, json: toPublic(rec) };
}

function mediaTypes(accept) {
	return (accept || '*/*')
		.split(',')
		.map((s) => s.split(';')[0].trim().toLowerCase())
		.filter(Boolean);
}

function file(ctx, id) {
	const rec = ctx.state.invoices.get(id);
	if (!rec) return notFound(ctx);
	if (rec.voucherStatus === 'draft') return regular(409, ctx.path, 'Invoice is a draft; no file available');
	const types = mediaTypes(ctx.headers.accept);
	const wantsPdf = types.includes('application/pdf');
	const wantsXml = types.includes('application/xml') || types.includes('text/xml');
	const wildcard = types.includes('*/*') || types.includes('application/*');
	const isX = rec.electronicDocumentProfile === 'XRECHNUNG';
	let kind;
	if (isX) kind = wantsXml ? 'xml' : wantsPdf ? 'pdf' : wildcard ? 'xml' : null;
	else kind = wantsPdf || wildcard ? 'pdf' : wantsXml ? 'missing' : null;
	if (kind === null) return regular(406, ctx.path, 'Requested media type not acceptable');
	if (kind === 'missing') return regular(404, ctx.path, 'No XML document available for this invoice');
	const f = kind === 'xml' ? files.renderInvoiceXml(rec, ctx.profile) : files.renderInvoicePdf(rec, ctx.profile);
	return files.binaryResponse(f);
}

function document(ctx, id) {
	const rec = ctx.state.invoices.get(id);
	if (!rec) return notFound(ctx);
	if (rec.voucherStatus === 'draft') return regular(406, ctx.path, 'Document of a draft invoice cannot be rendered');
	if (!rec.files?.documentFileId || !ctx.state.files.has(rec.files.documentFileId)) {
		const fileId = randomUuid();
		ctx.state.files.set(fileId, files.renderInvoicePdf(rec, ctx.profile));
		rec.files = { documentFileId: fileId };
	}
	return { status: 200, json: { documentFileId: rec.files.documentFileId } };
}

module.exports = { create, get, file, document, insertInvoice, validate, TAX_TYPES };
