'use strict';
// Contact → Get Many: a Limit past lexoffice's 10,000-entry window, and records created
// while the pages are read.
const { createTestbed } = require('../harness/testbed');

let bed;
beforeAll(async () => {
	bed = await createTestbed({ requestsPerSecond: 200 });
});
afterAll(async () => {
	await bed?.close();
});
beforeEach(() => {
	bed.sandbox.state.contacts.clear();
	bed.sandbox.clearLog();
	bed.hooks.onLog = undefined;
});

const getAll = (overrides = {}) => ({ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {}, ...overrides });
const idsOf = (result) => result.items.map((item) => item.json.id);
const contactPages = () => bed.apiRequests().filter((entry) => entry.path === '/v1/contacts');

function expectNothingPastTheWindow() {
	for (const entry of contactPages()) {
		expect(entry.status).toBe(200);
		expect((Number(entry.query.page) + 1) * Number(entry.query.size)).toBeLessThanOrEqual(10000);
	}
}

/** Companies whose names sort before every seeded one, so they land on page 0 and shift the rest. */
function addEarlyContacts(count, roles = { customer: {} }) {
	let n = 0;
	bed.sandbox.seedContacts(count, { customize: () => ({ version: 0, roles, company: { name: `AAA Neu ${n++}` } }) });
}

/** Creates `count` contacts in lexoffice right after the first request for page 0 (of `filter`). */
function createDuringRun(count, filter = () => true) {
	let done = false;
	bed.hooks.onLog = (entry) => {
		if (!done && entry.path === '/v1/contacts' && entry.query.page === '0' && filter(entry)) {
			done = true;
			addEarlyContacts(count);
		}
	};
}

describe('a Limit above 10,000', () => {
	test('is served like Return All (split by role): exactly that many, each once, and Fail is not triggered', async () => {
		bed.sandbox.seedContacts(11000);
		const result = await bed.run(getAll({ returnAll: false, limit: 10500, options: { onSearchLimit: 'fail' } }));
		expect(result.error).toBeUndefined();
		const ids = idsOf(result);
		expect(ids).toHaveLength(10500);
		expect(new Set(ids).size).toBe(10500);
		expectNothingPastTheWindow();
	});

	test('larger than what exists returns every contact', async () => {
		bed.sandbox.seedContacts(10300);
		const result = await bed.run(getAll({ returnAll: false, limit: 20000, options: { onSearchLimit: 'fail' } }));
		expect(result.error).toBeUndefined();
		expect(new Set(idsOf(result))).toEqual(new Set(bed.sandbox.state.contacts.keys()));
	});

	test('with a role filter (no split possible) and more than 10,000 matches: Fail fails instead of returning 10,000', async () => {
		bed.sandbox.seedContacts(10100, { customize: (data) => ({ ...data, roles: { customer: {} } }) });
		const result = await bed.run(getAll({ returnAll: false, limit: 10050, filters: { customer: true }, options: { onSearchLimit: 'fail' } }));
		expect(result.error?.message).toMatch(/More than 10,000 contacts match/);
		expectNothingPastTheWindow();
	});

	test('with a role filter and Warn: the 10,000 lexoffice lists, with a warning', async () => {
		bed.sandbox.seedContacts(10100, { customize: (data) => ({ ...data, roles: { customer: {} } }) });
		const result = await bed.run(getAll({ returnAll: false, limit: 10050, filters: { customer: true }, options: { onSearchLimit: 'warn' } }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10000);
		const hints = result.runData[result.nodeName][0].hints ?? [];
		expect(hints.map((hint) => hint.message).join('\n')).toMatch(/More than 10,000 contacts match/);
	});

	test('when one role part is itself past the window: Fail fails', async () => {
		bed.sandbox.seedContacts(10100, { customize: (data) => ({ ...data, roles: { customer: {} } }) });
		const result = await bed.run(getAll({ returnAll: false, limit: 10050, options: { onSearchLimit: 'fail' } }));
		expect(result.error?.message).toMatch(/More than 10,000 contacts match/);
	});

	test('a Limit of 10,000 or less over more matches is not cut short: no error', async () => {
		bed.sandbox.seedContacts(10100, { customize: (data) => ({ ...data, roles: { customer: {} } }) });
		const result = await bed.run(getAll({ returnAll: false, limit: 10000, filters: { customer: true }, options: { onSearchLimit: 'fail' } }));
		expect(result.error).toBeUndefined();
		expect(new Set(idsOf(result)).size).toBe(10000);
	});
});

describe('contacts created while the pages are read are not returned twice', () => {
	test('Return All', async () => {
		bed.sandbox.seedContacts(600);
		const before = [...bed.sandbox.state.contacts.keys()];
		createDuringRun(5);
		const result = await bed.run(getAll());
		expect(result.error).toBeUndefined();
		const ids = idsOf(result);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toHaveLength(before.length);
		expect(new Set(ids)).toEqual(new Set(before));
	});

	test('Limit across pages counts distinct contacts', async () => {
		bed.sandbox.seedContacts(700);
		createDuringRun(9);
		const result = await bed.run(getAll({ returnAll: false, limit: 600 }));
		expect(result.error).toBeUndefined();
		const ids = idsOf(result);
		expect(ids).toHaveLength(600);
		expect(new Set(ids).size).toBe(600);
	});

	test('with filters (one search, no split)', async () => {
		bed.sandbox.seedContacts(520, { customize: (data) => ({ ...data, roles: { vendor: {} } }) });
		let done = false;
		bed.hooks.onLog = (entry) => {
			if (!done && entry.path === '/v1/contacts' && entry.query.page === '0') {
				done = true;
				addEarlyContacts(4, { vendor: {} });
			}
		};
		const result = await bed.run(getAll({ filters: { vendor: true } }));
		expect(result.error).toBeUndefined();
		const ids = idsOf(result);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toHaveLength(520);
	});

	test('past the window, while the search is split by role', async () => {
		bed.sandbox.seedContacts(10200);
		const before = new Set(bed.sandbox.state.contacts.keys());
		// The customer part: created after its first page.
		createDuringRun(6, (entry) => entry.query.customer === 'true');
		const result = await bed.run(getAll({ options: { onSearchLimit: 'fail' } }));
		expect(result.error).toBeUndefined();
		const ids = idsOf(result);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of before) expect(ids).toContain(id);
		expectNothingPastTheWindow();
	});
});
