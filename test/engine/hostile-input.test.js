'use strict';
// Values built to stall a pattern reach the node through ordinary parameters and are refused
// at once, before any request, so other workflows on the same n8n keep running.
const { createTestbed } = require('../harness/testbed');

let bed;
beforeAll(async () => {
	bed = await createTestbed();
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => {
	bed.sandbox.clearLog();
});

const company = (additionalFields) => ({
	resource: 'contact',
	operation: 'create',
	contactType: 'company',
	companyName: 'Müller & Söhne GmbH',
	roles: ['customer'],
	additionalFields,
});

const hostileEmail = `a@${'.'.repeat(50000)}@`;

describe('hostile input is refused by length, before any request', () => {
	test.each([
		['a@ + 50,000 dots + @ as a business e-mail', company({ emailAddresses: { business: '={{ $json.email }}' } }), /^Email Addresses → business is \d+ characters long; an e-mail address has at most 254 \[item 0\]$/],
		['the same as a contact person e-mail', company({ contactPerson: { person: { lastName: 'Muster', emailAddress: '={{ $json.email }}' } } }), /^Contact Person → Email.* is \d+ characters long; an e-mail address has at most 254 \[item 0\]$/],
	])('%s', async (_name, parameters, expected) => {
		const result = await bed.run(parameters, { items: [{ json: { email: hostileEmail } }] });
		expect(result.error?.message).toMatch(expected);
		expect(bed.apiRequests()).toEqual([]);
		// How fast: test/unit/hostile-input.test.js compares the work at 10,000 and 100,000
		// characters, which a busy machine cannot turn into a false alarm the way a wall-clock
		// bound on a whole engine run can.
	});
});
