'use strict';
// Values from lexoffice's answers that go into a request path or a URL are checked like any ID
// first: a broken or hostile answer must not steer a request elsewhere.
const { createTestbed } = require('../harness/testbed');

let bed;
let customer;
beforeAll(async () => {
	bed = await createTestbed({ requestsPerSecond: 200 });
	[customer] = bed.sandbox.seedContacts(1, { customize: (data) => ({ ...data, roles: { customer: {} } }) });
});
afterAll(async () => bed?.close());
afterEach(() => {
	bed.hooks.onLog = undefined;
});

const createFinalized = {
	resource: 'invoice',
	operation: 'create',
	defineInvoice: 'fields',
	recipient: 'contact',
	contactId: { __rl: true, mode: 'id', value: '' },
	addressOverride: {},
	voucherDate: '2024-03-15',
	taxType: 'net',
	lineItems: { item: [{ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: 100, taxRate: '19', discountPercentage: 0 }] },
	shippingType: 'none',
	finalize: true,
	additionalFields: {},
	options: {},
};

test.each([['../profile'], ['x/../../v1/contacts'], ['not-an-id']])(
	'a documentFileId of %j from the /document route is refused before it goes into a path',
	async (badId) => {
		const created = await bed.run({ ...createFinalized, contactId: { __rl: true, mode: 'id', value: customer.id } });
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id;
		const record = bed.sandbox.state.invoices.get(id);
		// No /file route (as on servers that lack it): the invoice is hidden while /file is asked.
		bed.sandbox.state.invoices.delete(id);
		bed.hooks.onLog = (entry) => {
			if (entry.path === `/v1/invoices/${id}/file`) bed.sandbox.state.invoices.set(id, record);
		};
		record.files = { documentFileId: badId };
		bed.sandbox.state.files.set(badId, Buffer.from('%PDF-1.4 not this one'));
		bed.sandbox.clearLog();
		const result = await bed.run(
			{ resource: 'invoice', operation: 'download', invoiceId: { __rl: true, mode: 'id', value: id }, fileFormat: 'pdf', binaryPropertyName: 'data' },
		);
		expect(result.error.message).toBe(`lexoffice answered with a document file ID that is not an ID for invoice ${id} [item 0]`);
		const paths = bed.apiRequests().map((entry) => entry.path);
		expect(paths).toEqual([`/v1/invoices/${id}/file`, `/v1/invoices/${id}`, `/v1/invoices/${id}/document`]);
	},
);
