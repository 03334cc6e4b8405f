'use strict';
// Contact operations run inside n8n's engine against the lexoffice sandbox over loopback.
const { createTestbed, serialise } = require('../harness/testbed');

let bed;
beforeAll(async () => {
	bed = await createTestbed();
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => {
	bed.sandbox.state.contacts.clear();
	bed.sandbox.clearLog();
	bed.hooks.onLog = undefined;
});

const byId = (value) => ({ __rl: true, mode: 'id', value });
/** A stored contact as lexoffice would show it: without the sandbox's bookkeeping fields. */
const stored = (id) =>
	JSON.parse(JSON.stringify(bed.sandbox.state.contacts.get(id), (key, value) => (key.startsWith('_') ? undefined : value)));

function createCompany(overrides = {}) {
	return {
		resource: 'contact',
		operation: 'create',
		contactType: 'company',
		companyName: 'Müller & Söhne GmbH',
		roles: ['customer'],
		additionalFields: {},
		...overrides,
	};
}

describe('Create', () => {
	test('a company with every field arrives in lexoffice as typed', async () => {
		const result = await bed.run(
			createCompany({
				roles: ['customer', 'vendor'],
				additionalFields: {
					taxNumber: '12/345/67890',
					vatRegistrationId: 'DE123456789',
					allowTaxFreeInvoices: true,
					contactPerson: { person: { salutation: 'Frau', firstName: 'Erika', lastName: 'Muster', emailAddress: 'erika@example.com', phoneNumber: '+49 30 1' } },
					billingAddress: { address: { street: 'Hauptstr. 1', zip: '10115', city: 'Berlin', countryCode: 'de' } },
					shippingAddress: { address: { street: 'Lager 2', zip: '20095', city: 'Hamburg', countryCode: 'DE' } },
					emailAddresses: { business: 'info@example.com', other: 'x@example.org' },
					phoneNumbers: { business: '+49 30 123', mobile: '+49 170 1' },
					note: 'Key account',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const { id } = result.items[0].json;
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const stored = bed.sandbox.state.contacts.get(id);
		expect(stored.company).toMatchObject({
			name: 'Müller & Söhne GmbH',
			taxNumber: '12/345/67890',
			vatRegistrationId: 'DE123456789',
			allowTaxFreeInvoices: true,
			contactPersons: [{ salutation: 'Frau', firstName: 'Erika', lastName: 'Muster', emailAddress: 'erika@example.com', phoneNumber: '+49 30 1', primary: true }],
		});
		expect(stored.roles.customer.number).toEqual(expect.any(Number));
		expect(stored.roles.vendor.number).toEqual(expect.any(Number));
		expect(stored.addresses.billing).toEqual([{ street: 'Hauptstr. 1', zip: '10115', city: 'Berlin', countryCode: 'DE' }]);
		expect(stored.addresses.shipping[0].city).toBe('Hamburg');
		expect(stored.emailAddresses).toEqual({ business: ['info@example.com'], other: ['x@example.org'] });
		expect(stored.phoneNumbers).toEqual({ business: ['+49 30 123'], mobile: ['+49 170 1'] });
		expect(stored.note).toBe('Key account');
		// The create, then the read-back: the output is the contact as saved, with its numbers.
		expect(bed.apiRequests().map((entry) => entry.method)).toEqual(['POST', 'GET']);
		expect(result.items[0].json.roles.customer.number).toEqual(expect.any(Number));
		expect(result.items[0].json.company.name).toBe('Müller & Söhne GmbH');
	});

	test('Return Stored Record off returns lexoffice’s create answer only, with one request', async () => {
		const result = await bed.run(createCompany({ options: { returnStoredRecord: false } }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: expect.any(String), version: 0 });
		expect(result.items[0].json.roles).toBeUndefined();
		expect(bed.apiRequests().map((entry) => entry.method)).toEqual(['POST']);
	});

	test('a person, one item per input item, with expressions per item', async () => {
		const result = await bed.run(
			{
				resource: 'contact',
				operation: 'create',
				contactType: 'person',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				roles: ['vendor'],
				additionalFields: { salutation: 'Herr' },
			},
			{ items: [{ json: { first: 'Max', last: 'Mustermann' } }, { json: { first: 'Eva', last: 'Beispiel' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem.item)).toEqual([0, 1]);
		const people = result.items.map((item) => bed.sandbox.state.contacts.get(item.json.id).person);
		expect(people).toEqual([
			{ salutation: 'Herr', firstName: 'Max', lastName: 'Mustermann' },
			{ salutation: 'Herr', firstName: 'Eva', lastName: 'Beispiel' },
		]);
	});
});

describe('Get', () => {
	test('by ID, by lexoffice URL and from the list all return the stored contact', async () => {
		const [contact] = bed.sandbox.seedContacts(1);
		const modes = [
			byId(contact.id),
			{ __rl: true, mode: 'url', value: `https://app.lexware.de/permalink/contacts/view/${contact.id}` },
			{ __rl: true, mode: 'list', value: contact.id, cachedResultName: 'x' },
		];
		for (const contactId of modes) {
			const result = await bed.run({ resource: 'contact', operation: 'get', contactId });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toEqual(stored(contact.id));
		}
	});

	test('an unknown ID fails with lexoffice’s 404, named as not found', async () => {
		const result = await bed.run({ resource: 'contact', operation: 'get', contactId: byId('3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c') });
		expect(result.error.message).toMatch(/not found/i);
		expect(result.error.httpCode).toBe('404');
	});
});

describe('Get Many paging', () => {
	test.each([0, 1, 250, 251])('Return All over %i contacts returns each exactly once', async (count) => {
		bed.sandbox.seedContacts(count);
		const result = await bed.run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {} });
		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(count);
		expect(new Set(ids).size).toBe(count);
		expect(new Set(ids)).toEqual(new Set(bed.sandbox.state.contacts.keys()));
		const pages = bed.apiRequests().filter((entry) => entry.path === '/v1/contacts');
		expect(pages.length).toBe(Math.max(1, Math.ceil(count / 250)));
		expect(pages.every((entry) => entry.query.size === '250')).toBe(true);
	});

	test('Limit stops early and asks lexoffice only for what it needs', async () => {
		bed.sandbox.seedContacts(300);
		const result = await bed.run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 30, filters: {}, options: {} });
		expect(result.items).toHaveLength(30);
		const pages = bed.apiRequests();
		expect(pages).toHaveLength(1);
		expect(pages[0].query).toMatchObject({ page: '0', size: '30' });
	});

	test('10,000 contacts: all returned', async () => {
		bed.sandbox.seedContacts(10000);
		const result = await bed.run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {} });
		expect(result.error).toBeUndefined();
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(10000);
		// The first page shows the window is reached; the split by role then costs one page per 250.
		expect(bed.apiRequests().length).toBeLessThanOrEqual(1 + 40 + 1);
	});

	test('11,000 contacts, past lexoffice’s search window: split by role, none lost, none twice', async () => {
		bed.sandbox.seedContacts(11000);
		const result = await bed.run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: { onSearchLimit: 'fail' } });
		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(11000);
		expect(new Set(ids)).toEqual(new Set(bed.sandbox.state.contacts.keys()));
		// No request ever asked past the window.
		for (const entry of bed.apiRequests()) {
			expect((Number(entry.query.page) + 1) * Number(entry.query.size)).toBeLessThanOrEqual(10000);
			expect(entry.status).toBe(200);
		}
	});

	test('a part still beyond the window fails when the user chose Fail', async () => {
		for (const contact of bed.sandbox.seedContacts(10100)) {
			bed.sandbox.state.contacts.get(contact.id).roles = { customer: { number: 10001 } };
		}
		const result = await bed.run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: { onSearchLimit: 'fail' } });
		expect(result.error.message).toMatch(/More than 10,000 contacts match/);
	});

	test('filters reach lexoffice encoded as it documents them', async () => {
		bed.sandbox.seedContacts(20);
		const before = await bed.run(createCompany({ companyName: 'Bauer & Partner <Nord>' }));
		expect(before.error).toBeUndefined();
		bed.sandbox.clearLog();
		const result = await bed.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'Bauer & Partner', customer: true },
			options: {},
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.company.name)).toEqual(['Bauer & Partner <Nord>']);
		expect(bed.apiRequests()[0].query).toMatchObject({ name: 'Bauer &amp; Partner', customer: 'true' });
	});
});

describe('Update', () => {
	test('changes only the fields set and keeps every other field as lexoffice had it', async () => {
		const [contact] = bed.sandbox.seedContacts(1, { kind: 'company' });
		const before = stored(contact.id);
		const result = await bed.run({
			resource: 'contact',
			operation: 'update',
			contactId: byId(contact.id),
			updateFields: { note: 'Paid late twice', phoneNumbers: { fax: '+49 30 999' } },
		});
		expect(result.error).toBeUndefined();
		const after = stored(contact.id);
		expect(after.version).toBe(before.version + 1);
		expect(after.note).toBe('Paid late twice');
		expect(after.phoneNumbers.fax).toEqual(['+49 30 999']);
		const { version: v1, note: n1, phoneNumbers: p1, updatedDate: u1, ...restBefore } = before;
		const { version: v2, note: n2, phoneNumbers: p2, updatedDate: u2, ...restAfter } = after;
		expect(restAfter).toEqual(restBefore);
		const { fax, ...otherPhonesAfter } = after.phoneNumbers;
		expect(otherPhonesAfter).toEqual(before.phoneNumbers ?? {});
		expect(bed.apiRequests().map((entry) => entry.method)).toEqual(['GET', 'PUT']);
		expect(bed.apiRequests()[1].requestBody.version).toBe(before.version);
	});

	test('an address change merges into the stored address', async () => {
		const created = await bed.run(
			createCompany({ additionalFields: { billingAddress: { address: { street: 'Alt 1', zip: '10115', city: 'Berlin', countryCode: 'DE' } } } }),
		);
		const id = created.items[0].json.id;
		const result = await bed.run({
			resource: 'contact',
			operation: 'update',
			contactId: byId(id),
			updateFields: { billingAddress: { address: { street: 'Neu 2', countryCode: 'DE' } }, addRoles: ['vendor'] },
		});
		expect(result.error).toBeUndefined();
		const stored = bed.sandbox.state.contacts.get(id);
		expect(stored.addresses.billing).toEqual([{ street: 'Neu 2', zip: '10115', city: 'Berlin', countryCode: 'DE' }]);
		expect(Object.keys(stored.roles).sort()).toEqual(['customer', 'vendor']);
	});

	test('a contact changed by someone else in between (lexoffice: 406 on version) is reported as such and nothing is overwritten', async () => {
		const [contact] = bed.sandbox.seedContacts(1);
		bed.hooks.onLog = (entry) => {
			if (entry.method === 'GET' && entry.path === `/v1/contacts/${contact.id}`) {
				const record = bed.sandbox.state.contacts.get(contact.id);
				record.note = 'changed in lexoffice meanwhile';
				record.version += 1;
			}
		};
		const result = await bed.run({
			resource: 'contact',
			operation: 'update',
			contactId: byId(contact.id),
			updateFields: { note: 'from n8n' },
		});
		expect(result.error.message).toMatch(/changed in lexoffice by someone else.*nothing was overwritten/);
		expect(result.error.httpCode).toBe('406');
		expect(bed.sandbox.state.contacts.get(contact.id).note).toBe('changed in lexoffice meanwhile');
	});

	test('a contact beyond lexoffice’s write limits is refused before the PUT', async () => {
		const [contact] = bed.sandbox.seedContacts(1);
		const record = bed.sandbox.state.contacts.get(contact.id);
		record.addresses = { billing: [{ countryCode: 'DE', city: 'A' }, { countryCode: 'DE', city: 'B' }] };
		const result = await bed.run({ resource: 'contact', operation: 'update', contactId: byId(contact.id), updateFields: { note: 'x' } });
		expect(result.error.message).toMatch(/cannot be updated through the lexoffice API: it has 2 billing addresses/);
		expect(bed.apiRequests().map((entry) => entry.method)).toEqual(['GET']);
	});
});

describe('bad input fails before any request, naming field and item', () => {
	const cases = [
		['empty company name', createCompany({ companyName: '  ' }), /Company Name .*\[item 0\]/],
		['person without last name', { resource: 'contact', operation: 'create', contactType: 'person', firstName: 'A', lastName: '={{ $json.missing }}', roles: ['customer'], additionalFields: {} }, /Last Name is required.*\[item 0\]/],
		['bad country code', createCompany({ additionalFields: { billingAddress: { address: { city: 'Berlin', countryCode: 'Germany' } } } }), /Billing Address → Country Code must be a two-letter ISO country code.*\[item 0\]/],
		['bad email', createCompany({ additionalFields: { emailAddresses: { business: 'not-an-email' } } }), /Email Addresses → business is not a valid email address.*\[item 0\]/],
		['no role', createCompany({ roles: '={{ [] }}' }), /Roles must contain customer, vendor or both/],
		['unknown role', createCompany({ roles: '={{ ["customer", "partner"] }}' }), /Roles contains "partner"; use customer and\/or vendor \[item 0\]/],
		['too long note', createCompany({ additionalFields: { note: 'x'.repeat(1001) } }), /Note is 1001 characters long; lexoffice allows at most 1000/],
		['contact person without last name', createCompany({ additionalFields: { contactPerson: { person: { firstName: 'A' } } } }), /Contact Person → Last Name is required/],
		['expression giving an object', createCompany({ companyName: '={{ $json }}' }), /Company Name must be text, but the expression produced an object/],
		['non-UUID id on get', { resource: 'contact', operation: 'get', contactId: byId('={{ "12345" }}') }, /Contact must be a lexoffice ID.*"12345"/],
		['non-UUID id on update', { resource: 'contact', operation: 'update', contactId: byId('={{ "abc" }}'), updateFields: { note: 'x' } }, /Contact must be a lexoffice ID/],
		['empty update', { resource: 'contact', operation: 'update', contactId: byId('3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c'), updateFields: {} }, /Update Fields is empty/],
		['short name filter', { resource: 'contact', operation: 'getAll', returnAll: true, filters: { name: 'ab' }, options: {} }, /Filters → Name needs at least 3 characters/],
		['XRechnung reference without vendor number', createCompany({ additionalFields: { xRechnungBuyerReference: '04011000-1234512345-06' } }), /XRechnung Vendor Number at Customer is required/],
	];
	test.each(cases)('%s', async (_name, parameters, expected) => {
		const result = await bed.run(parameters);
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(expected);
		expect(bed.apiRequests()).toHaveLength(0);
	});

	test('both company and person: a person field on a company contact is refused and nothing is written', async () => {
		const [contact] = bed.sandbox.seedContacts(1, { kind: 'company' });
		const version = bed.sandbox.state.contacts.get(contact.id).version;
		const result = await bed.run({ resource: 'contact', operation: 'update', contactId: byId(contact.id), updateFields: { lastName: 'Person' } });
		expect(result.error.message).toMatch(/Last Name cannot be set: this contact is a company \[item 0\]/);
		expect(bed.apiRequests().map((entry) => entry.method)).toEqual(['GET']);
		expect(bed.sandbox.state.contacts.get(contact.id).version).toBe(version);
	});

	test('without Continue On Fail a bad third item stops the run before the first request', async () => {
		const result = await bed.run(createCompany({ companyName: '={{ $json.name }}' }), {
			items: [{ json: { name: 'A GmbH' } }, { json: { name: 'B GmbH' } }, { json: { name: '' } }],
		});
		expect(result.error.message).toMatch(/Company Name .*\[item 2\]/);
		expect(result.error.context.itemIndex).toBe(2);
		expect(bed.apiRequests()).toHaveLength(0);
		expect(bed.sandbox.state.contacts.size).toBe(0);
	});
});

describe('Continue On Fail', () => {
	test('good items succeed, the bad one becomes an error item paired to its input', async () => {
		const result = await bed.run(createCompany({ companyName: '={{ $json.name }}', additionalFields: { emailAddresses: { business: '={{ $json.email }}' } } }), {
			continueOnFail: true,
			items: [
				{ json: { name: 'A GmbH', email: 'a@example.com' } },
				{ json: { name: 'B GmbH', email: 'broken' } },
				{ json: { name: 'C GmbH', email: 'c@example.com' } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
		expect(result.items[0].json.id).toBeDefined();
		expect(result.items[1].json.error).toMatch(/not a valid email address.*\[item 1\]/);
		expect(result.items[2].json.id).toBeDefined();
		expect([...bed.sandbox.state.contacts.values()].map((contact) => contact.company.name).sort()).toEqual(['A GmbH', 'C GmbH']);
	});

	test('an item lexoffice rejects fails alone', async () => {
		const [contact] = bed.sandbox.seedContacts(1);
		const result = await bed.run(
			{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ continueOnFail: true, items: [{ json: { id: contact.id } }, { json: { id: '3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c' } }] },
		);
		expect(result.items[0].json.id).toBe(contact.id);
		expect(result.items[1].json).toMatchObject({ error: expect.stringMatching(/not found/i), httpCode: '404' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('credentials and secrets', () => {
	test('a wrong API key gives a clear 401 error that does not contain the key', async () => {
		bed.engine.setCredential({
			id: 'api-key',
			name: 'lexoffice key',
			type: 'lexofficeApi',
			data: { apiKey: 'wrong-key-abcdef', environment: 'custom', customApiBaseUrl: bed.sandbox.url, requestsPerSecond: 40 },
		});
		try {
			const result = await bed.run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 1, filters: {}, options: {} });
			expect(result.error.message).toMatch(/did not accept the credentials/);
			expect(serialise(result.error)).not.toContain('wrong-key-abcdef');
			expect(serialise(bed.engine.logs)).not.toContain('wrong-key-abcdef');
		} finally {
			bed.engine.setCredential({
				id: 'api-key',
				name: 'lexoffice key',
				type: 'lexofficeApi',
				data: { apiKey: bed.API_KEY, environment: 'custom', customApiBaseUrl: bed.sandbox.url, requestsPerSecond: 40 },
			});
		}
	});

	test('OAuth2: an expired access token is refreshed by n8n, the rotated token stored, and the item succeeds', async () => {
		const first = bed.connectOAuth2('oauth-refresh');
		bed.sandbox.seedContacts(3);
		bed.sandbox.expireAllAccessTokens();
		const result = await bed.run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {} }, { auth: 'oauth-refresh' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		const stored = bed.engine.getCredential('oauth-refresh').oauthTokenData;
		expect(stored.refresh_token).not.toBe(first.refresh_token);
		expect(stored.access_token).not.toBe(first.access_token);
		const calls = bed.sandbox.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
		expect(calls).toEqual(['GET /v1/contacts 401', 'POST /oauth2/token 200', 'GET /v1/contacts 200']);
		const everything = serialise({ result, logs: bed.engine.logs });
		for (const secret of [first.access_token, first.refresh_token, stored.access_token, stored.refresh_token, bed.CLIENT_SECRET]) {
			expect(everything).not.toContain(secret);
		}
	});
});
