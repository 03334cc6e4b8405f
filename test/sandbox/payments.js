'use strict';

// GET /v1/payments/{voucherId} (facts part 2 §5) and the bookkeeping behind it: payment items
// lower a document's open amount; tests add them through the sandbox handle.

const { regular } = require('./errors');
const { findDocument, typeOf, DOCUMENT_TYPES } = require('./documentTypes');
const D = require('./decimal');
const { formatBerlin, toPublic } = require('./util');

const ITEM_TYPES = [
	'partPaymentFinancialTransaction',
	'partPaymentCreditNote',
	'partPaymentCashBox',
	'manualPayment',
	'cashDiscount',
	'dunningCosts',
	'currencyConversion',
	'irrecoverableReceivable',
];

/** Books one payment item; a document paid in full becomes paid (credit notes: paidoff). */
function applyPayment(rec, item, now = Date.now()) {
	if (!ITEM_TYPES.includes(item.paymentItemType)) throw new Error(`unknown paymentItemType ${item.paymentItemType}`);
	const amount = Number(item.amount);
	rec._paymentItems.push({
		paymentItemType: item.paymentItemType,
		postingDate: item.postingDate ?? formatBerlin(now),
		amount,
		currency: 'EUR',
	});
	const left = D.sub(D.dec(rec._openAmount ?? 0), D.dec(amount));
	rec._openAmount = D.cmp(left, D.ZERO) > 0 ? D.toNumber(D.round(left, 2)) : 0;
	if (rec._openAmount === 0) {
		rec.voucherStatus = typeOf(rec) === 'creditnote' ? 'paidoff' : 'paid';
		rec._paidMs = now;
	}
}

function paymentStatus(rec) {
	if (!rec._openAmount) return 'balanced';
	return 'openRevenue'; // every sales document here is revenue; purchase vouchers are not modelled
}

function get(ctx, id) {
	const rec = findDocument(ctx.state, id);
	if (!rec) return regular(404, ctx.path, 'Resource not found');
	const type = typeOf(rec);
	if (!DOCUMENT_TYPES[type].payments && type !== 'invoice') {
		return regular(406, ctx.path, 'No payment information for this voucher/voucher type');
	}
	if (rec.voucherStatus === 'draft') return regular(406, ctx.path, `No payment information for this ${type} in draft`);
	if (type === 'creditnote' && rec.relatedVouchers.some((r) => r.voucherType === 'invoice')) {
		return regular(406, ctx.path, 'No payment information for this voucher/voucher type');
	}
	const json = {
		openAmount: rec._openAmount ?? 0,
		currency: 'EUR',
		paymentStatus: paymentStatus(rec),
		voucherType: type,
		voucherStatus: rec.voucherStatus,
		paymentItems: toPublic({ items: rec._paymentItems }).items,
	};
	if ((rec.voucherStatus === 'paid' || rec.voucherStatus === 'paidoff') && rec._paidMs) json.paidDate = formatBerlin(rec._paidMs);
	return { status: 200, json };
}

const ROUTES = [['GET', /^\/v1\/payments\/([^/]+)$/, get, 'regular']];

module.exports = { ROUTES, get, applyPayment, ITEM_TYPES };
