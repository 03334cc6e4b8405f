'use strict';
// The article and payment domain on its own: GTIN check digits, amounts, PUT bodies, open amounts.
const {
	gtinProblem,
	parseAmount,
	readArticleInput,
	missingForCreate,
	buildNewArticle,
	applyArticleChanges,
} = require('../../dist/nodes/Lexoffice/helpers/articleBody');
const { readOpenAmount, normalizePayment, explainNoPaymentInformation } = require('../../dist/nodes/Lexoffice/helpers/payment');

const labels = Object.fromEntries(
	['title', 'type', 'unitName', 'leadingPrice', 'price', 'taxRate', 'articleNumber', 'gtin', 'description', 'note'].map((k) => [k, k]),
);

describe('GTIN', () => {
	test.each(['96385074', '036000291452', '4006381333931', '10614141000415'])('%s is valid', (gtin) => {
		expect(gtinProblem(gtin)).toBeUndefined();
	});
	test.each([
		['96385075', /should end in 4/],
		['4006381333932', /should end in 1/],
		['123456789', /8, 12, 13 or 14 digits/],
		['40063813339A1', /8, 12, 13 or 14 digits/],
		['', /8, 12, 13 or 14 digits/],
	])('%s is refused', (gtin, message) => {
		expect(gtinProblem(gtin)).toMatch(message);
	});
});

describe('amounts', () => {
	test.each([
		[11.9, 11.9],
		['11.90', 11.9],
		[' 10 ', 10],
		[0, 0],
		[1.2345, 1.2345],
	])('%p reads as %p', (input, value) => {
		expect(parseAmount(input)).toEqual({ value });
	});
	test.each([
		['11,90', /comma/],
		['1.000,00', /comma/],
		[1.23456, /4 decimal/],
		[-1, /non-negative/],
		['abc', /at most 4 decimals/],
		['1'.repeat(40), /too long/],
		[{}, /object/],
		[Number.NaN, /non-negative/],
	])('%p is refused', (input, problem) => {
		expect(parseAmount(input).problem).toMatch(problem);
	});
});

describe('article input', () => {
	test('absent fields stay absent (nothing defaulted); problems name the field', () => {
		expect(readArticleInput({}, labels)).toEqual({ input: {}, problems: [] });
		const { problems } = readArticleInput({ type: 'goods', taxRate: 16, leadingPrice: 'both', gtin: '1', title: ['x'] }, labels);
		expect(problems.map((p) => p.field)).toEqual(['title', 'type', 'leadingPrice', 'taxRate', 'gtin']);
	});
	test('create needs title, type, unit, leading price, price and tax rate', () => {
		expect(missingForCreate({}, labels).map((p) => p.field)).toEqual(['title', 'type', 'unitName', 'leadingPrice', 'price', 'taxRate']);
	});
	test('only the leading price is sent', () => {
		const { input } = readArticleInput({ title: 'A', type: 'service', unitName: 'h', leadingPrice: 'gross', price: '11.90', taxRate: '19' }, labels);
		expect(buildNewArticle(input)).toEqual({ title: 'A', type: 'SERVICE', unitName: 'h', price: { grossPrice: 11.9, leadingPrice: 'GROSS', taxRate: 19 } });
	});
	test('update keeps unknown fields and the version, drops read-only ones, keeps the leading amount on a new rate', () => {
		const stored = {
			id: 'x',
			organizationId: 'o',
			createdDate: 'c',
			updatedDate: 'u',
			archived: false,
			title: 'A',
			type: 'PRODUCT',
			unitName: 'Stück',
			price: { netPrice: 10, grossPrice: 11.9, leadingPrice: 'GROSS', taxRate: 19 },
			version: 3,
			futureField: { a: 1 },
		};
		expect(applyArticleChanges(stored, { taxRate: 7 })).toEqual({
			title: 'A',
			type: 'PRODUCT',
			unitName: 'Stück',
			price: { grossPrice: 11.9, leadingPrice: 'GROSS', taxRate: 7 },
			version: 3,
			futureField: { a: 1 },
		});
		expect(applyArticleChanges(stored, { leadingPrice: 'NET' }).price).toEqual({ netPrice: 10, leadingPrice: 'NET', taxRate: 19 });
		expect(applyArticleChanges(stored, { price: 5 }).price).toEqual({ grossPrice: 5, leadingPrice: 'GROSS', taxRate: 19 });
	});
});

describe('payment', () => {
	test.each([
		[12.5, 12.5],
		['12.50', 12.5],
		['0', 0],
		['-3.2', -3.2],
	])('open amount %p reads as %p', (input, value) => {
		expect(readOpenAmount(input)).toBe(value);
	});
	test.each([['12,50'], ['abc'], [null], [undefined], [{}], ['9'.repeat(40)]])('open amount %p is not read', (input) => {
		expect(readOpenAmount(input)).toBeUndefined();
	});
	test('normalize keeps what it cannot read and always gives a list of items', () => {
		expect(normalizePayment({ openAmount: '1.5', paymentStatus: 'openRevenue' })).toEqual({ openAmount: 1.5, paymentStatus: 'openRevenue', paymentItems: [] });
		expect(normalizePayment({ openAmount: 'n/a', paymentItems: [{ amount: '2.00' }] })).toEqual({ openAmount: 'n/a', paymentItems: [{ amount: 2 }] });
	});
	test('406 explanations', () => {
		expect(explainNoPaymentInformation('No payment information for this invoice in draft').message).toMatch(/draft/);
		expect(explainNoPaymentInformation('No payment information for this voucher/voucher type').message).toMatch(/kind of document/);
	});
});
