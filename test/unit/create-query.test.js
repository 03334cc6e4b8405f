'use strict';
// The query of a create request, from the document-type table: finalize where possible, the
// voucher a document is created from where it takes or needs one.
const { buildCreateQuery } = require('../../dist/nodes/Lexoffice/domain/createQuery');

const labels = { finalize: 'Finalize', precedingSalesVoucherId: 'Options → Preceding Voucher ID' };
const VOUCHER_ID = '3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c';
const first = (outcome) => `${outcome.problems[0].field} ${outcome.problems[0].problem}`;

describe('create query', () => {
	test('an invoice: finalize and a preceding voucher are passed on, the ID in lower case', () => {
		expect(buildCreateQuery('invoice', { finalize: true, precedingSalesVoucherId: VOUCHER_ID.toUpperCase() }, labels)).toEqual({
			ok: true,
			value: { finalize: true, precedingSalesVoucherId: VOUCHER_ID },
		});
		expect(buildCreateQuery('invoice', { finalize: false, precedingSalesVoucherId: '  ' }, labels)).toEqual({ ok: true, value: {} });
	});

	test.each([
		['Finalize "yes"', 'invoice', { finalize: 'yes' }, /^Finalize must be true or false, not "yes"$/],
		['a preceding voucher that is not an ID', 'invoice', { precedingSalesVoucherId: 'AN-2024-1' }, /^Options → Preceding Voucher ID must be a lexoffice ID/],
		['a finalized dunning', 'dunning', { finalize: true, precedingSalesVoucherId: VOUCHER_ID }, /^Finalize is not available: lexoffice always creates a dunning as a draft$/],
		['a dunning without its invoice', 'dunning', {}, /^Options → Preceding Voucher ID is required: a dunning is always created from an invoice or a down-payment invoice$/],
	])('%s is refused', (_name, type, raw, expected) => {
		const outcome = buildCreateQuery(type, raw, labels);
		expect(outcome.ok).toBe(false);
		expect(first(outcome)).toMatch(expected);
	});
});
