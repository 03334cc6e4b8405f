'use strict';

// The sales document module: create (draft / finalize / pursue), get, file, document for every
// document type, parametrised by documentTypes.js (invoices are the default type). Regular error bodies.

const { regular, validation, detail } = require('./errors');
const { computeInvoice } = require('./invoiceMath');
const { decimalPlaces } = require('./decimal');
const { contactName } = require('./contacts');
const files = require('./files');
const { typeSpec, storeOf, findDocument } = require('./documentTypes');
const pursue = require('./pursue');
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

function validate(ctx, body, spec = typeSpec('invoice')) {
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
		items.forEach((li, i) => validateLineItem(li, `lineItems[${i}]`, taxType, { notNull, mustBeNull, bad, size, out, spec }));
	}

	// totalPrice
	const tp = body.totalPrice;
	if (!spec.totals) {
		// delivery notes have no totals; a sent totalPrice is not read
	} else if (!isPlainObject(tp)) notNull('totalPrice');
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
	if (spec.shipping === 'forbidden') {
		if (present(sc)) mustBeNull('shippingConditions');
	} else if (spec.shipping === 'optional' && !present(sc)) {
		// not required for this type
	} else if (!isPlainObject(sc) || blank(sc.shippingType)) notNull('shippingConditions.shippingType');
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
	if (present(pc) && spec.paymentConditions === 'forbidden') mustBeNull('paymentConditions');
	else if (present(pc)) {
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

	if (spec.expirationDate) {
		if (blank(body.expirationDate)) notNull('expirationDate');
		else if (parseStrictDateTime(body.expirationDate) === null) {
			out.push(detail('PATTERN', 'expirationDate', "muss dem Format 'yyyy-MM-ddTHH:mm:ss.SSSXXX' entsprechen"));
		}
	}
	size('title', body.title, 25);
	size('introduction', body.introduction, 2000);
	size('remark', body.remark, 2000);
	if (present(body.language) && !['de', 'en'].includes(body.language)) bad('language', 'muss de oder en sein');
	if (present(body.xRechnung) && !isPlainObject(body.xRechnung)) bad('xRechnung', 'ungültig');
	return out;
}

function validateLineItem(li, p, taxType, { notNull, mustBeNull, bad, size, out, spec }) {
	if (!isPlainObject(li)) return notNull(p);
	if (!spec.optionalItems && (present(li.optional) || present(li.subItems))) mustBeNull(present(li.optional) ? `${p}.optional` : `${p}.subItems`);
	if (present(li.optional) && typeof li.optional !== 'boolean') bad(`${p}.optional`, 'muss true oder false sein');
	if (present(li.subItems) && !Array.isArray(li.subItems)) bad(`${p}.subItems`, 'muss eine Liste sein');
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
	if (present(li.discountPercentage) && !spec.lineDiscounts) mustBeNull(`${p}.discountPercentage`);
	else if (present(li.discountPercentage) && (!isNum(li.discountPercentage) || li.discountPercentage < 0 || li.discountPercentage > 100 || decimalPlaces(li.discountPercentage) > 2)) {
		bad(`${p}.discountPercentage`, 'muss zwischen 0 und 100 liegen');
	}
	const up = li.unitPrice;
	if (spec.unitPriceOptional && !present(up)) return;
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

/** Each type counts its own number range (RE0001, AG0001, ...). */
function nextVoucherNumber(state, spec) {
	state.counters.voucherNumbers = state.counters.voucherNumbers || {};
	const n = (state.counters.voucherNumbers[spec.key] = (state.counters.voucherNumbers[spec.key] || 0) + 1);
	if (spec.key === 'invoice') return `RE${String(state.counters.nextInvoiceNumber++).padStart(4, '0')}`;
	return `${spec.prefix}${String(n).padStart(4, '0')}`;
}

/** Line items and totals as the type stores them: delivery notes carry no amounts; a quotation's optional items stay out of its totals. */
function computeDocument(spec, body) {
	const taxType = body.taxConditions.taxType;
	if (!spec.totals) {
		const lineItems = body.lineItems.map((li) => {
			const out = {};
			for (const k of ['id', 'type', 'name', 'description', 'quantity', 'unitName']) if (present(li[k])) out[k] = li[k];
			if (present(li.unitPrice)) out.unitPrice = structuredClone(li.unitPrice);
			return out;
		});
		return { lineItems };
	}
	const counted = body.lineItems.filter((li) => li.optional !== true);
	const computed = computeInvoice(counted, taxType, body.totalPrice);
	let k = 0;
	const lineItems = body.lineItems.map((li) => {
		if (li.optional !== true) {
			const out = computed.lineItems[k++];
			if (present(li.subItems)) out.subItems = structuredClone(li.subItems);
			return out;
		}
		return { ...computeInvoice([li], taxType, undefined).lineItems[0], optional: true };
	});
	return { ...computed, lineItems };
}

/**
 * Stores a document of a type from a validated body.
 * opts: {type ('invoice' default), status ('draft'|'open'|'paid'|...), now, id, preceding, archived}
 */
function insertInvoice(state, body, opts = {}) {
	const spec = typeSpec(opts.type || 'invoice');
	const now = opts.now ?? Date.now();
	const status = opts.status || 'draft';
	const voucherMs = parseStrictDateTime(body.voucherDate);
	const computed = computeDocument(spec, body);
	const contact = body.address.contactId ? state.contacts.get(body.address.contactId) : null;
	const xr = present(body.xRechnung?.buyerReference) || present(contact?.xRechnung?.buyerReference);
	const termDays = body.paymentConditions?.paymentTermDuration ?? DEFAULT_PAYMENT_TERM_DAYS;
	// Due date: the voucher's calendar day in Berlin plus the term in days, at that day's
	// local time, so a clock change in between does not move it.
	const voucherDay = berlinParts(voucherMs);
	const dueDay = new Date(Date.UTC(voucherDay.y, voucherDay.mo - 1, voucherDay.d + termDays));
	const dueMs = spec.dueDate
		? berlinMidnight(dueDay.getUTCFullYear(), dueDay.getUTCMonth() + 1, dueDay.getUTCDate()) +
			(voucherMs - berlinMidnight(voucherDay.y, voucherDay.mo, voucherDay.d))
		: null;
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
		voucherNumber: status === 'draft' || !spec.prefix ? undefined : nextVoucherNumber(state, spec),
		voucherDate: formatBerlin(voucherMs),
		dueDate: dueMs === null ? undefined : formatBerlin(dueMs),
		address: buildAddress(state, body.address),
		electronicDocumentProfile: spec.dueDate || spec.key === 'creditnote' ? (xr ? 'XRECHNUNG' : 'NONE') : undefined,
		lineItems: computed.lineItems,
		totalPrice: computed.totalPrice,
		taxAmounts: computed.taxAmounts,
		taxConditions: structuredClone(body.taxConditions),
		shippingConditions: present(body.shippingConditions) && spec.shipping !== 'forbidden' ? normalizeShipping(body.shippingConditions) : undefined,
		relatedVouchers: [],
	};
	for (const k of Object.keys(rec)) if (rec[k] === undefined) delete rec[k];
	if (spec.expirationDate) rec.expirationDate = formatBerlin(parseStrictDateTime(body.expirationDate));
	if (present(body.xRechnung)) rec.xRechnung = structuredClone(body.xRechnung);
	if (present(body.paymentConditions)) rec.paymentConditions = structuredClone(body.paymentConditions);
	for (const k of ['printLayoutId', 'title', 'introduction', 'remark', 'deliveryTerms']) if (present(body[k])) rec[k] = body[k];
	if (spec.key === 'downpaymentinvoice') rec.closingInvoiceId = opts.closingInvoiceId ?? null;
	rec._type = spec.key;
	if (opts.preceding) pursue.link(rec, opts.preceding);

	if (spec.key === 'invoice') {
		state.counters.invoicesCreated++;
		rec._seq = state.counters.invoicesCreated;
	} else {
		state.counters.documentsCreated = (state.counters.documentsCreated || 0) + 1;
		rec._seq = 1e9 + state.counters.documentsCreated; // after invoices on equal sort keys
	}
	rec._voucherMs = voucherMs;
	rec._createdMs = now;
	rec._updatedMs = now;
	rec._dueMs = dueMs;
	rec._voucherDay = berlinDay(voucherMs);
	rec._createdDay = berlinDay(now);
	rec._updatedDay = rec._createdDay;
	const gross = rec.totalPrice?.totalGrossAmount ?? null;
	rec._openAmount = !spec.dueDate && spec.key !== 'creditnote' ? null : status === 'open' ? gross : status === 'draft' ? null : 0;
	rec._paymentItems = [];
	storeOf(state, spec.key).set(id, rec);
	return rec;
}

function normalizeShipping(sc) {
	const out = { shippingType: sc.shippingType };
	if (present(sc.shippingDate)) out.shippingDate = formatBerlin(parseStrictDateTime(sc.shippingDate));
	if (present(sc.shippingEndDate)) out.shippingEndDate = formatBerlin(parseStrictDateTime(sc.shippingEndDate));
	return out;
}

function notFound(ctx) {
	return regular(404, ctx.path, 'Resource not found');
}

function mediaTypes(accept) {
	return (accept || '*/*')
		.split(',')
		.map((s) => s.split(';')[0].trim().toLowerCase())
		.filter(Boolean);
}

/** create/get/file/document for one document type; a wrong-type id is 404 like an unknown one. */
function handlers(typeKey) {
	const spec = typeSpec(typeKey);
	const find = (ctx, id) => {
		const rec = storeOf(ctx.state, spec.key).get(id);
		return rec && (rec._type || 'invoice') === spec.key ? rec : null;
	};

	function create(ctx) {
		const { body, query } = ctx;
		if (!spec.creatable) return regular(405, ctx.path, 'Method not allowed');
		if (!isPlainObject(body)) return regular(400, ctx.path, 'Malformed request body');
		for (const k of ['finalize', 'precedingSalesVoucherId']) {
			if (Array.isArray(query[k])) return regular(400, ctx.path, `Parameter '${k}' given more than once`);
		}
		if (query.finalize !== undefined && !['true', 'false'].includes(query.finalize)) {
			return regular(400, ctx.path, "Parameter 'finalize' must be true or false");
		}
		const details = validate(ctx, body, spec);
		let preceding = null;
		if (query.precedingSalesVoucherId !== undefined) {
			preceding = findDocument(ctx.state, query.precedingSalesVoucherId);
			details.push(...pursue.problems(spec, preceding, body));
		} else if (spec.precedingRequired) {
			details.push(detail('NOTNULL', 'precedingSalesVoucherId', 'darf nicht leer sein'));
		}
		if (details.length) return validation(ctx.path, details);
		const finalize = query.finalize === 'true' && spec.finalize;
		const rec = insertInvoice(ctx.state, body, { type: spec.key, status: finalize ? 'open' : 'draft', preceding });
		pursue.afterCreate(ctx.state, rec, preceding);
		const resourceUri = `${ctx.baseUrl}/v1/${spec.path}/${rec.id}`;
		return {
			status: 201,
			headers: { Location: resourceUri },
			json: { id: rec.id, resourceUri, createdDate: rec.createdDate, updatedDate: rec.updatedDate, version: rec.version },
		};
	}

	function get(ctx, id) {
		const rec = find(ctx, id);
		if (!rec) return notFound(ctx);
		return { status: 200, json: toPublic(rec) };
	}

	function file(ctx, id) {
		const rec = find(ctx, id);
		if (!rec) return notFound(ctx);
		if (rec.voucherStatus === 'draft' && spec.key !== 'dunning') return regular(409, ctx.path, `${spec.label} is a draft; no file available`);
		const types = mediaTypes(ctx.headers.accept);
		const wantsPdf = types.includes('application/pdf');
		const wantsXml = types.includes('application/xml') || types.includes('text/xml');
		const wildcard = types.includes('*/*') || types.includes('application/*');
		const isX = rec.electronicDocumentProfile === 'XRECHNUNG';
		let kind;
		if (isX) kind = wantsXml ? 'xml' : wantsPdf ? 'pdf' : wildcard ? 'xml' : null;
		else kind = wantsPdf || wildcard ? 'pdf' : wantsXml && rec.electronicDocumentProfile ? 'missing' : null;
		if (kind === null) return regular(406, ctx.path, 'Requested media type not acceptable');
		if (kind === 'missing') return regular(404, ctx.path, 'No XML document available for this voucher');
		const f = kind === 'xml' ? files.renderInvoiceXml(rec, ctx.profile) : files.renderInvoicePdf(rec, ctx.profile, spec.label);
		return files.binaryResponse(f);
	}

	function document(ctx, id) {
		const rec = find(ctx, id);
		if (!rec) return notFound(ctx);
		if (rec.voucherStatus === 'draft' && spec.key !== 'dunning') return regular(406, ctx.path, `Document of a draft ${spec.label} cannot be rendered`);
		if (!rec.files?.documentFileId || !ctx.state.files.has(rec.files.documentFileId)) {
			const fileId = randomUuid();
			ctx.state.files.set(fileId, files.renderInvoicePdf(rec, ctx.profile, spec.label));
			rec.files = { documentFileId: fileId };
		}
		return { status: 200, json: { documentFileId: rec.files.documentFileId } };
	}

	return { create, get, file, document };
}

const { create, get, file, document } = handlers('invoice');

module.exports = { create, get, file, document, handlers, insertInvoice, validate, TAX_TYPES };
