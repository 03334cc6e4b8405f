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

describe('hostile input is refused quickly and before any request', () => {
	test.each([
		['a@ + 50,000 dots + @ as a business e-mail', company({ emailAddresses: { business: '={{ $json.email }}' } }), /^Email Addresses → business is \d+ characters long; an e-mail address has at most 254 \[item 0\]$/],
		['the same as a contact person e-mail', company({ contactPerson: { person: { lastName: 'Muster', emailAddress: '={{ $json.email }}' } } }), /^Contact Person → Email.* is \d+ characters long; an e-mail address has at most 254 \[item 0\]$/],
	])('%s', async (_name, parameters, expected) => {
		const started = Date.now();
		const result = await bed.run(parameters, { items: [{ json: { email: hostileEmail } }] });
		const elapsed = Date.now() - started;
		expect(result.error?.message).toMatch(expected);
		expect(bed.apiRequests()).toEqual([]);
		// The quadratic pattern this replaces needed many seconds here; a run of the engine takes well under one.
		expect(elapsed).toBeLessThan(3000);
	});
});
