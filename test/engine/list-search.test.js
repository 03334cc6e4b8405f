'use strict';
// The editor's searchable lists (contact and invoice pickers) ask for one page per call;
// records created between two calls shift lexoffice's pages and must not show up twice.
// The load-options context below hands the node's HTTP requests to the sandbox over
// loopback the way n8n's httpRequestWithAuthentication does (API key as Bearer header).
const { startSandbox } = require('../sandbox');
const { searchContacts, searchCustomers, searchInvoices } = require('../../dist/nodes/Lexoffice/methods/listSearch');

const API_KEY = 'list-search-key-0123456789';
let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ apiKeys: [API_KEY], rateLimit: { requestsPerSecond: 200, burst: 200 } });
});
afterAll(async () => {
	await sandbox?.close();
});
beforeEach(() => {
	sandbox.state.contacts.clear();
	sandbox.state.invoices.clear();
});

function loadOptionsContext() {
	return {
		getNodeParameter: (name, fallback) => (name === 'authentication' ? 'apiKey' : fallback),
		getCredentials: async () => ({ apiKey: API_KEY, environment: 'custom', customApiBaseUrl: sandbox.url, requestsPerSecond: 200 }),
		getNode: () => ({ name: 'Lexoffice', type: 'lexoffice', typeVersion: 1, parameters: {}, credentials: {} }),
		helpers: {
			async httpRequestWithAuthentication(credentialType, options) {
				const url = new URL(options.url);
				for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
				const response = await fetch(url, { method: options.method, headers: { ...options.headers, Authorization: `Bearer ${API_KEY}` } });
				const body = await response.json();
				if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { httpCode: String(response.status), response: { status: response.status, body } });
				return { body, statusCode: response.status, headers: Object.fromEntries(response.headers) };
			},
		},
	};
}

/** Walks every page as the editor does when the user scrolls down. */
async function scrollAll(method, filter, between = () => {}) {
	const values = [];
	let token;
	let calls = 0;
	do {
		const answer = await method.call(loadOptionsContext(), filter, token);
		values.push(...answer.results.map((result) => result.value));
		token = answer.paginationToken;
		if (calls++ === 0) between();
	} while (token !== undefined && calls < 100);
	return values;
}

function addEarlyContacts(count) {
	let n = 0;
	sandbox.seedContacts(count, { customize: () => ({ version: 0, roles: { customer: {} }, company: { name: `AAA Neu ${n++}` } }) });
}

test.each([
	['searchContacts', searchContacts],
	['searchCustomers', searchCustomers],
])('%s: contacts created after the first page appear nowhere twice, and none is lost', async (name, method) => {
	sandbox.seedContacts(130, { customize: (data) => ({ ...data, roles: { customer: {} } }) });
	const before = [...sandbox.state.contacts.keys()];
	const values = await scrollAll(method, undefined, () => addEarlyContacts(7));
	expect(new Set(values).size).toBe(values.length);
	for (const id of before) expect(values).toContain(id);
});

test('searchInvoices: an invoice created after the first page does not repeat others', async () => {
	sandbox.seedInvoices(120, { from: '2023-01-01', to: '2024-12-31' });
	const before = [...sandbox.state.invoices.keys()];
	const values = await scrollAll(searchInvoices, undefined, () => sandbox.seedInvoices(3, { from: '2030-01-01', to: '2030-01-02' }));
	expect(new Set(values).size).toBe(values.length);
	expect(new Set(values)).toEqual(new Set(before));
});

test('without changes in between, every page follows on: all entries once', async () => {
	sandbox.seedContacts(101);
	const values = await scrollAll(searchContacts);
	expect(values).toHaveLength(101);
	expect(new Set(values)).toEqual(new Set(sandbox.state.contacts.keys()));
});

test.each(['', 'x', '-1', '1.5', '2:', 'abc:def'])('a token the node did not issue (%p) is read safely', async (token) => {
	sandbox.seedContacts(60);
	const answer = await searchContacts.call(loadOptionsContext(), undefined, token);
	expect(Array.isArray(answer.results)).toBe(true);
});

describe('voucher pickers of the sales document resources', () => {
	const { voucherSearchMethods } = require('../../dist/nodes/Lexoffice/methods/voucherSearch');
	const DAY = '2024-03-01T00:00:00.000+01:00';
	const body = (extra = {}) => ({
		voucherDate: DAY,
		address: { name: 'Max Mustermann', countryCode: 'DE' },
		lineItems: [{ type: 'text', name: 'Position' }],
		totalPrice: { currency: 'EUR' },
		taxConditions: { taxType: 'net' },
		...extra,
	});

	test('each resource lists only its own type, with permalinks of that type', async () => {
		sandbox.state.documents.clear();
		const quotation = sandbox.seedDocument('quotation', body({ expirationDate: DAY }));
		sandbox.seedDocument('orderconfirmation', body({ shippingConditions: { shippingType: 'none' } }));
		const result = await voucherSearchMethods.searchQuotations.call(loadOptionsContext(), undefined, undefined);
		expect(result.results).toEqual([expect.objectContaining({ value: quotation.id, url: expect.stringMatching(new RegExp(`/permalink/quotations/view/${quotation.id}$`)) })]);
		expect(result.results[0].name).toMatch(/^AG/);
	});

	test('the predecessor picker offers only finalized vouchers of the allowed types, named by type', async () => {
		sandbox.state.documents.clear();
		const open = sandbox.seedDocument('quotation', body({ expirationDate: DAY }));
		sandbox.seedDocument('quotation', body({ expirationDate: DAY }), { status: 'draft' });
		const confirmation = sandbox.seedDocument('orderconfirmation', body({ shippingConditions: { shippingType: 'none' } }));
		sandbox.seedDocument('creditnote', body());
		const result = await voucherSearchMethods.searchInvoicePredecessors.call(loadOptionsContext(), undefined, undefined);
		expect(result.results.map((entry) => entry.value).sort()).toEqual([open.id, confirmation.id].sort());
		expect(result.results.map((entry) => entry.name.split(' ')[0]).sort()).toEqual(['Order', 'Quotation']);
		const confirmationEntry = result.results.find((entry) => entry.value === confirmation.id);
		expect(confirmationEntry.url).toMatch(/\/permalink\/order-confirmations\/view\//);
	});
});
