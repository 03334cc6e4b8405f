'use strict';
// Problems found by the domain become one n8n error in one place, with the item index.
const { problemsError, inputError, valueOrThrow } = require('../../dist/nodes/Lexoffice/helpers/validation');
const { buildDocumentBody } = require('../../dist/nodes/Lexoffice/domain/documentBody');
const { fieldLabels } = require('../../dist/nodes/Lexoffice/domain/labels');

const node = { id: '1', name: 'Lexoffice', type: 'lexoffice', typeVersion: 1, position: [0, 0], parameters: {} };
const context = { getNode: () => node };

describe('problems become one error', () => {
	test('one problem: "<field> <problem> [item N]", the hint as description, the item index in the context', () => {
		const error = problemsError(context, 3, [{ field: 'Voucher Date', problem: 'is required', hint: 'Use 2024-03-15.' }]);
		expect(error.message).toBe('Voucher Date is required [item 3]');
		expect(error.description).toBe('Use 2024-03-15.');
		expect(error.context.itemIndex).toBe(3);
	});

	test('several problems: the first is the message, the others follow in the description', () => {
		const error = problemsError(context, 0, [
			{ field: 'Voucher Date', problem: 'is required' },
			{ field: 'Tax Type', problem: 'must be one of net, gross' },
			{ field: 'Title', problem: 'is 26 characters long' },
		]);
		expect(error.message).toBe('Voucher Date is required [item 0]');
		expect(error.description).toBe('Also: Tax Type must be one of net, gross; Title is 26 characters long.');
	});

	test('inputError is the one-problem case', () => {
		expect(inputError(context, 1, 'Limit', 'must be a whole number').message).toBe('Limit must be a whole number [item 1]');
	});

	test('the domain never writes the item index itself', () => {
		const outcome = buildDocumentBody('invoice', { recipient: 'contact', address: { contactId: 'x' }, lineItems: [] }, fieldLabels('contact'));
		expect(outcome.ok).toBe(false);
		for (const problem of outcome.problems) expect(`${problem.field} ${problem.problem}`).not.toMatch(/\[item/);
		expect(() => valueOrThrow(context, 2, outcome)).toThrow(/^Voucher Date is required \[item 2\]$/);
	});
});
