'use strict';
// Pacing, 429 handling and retries, through the node in n8n's engine against the sandbox.
const { createTestbed } = require('../harness/testbed');
const { PACING_POLICY } = require('../../dist/nodes/Lexoffice/transport/pacer');
const { RATE_LIMIT_POLICY } = require('../../dist/nodes/Lexoffice/transport/request');

const listOne = { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1, filters: {}, options: {} };
const getById = { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } };
const createFromItem = {
	resource: 'contact',
	operation: 'create',
	contactType: 'company',
	companyName: '={{ $json.name }}',
	roles: ['customer'],
	additionalFields: {},
};

describe('at lexoffice’s real limit of 2 requests per second', () => {
	let bed;
	beforeAll(async () => {
		bed = await createTestbed({ requestsPerSecond: 2 });
	});
	afterAll(async () => bed?.close());

	test('items are paced so lexoffice never answers 429', async () => {
		const contacts = bed.sandbox.seedContacts(7);
		bed.sandbox.clearLog();
		const result = await bed.run(getById, { items: contacts.map((contact) => ({ json: { id: contact.id } })) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(contacts.map((contact) => contact.id));
		const statuses = bed.apiRequests().map((entry) => entry.status);
		expect(statuses).toEqual(Array(7).fill(200));
		// Spaced evenly at the pacer's ceiling below 2/s (97 %): from the second request on (the
		// first one also carries the run's start-up), six requests span five intervals of
		// 1000/1.94 ms.
		const interval = 1000 / (2 * PACING_POLICY.ceiling);
		const times = bed.apiRequests().map((entry) => entry.time);
		expect(times[6] - times[1]).toBeGreaterThanOrEqual(5 * interval - 50);
	});

	test('after a 429 without Retry-After the request is sent again one refill interval later, not seconds', async () => {
		const contacts = bed.sandbox.seedContacts(1);
		bed.sandbox.clearLog();
		// lexoffice answers the first request with 429, then behaves.
		bed.sandbox.setFaults({ rate429: 1, seed: 5 });
		bed.hooks.onLog = (entry) => {
			if (entry.status === 429) bed.sandbox.setFaults({ rate429: 0 });
		};
		try {
			const result = await bed.run(getById, { items: [{ json: { id: contacts[0].id } }] });
			expect(result.error).toBeUndefined();
		} finally {
			bed.hooks.onLog = undefined;
			bed.sandbox.setFaults({ rate429: 0 });
		}
		const [refused, retried] = bed.apiRequests();
		expect([refused.status, retried.status]).toEqual([429, 200]);
		// The bucket refills one token every 500 ms: the retry waits at least that long. (How much
		// longer, up to 50 % jitter, is the pacer's unit test; a wall-clock upper bound here would
		// only measure how busy the machine is.)
		expect(retried.time - refused.time).toBeGreaterThanOrEqual(450);
	});

	test('two executions at once share one credential’s budget', async () => {
		bed.sandbox.seedContacts(3);
		bed.sandbox.clearLog();
		const runs = await Promise.all([bed.run(listOne, { items: [{ json: {} }, { json: {} }, { json: {} }] }), bed.run(listOne, { items: [{ json: {} }, { json: {} }, { json: {} }] })]);
		for (const run of runs) expect(run.error).toBeUndefined();
		expect(bed.apiRequests().map((entry) => entry.status)).toEqual(Array(6).fill(200));
	});
});

describe('faults', () => {
	let bed;
	beforeAll(async () => {
		bed = await createTestbed({ requestsPerSecond: 40 });
	});
	afterAll(async () => bed?.close());
	beforeEach(() => {
		bed.sandbox.state.contacts.clear();
		bed.sandbox.setFaults({ rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, seed: 7 });
		bed.sandbox.clearLog();
	});

	test('429s are waited out and retried, creates included, and nothing is created twice', async () => {
		bed.sandbox.setFaults({ rate429: 0.3, seed: 11 });
		const names = Array.from({ length: 8 }, (_, index) => `Firma ${index} GmbH`);
		const result = await bed.run(createFromItem, { items: names.map((name) => ({ json: { name } })) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(8);
		const stored = [...bed.sandbox.state.contacts.values()].map((contact) => contact.company.name).sort();
		expect(stored).toEqual([...names].sort());
		expect(bed.apiRequests().filter((entry) => entry.status === 429).length).toBeGreaterThan(0);
	});

	test('reads are retried after 5xx and dropped connections', async () => {
		const contacts = bed.sandbox.seedContacts(6);
		bed.sandbox.setFaults({ rate500: 0.15, rate503: 0.15, rateReset: 0.1, seed: 3 });
		const result = await bed.run(getById, { items: contacts.map((contact) => ({ json: { id: contact.id } })) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(contacts.map((contact) => contact.id));
		const failures = bed.apiRequests().filter((entry) => entry.status !== 200);
		expect(failures.length).toBeGreaterThan(0);
	});

	test('a create answered with 504 after lexoffice carried it out is not repeated, and says so', async () => {
		bed.sandbox.setFaults({ rate504AfterCommit: 1 });
		const result = await bed.run(createFromItem, { items: [{ json: { name: 'Timeout GmbH' } }] });
		expect(result.error.message).toMatch(/answered the POST request with HTTP 504/);
		expect(result.error.description).toMatch(/may have carried out the request anyway/);
		const posts = bed.apiRequests().filter((entry) => entry.method === 'POST');
		expect(posts).toHaveLength(1);
		expect(bed.sandbox.state.contacts.size).toBe(1);
	});

	test('a create whose connection drops is not repeated; with Continue On Fail the other items go on', async () => {
		bed.sandbox.setFaults({ rateReset: 1 });
		const first = await bed.run(createFromItem, { items: [{ json: { name: 'Reset GmbH' } }], continueOnFail: true });
		expect(first.items[0].json.error).toMatch(/connection to lexoffice broke off during the POST request/);
		expect(bed.apiRequests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
		bed.sandbox.setFaults({ rateReset: 0 });
		const second = await bed.run(createFromItem, { items: [{ json: { name: 'Fine GmbH' } }], continueOnFail: true });
		expect(second.items[0].json.id).toBeDefined();
	});

	test('Retry-After is honoured, and a 429 that never ends fails the item after bounded retries', async () => {
		// A bucket that refills once in ~15 minutes and tells clients to come back in 50 ms.
		bed.sandbox.setRateLimit({ requestsPerSecond: 0.001, burst: 1, retryAfterSeconds: 0.05 });
		try {
			await bed.run(listOne);
			bed.sandbox.clearLog();
			const started = Date.now();
			const result = await bed.run(listOne);
			const retries = RATE_LIMIT_POLICY.maxRetries;
			expect(result.error.message).toMatch(new RegExp(`rate limit was still exceeded after ${retries} retries`));
			// Each wait was Retry-After's 50 ms: waits of a refill interval (500 ms) or of the
			// slowed-down pacer (seconds) would take at least retries × 500 ms.
			expect(Date.now() - started).toBeLessThan(retries * 400);
			expect(bed.apiRequests().map((entry) => entry.status)).toEqual(Array(retries + 1).fill(429));
		} finally {
			bed.sandbox.setRateLimit({ requestsPerSecond: 40, burst: 40, retryAfterSeconds: undefined });
		}
	});
});
