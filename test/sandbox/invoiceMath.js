'use strict';

// Server-side invoice amounts with exact decimals (half-up to 2 places), as lexoffice computes them.

const D = require('./decimal');

const HUNDRED = D.dec(100);

/**
 * lineItems: validated request items. Returns {lineItems, totalPrice, taxAmounts}.
 * Net tax types: unit prices are net, tax is added per rate group.
 * Gross: unit prices are gross, net is derived per rate group.
 */
function computeInvoice(lineItems, taxType, totalPriceIn) {
	const gross = taxType === 'gross';
	const groups = new Map(); // rate string -> {rate, sum}
	const items = lineItems.map((li) => {
		if (li.type === 'text') {
			const t = { type: 'text', name: li.name };
			if (li.description !== undefined) t.description = li.description;
			return t;
		}
		const rate = D.dec(li.unitPrice.taxRatePercentage);
		const price = D.dec(gross ? li.unitPrice.grossAmount : li.unitPrice.netAmount);
		const qty = D.dec(li.quantity);
		const disc = D.dec(li.discountPercentage ?? 0);
		const factor = D.div(D.sub(HUNDRED, disc), HUNDRED, 6);
		const amount = D.round(D.mul(D.mul(qty, price), factor), 2);
		const onePlus = D.div(D.add(HUNDRED, rate), HUNDRED, 6);
		const netUnit = gross ? D.div(price, onePlus, 4) : D.round(price, 4);
		const grossUnit = gross ? D.round(price, 4) : D.round(D.mul(price, onePlus), 4);
		const key = D.toString(D.round(rate, 4));
		if (!groups.has(key)) groups.set(key, { rate, sum: D.ZERO });
		const g = groups.get(key);
		g.sum = D.add(g.sum, amount);
		const out = {};
		if (li.id !== undefined) out.id = li.id;
		out.type = li.type;
		out.name = li.name;
		if (li.description !== undefined) out.description = li.description;
		out.quantity = li.quantity;
		out.unitName = li.unitName;
		out.unitPrice = {
			currency: 'EUR',
			netAmount: D.toNumber(netUnit),
			grossAmount: D.toNumber(grossUnit),
			taxRatePercentage: li.unitPrice.taxRatePercentage,
		};
		out.discountPercentage = li.discountPercentage ?? 0;
		out.lineItemAmount = D.toNumber(amount);
		return out;
	});

	// Total discount (in the invoice's price basis), distributed over rate groups.
	const list = [...groups.values()].sort((a, b) => D.cmp(a.rate, b.rate));
	const base = list.reduce((acc, g) => D.add(acc, g.sum), D.ZERO);
	if (totalPriceIn && totalPriceIn.totalDiscountPercentage !== undefined && totalPriceIn.totalDiscountPercentage !== null) {
		const pct = D.dec(totalPriceIn.totalDiscountPercentage);
		for (const g of list) g.sum = D.sub(g.sum, D.round(D.div(D.mul(g.sum, pct), HUNDRED, 6), 2));
	} else if (totalPriceIn && totalPriceIn.totalDiscountAbsolute !== undefined && totalPriceIn.totalDiscountAbsolute !== null && base.v !== 0n) {
		const abs = D.round(D.dec(totalPriceIn.totalDiscountAbsolute), 2);
		let left = abs;
		list.forEach((g, i) => {
			const share = i === list.length - 1 ? left : D.div(D.mul(abs, g.sum), base, 2);
			left = D.sub(left, share);
			g.sum = D.sub(g.sum, share);
		});
	}

	let totalNet = D.ZERO;
	let totalTax = D.ZERO;
	let totalGross = D.ZERO;
	const taxAmounts = list.map((g) => {
		let net;
		let tax;
		let grs;
		if (gross) {
			grs = D.round(g.sum, 2);
			net = D.div(D.mul(grs, HUNDRED), D.add(HUNDRED, g.rate), 2);
			tax = D.sub(grs, net);
		} else {
			net = D.round(g.sum, 2);
			tax = D.round(D.div(D.mul(net, g.rate), HUNDRED, 6), 2);
			grs = D.add(net, tax);
		}
		totalNet = D.add(totalNet, net);
		totalTax = D.add(totalTax, tax);
		totalGross = D.add(totalGross, grs);
		return { taxRatePercentage: D.toNumber(g.rate), taxAmount: D.toNumber(tax), netAmount: D.toNumber(net) };
	});

	const totalPrice = {
		currency: 'EUR',
		totalNetAmount: D.toNumber(D.round(totalNet, 2)),
		totalGrossAmount: D.toNumber(D.round(totalGross, 2)),
		totalTaxAmount: D.toNumber(D.round(totalTax, 2)),
	};
	if (totalPriceIn?.totalDiscountAbsolute != null) totalPrice.totalDiscountAbsolute = totalPriceIn.totalDiscountAbsolute;
	if (totalPriceIn?.totalDiscountPercentage != null) totalPrice.totalDiscountPercentage = totalPriceIn.totalDiscountPercentage;
	return { lineItems: items, totalPrice, taxAmounts };
}

module.exports = { computeInvoice };
