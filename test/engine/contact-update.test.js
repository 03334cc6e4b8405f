'use strict';
// Contact → Update keeps every stored value the user did not set, and checks lexoffice's
// rules against the merged record it will send, not against the fields typed in.
const { createTestbed } = require('../harness/testbed');

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
const record = (id) => bed.sandbox.state.contacts.get(id);
const update = (id, updateFields) => bed.run({ resource: 'contact', operation: 'update', contactId: byId(id), updateFields });
const methods = () => bed.apiRequests().map((entry) => entry.method);

/** A company as lexoffice might hold it: Austrian billing, Swiss shipping, everything filled. */
function seedCompany(extra = {}) {
	const [contact] = bed.sandbox.seedContacts(1, {
		customize: () => ({
			version: 0,
			roles: { customer: {} },
			company: {
				name: 'Alpen Handel GmbH',
				taxNumber: 'AT-1234',
				vatRegistrationId: 'ATU12345678',
				allowTaxFreeInvoices: true,
				contactPersons: [{ salutation: 'Frau', firstName: 'Erika', lastName: 'Muster', emailAddress: 'erika@alpen.example', primary: true }],
			},
			addresses: {
				billing: [{ street: 'Ring 1', zip: '1010', city: 'Wien', countryCode: 'AT' }],
				shipping: [{ street: 'Bahnhofstr. 5', zip: '8001', city: 'Zürich', countryCode: 'CH' }],
			},
			...extra,
		}),
	});
	bed.sandbox.clearLog();
	return contact.id;
}

async function updateOk(id, fields) {
	const result = await update(id, fields);
	expect(result.error).toBeUndefined();
	expect(methods()).toEqual(['GET', 'PUT']);
	return result;
}

describe('a field the user did not set keeps the stored value (no default overwrites data)', () => {
	test('billing address: only City set, the Austrian country code stays', async () => {
		const id = seedCompany();
		await updateOk(id, { billingAddress: { address: { city: 'Graz' } } });
		expect(record(id).addresses.billing).toEqual([{ street: 'Ring 1', zip: '1010', city: 'Graz', countryCode: 'AT' }]);
		expect(bed.apiRequests()[1].requestBody.addresses.billing[0].countryCode).toBe('AT');
	});

	test('shipping address: only ZIP Code and Street set, the Swiss country code and city stay; billing untouched', async () => {
		const id = seedCompany();
		await updateOk(id, { shippingAddress: { address: { zip: '8002', street: 'Seestr. 9' } } });
		expect(record(id).addresses.shipping).toEqual([{ street: 'Seestr. 9', zip: '8002', city: 'Zürich', countryCode: 'CH' }]);
		expect(record(id).addresses.billing).toEqual([{ street: 'Ring 1', zip: '1010', city: 'Wien', countryCode: 'AT' }]);
	});

	test('a country code the user does set is applied', async () => {
		const id = seedCompany();
		await updateOk(id, { billingAddress: { address: { countryCode: 'de', city: 'München', zip: '80331' } } });
		expect(record(id).addresses.billing).toEqual([{ street: 'Ring 1', zip: '80331', city: 'München', countryCode: 'DE' }]);
	});

	test('Allow Tax-Free Invoices added but left at "Keep Stored Value" keeps the stored "on"', async () => {
		const id = seedCompany();
		await updateOk(id, { allowTaxFreeInvoices: 'keep', note: 'checked' });
		expect(record(id).company.allowTaxFreeInvoices).toBe(true);
		expect(record(id).note).toBe('checked');
	});

	test.each([
		['false', false],
		['true', true],
		[false, false],
	])('Allow Tax-Free Invoices set to %p is applied', async (value, expected) => {
		const id = seedCompany({});
		record(id).company.allowTaxFreeInvoices = !expected;
		await updateOk(id, { allowTaxFreeInvoices: value });
		expect(record(id).company.allowTaxFreeInvoices).toBe(expected);
	});

	test('contact person: only the email set, salutation and names stay', async () => {
		const id = seedCompany();
		await updateOk(id, { contactPerson: { person: { emailAddress: 'e.muster@alpen.example' } } });
		expect(record(id).company.contactPersons).toEqual([
			{ salutation: 'Frau', firstName: 'Erika', lastName: 'Muster', emailAddress: 'e.muster@alpen.example', primary: true },
		]);
	});

	test('an added address with nothing filled in is no change: refused as empty, nothing sent', async () => {
		const id = seedCompany();
		const result = await update(id, { shippingAddress: { address: {} } });
		expect(result.error.message).toMatch(/Update Fields is empty/);
		expect(methods()).toEqual([]);
	});

	test('the update form offers no field whose default would overwrite a stored value', () => {
		const { Lexoffice } = require('../../dist/nodes/Lexoffice/Lexoffice.node');
		const properties = new Lexoffice().description.properties;
		const updateFields = properties.find((p) => p.name === 'updateFields' && p.displayOptions?.show?.operation?.includes('update'));
		const offenders = [];
		const visit = (fields, path) => {
			for (const field of fields) {
				const here = `${path}${field.name}`;
				if (field.type === 'fixedCollection') for (const option of field.options) visit(option.values, `${here}.`);
				else if (field.type === 'collection') visit(field.options, `${here}.`);
				else if (field.type === 'options' ? field.default !== 'keep' && field.default !== '' : ![ '', undefined ].includes(field.default) && !(Array.isArray(field.default) && field.default.length === 0)) {
					offenders.push(`${here}=${JSON.stringify(field.default)}`);
				}
			}
		};
		visit(updateFields.options, '');
		expect(offenders).toEqual([]);
	});
});

describe('rules are checked against the merged record lexoffice will receive', () => {
	test('a buyer reference needs no new vendor number when one is stored', async () => {
		const id = seedCompany({ xRechnung: { buyerReference: '04011000-1111-11', vendorNumberAtCustomer: '70001' } });
		await updateOk(id, { xRechnungBuyerReference: '04011000-2222-22' });
		expect(record(id).xRechnung).toEqual({ buyerReference: '04011000-2222-22', vendorNumberAtCustomer: '70001' });
	});

	test('a vendor number alone changes only the vendor number', async () => {
		const id = seedCompany({ xRechnung: { buyerReference: '04011000-1111-11', vendorNumberAtCustomer: '70001' } });
		await updateOk(id, { xRechnungVendorNumberAtCustomer: '80002' });
		expect(record(id).xRechnung).toEqual({ buyerReference: '04011000-1111-11', vendorNumberAtCustomer: '80002' });
	});

	test('a buyer reference with no vendor number stored or given is refused before the PUT, naming the field', async () => {
		const id = seedCompany();
		const result = await update(id, { xRechnungBuyerReference: '04011000-2222-22' });
		expect(result.error.message).toMatch(/XRechnung Vendor Number at Customer is required.*\[item 0\]/);
		expect(methods()).toEqual(['GET']);
	});

	test('a contact person on a company without one needs a last name; refused before the PUT', async () => {
		const id = seedCompany();
		delete record(id).company.contactPersons;
		const result = await update(id, { contactPerson: { person: { emailAddress: 'neu@alpen.example' } } });
		expect(result.error.message).toMatch(/Contact Person → Last Name is required.*\[item 0\]/);
		expect(methods()).toEqual(['GET']);
		bed.sandbox.clearLog();
		await updateOk(id, { contactPerson: { person: { lastName: 'Neu', emailAddress: 'neu@alpen.example' } } });
		expect(record(id).company.contactPersons).toEqual([{ lastName: 'Neu', emailAddress: 'neu@alpen.example', primary: true }]);
	});

	test('a new shipping address without a country is refused before the PUT; with one it is added', async () => {
		const id = seedCompany();
		delete record(id).addresses.shipping;
		const result = await update(id, { shippingAddress: { address: { city: 'Linz' } } });
		expect(result.error.message).toMatch(/Shipping Address → Country Code is required.*\[item 0\]/);
		expect(methods()).toEqual(['GET']);
		bed.sandbox.clearLog();
		await updateOk(id, { shippingAddress: { address: { city: 'Linz', countryCode: 'AT' } } });
		expect(record(id).addresses.shipping).toEqual([{ city: 'Linz', countryCode: 'AT' }]);
	});

	test('a person contact: changing the first name needs no last name', async () => {
		const [contact] = bed.sandbox.seedContacts(1, {
			customize: () => ({ version: 0, roles: { vendor: {} }, person: { salutation: 'Herr', firstName: 'Max', lastName: 'Huber' } }),
		});
		bed.sandbox.clearLog();
		await updateOk(contact.id, { firstName: 'Maximilian' });
		expect(record(contact.id).person).toEqual({ salutation: 'Herr', firstName: 'Maximilian', lastName: 'Huber' });
	});

	test('with Continue On Fail a merged-record problem fails that item alone', async () => {
		const bad = seedCompany();
		const good = seedCompany({ xRechnung: { buyerReference: '04011000-1', vendorNumberAtCustomer: '70001' } });
		const result = await bed.run(
			{ resource: 'contact', operation: 'update', contactId: byId('={{ $json.id }}'), updateFields: { xRechnungBuyerReference: '={{ $json.ref }}' } },
			{ items: [{ json: { id: bad, ref: '04011000-3' } }, { json: { id: good, ref: '04011000-4' } }], continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/XRechnung Vendor Number at Customer is required.*\[item 0\]/);
		expect(result.items[1].json.error).toBeUndefined();
		expect(record(good).xRechnung).toEqual({ buyerReference: '04011000-4', vendorNumberAtCustomer: '70001' });
		expect(record(bad).xRechnung).toBeUndefined();
	});
});
