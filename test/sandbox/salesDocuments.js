'use strict';

// Routes of every sales document type besides invoices (server.js registers invoices itself),
// and the test handles lexoffice offers no API for: quotation acceptance, down-payment
// invoices (created only in lexoffice's app) and payments.

const { handlers, insertInvoice, validate } = require('./invoices');
const { DOCUMENT_TYPES, findDocument, typeSpec } = require('./documentTypes');
const { applyPayment } = require('./payments');
const { toPublic, formatBerlin } = require('./util');

function routesFor(key) {
	const { path, creatable } = DOCUMENT_TYPES[key];
	const h = handlers(key);
	const base = `^\\/v1\\/${path.replace(/-/g, '\\-')}`;
	const routes = [
		['GET', new RegExp(`${base}\\/([^/]+)$`), h.get, 'regular'],
		['GET', new RegExp(`${base}\\/([^/]+)\\/file$`), h.file, 'regular'],
		['GET', new RegExp(`${base}\\/([^/]+)\\/document$`), h.document, 'regular'],
	];
	if (creatable) routes.unshift(['POST', new RegExp(`${base}$`), h.create, 'regular']);
	return routes;
}

const ROUTES = Object.keys(DOCUMENT_TYPES)
	.filter((k) => k !== 'invoice')
	.flatMap(routesFor);

function createDocumentHandles(state) {
	const find = (id) => {
		const rec = findDocument(state, id);
		if (!rec) throw new Error(`no sales document ${id}`);
		return rec;
	};
	/** A document of any type without the API (no rate limit), checked by the type's rules; open by default. */
	function seedDocument(type, body, opts = {}) {
		const problems = validate({ state }, body, typeSpec(type));
		if (type === 'downpaymentinvoice' && (!Array.isArray(body.lineItems) || body.lineItems.length !== 1)) problems.push({ field: 'lineItems', violation: 'SIZE' });
		if (problems.length) throw new Error(`invalid ${type}: ${JSON.stringify(problems)}`);
		return toPublic(insertInvoice(state, body, { type, status: opts.status || 'open', id: opts.id, now: opts.now }));
	}
	return {
		seedDocument,
		/** A customer accepted or rejected an open quotation (done in lexoffice's app). */
		setQuotationStatus(id, status) {
			const rec = find(id);
			if (rec._type !== 'quotation') throw new Error(`${id} is not a quotation`);
			if (!['open', 'accepted', 'rejected'].includes(status)) throw new Error(`bad quotation status ${status}`);
			rec.voucherStatus = status;
			return toPublic(rec);
		},
		/** A down-payment invoice as lexoffice's app creates it: exactly one line item, open by default. */
		seedDownPaymentInvoice(body, opts = {}) {
			return seedDocument('downpaymentinvoice', body, opts);
		},
		/** Books a payment item (e.g. {paymentItemType:'manualPayment', amount: 10}). */
		addPayment(id, item) {
			const rec = find(id);
			if (rec.voucherStatus === 'draft') throw new Error('drafts take no payments');
			applyPayment(rec, item);
			return toPublic(rec);
		},
		/** Pays the whole open amount. */
		markPaid(id, postingDate) {
			const rec = find(id);
			if (rec._openAmount) applyPayment(rec, { paymentItemType: 'manualPayment', amount: rec._openAmount, postingDate: postingDate ?? formatBerlin(Date.now()) });
			return toPublic(rec);
		},
	};
}

module.exports = { ROUTES, createDocumentHandles };
