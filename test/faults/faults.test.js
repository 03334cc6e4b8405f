'use strict';
/**
 * Fault injection: 2,000 items per fault mix through the node in n8n's engine, with
 * Continue On Fail. Every item must end as a success or a clear per-item error, lexoffice
 * must hold no document twice, and no secret may appear in any output or log.
 */
const { createTestbed, serialise } = require('../harness/testbed');

const ITEMS = 2000;
const RATE = 1000; // far above lexoffice's: this suite is about outcomes, not pacing

const CLEAR_ERRORS = [
	/may have carried out the request anyway/, // in the description of write failures
	/rate limit was still exceeded after \d+ retries/,
	/lexoffice .*(error|unavailable|timed out|failed)/i,
	/Could not reach lexoffice/,
];

const MIXES = [
	{ name: 'random 429s', faults: { rate429: 0.1, retryAfterSeconds: 0.01 } },
	{ name: '500s and 503s', faults: { rate500: 0.03, rate503: 0.03 } },
	{ name: '504 after the work was done', faults: { rate504AfterCommit: 0.03 } },
	{ name: 'connection resets', faults: { rateReset: 0.03 } },
	{ name: 'slow responses', faults: { slowMs: 3 } },
	{ name: 'token expiring mid-run', faults: {}, oauthTokenTtlSeconds: 1 },
	{
		name: 'everything at once',
		faults: { rate429: 0.05, rate500: 0.02, rate503: 0.02, rate504AfterCommit: 0.02, rateReset: 0.02, slowMs: 1, retryAfterSeconds: 0.01 },
		oauthTokenTtlSeconds: 2,
	},
];

let bed;
const report = [];
beforeAll(async () => {
	bed = await createTestbed({ requestsPerSecond: RATE, sandbox: { logBodies: false } });
});
afterAll(async () => {
	await bed?.close();
	// The counts the suite measured, for the record.
	process.stdout.write(`\nFault mixes (${ITEMS} items each):\n${report.join('\n')}\n`);
});

function contactItems(tag) {
	return Array.from({ length: ITEMS }, (_, index) => ({ json: { name: `${tag} ${String(index).padStart(4, '0')} GmbH` } }));
}

const createContact = {
	resource: 'contact',
	operation: 'create',
	contactType: 'company',
	companyName: '={{ $json.name }}',
	roles: ['customer'],
	additionalFields: {},
};

test.each(MIXES)('$name: every item accounted for, no duplicates, no secrets', async (mix) => {
	bed.sandbox.state.contacts.clear();
	bed.sandbox.clearLog();
	bed.sandbox.setFaults({ rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, slowMs: 0, retryAfterSeconds: undefined, seed: 17, ...mix.faults });
	let auth = 'apiKey';
	const secrets = [bed.API_KEY, bed.CLIENT_SECRET];
	if (mix.oauthTokenTtlSeconds) {
		bed.sandbox.setAccessTokenTtl(mix.oauthTokenTtlSeconds);
		auth = `oauth-${mix.name}`;
		const token = bed.connectOAuth2(auth);
		secrets.push(token.access_token, token.refresh_token);
	}
	const items = contactItems(mix.name);
	let result;
	try {
		result = await bed.run(createContact, { items, continueOnFail: true, auth });
	} finally {
		bed.sandbox.setFaults({ rate429: 0, rate500: 0, rate503: 0, rate504AfterCommit: 0, rateReset: 0, slowMs: 0, retryAfterSeconds: undefined });
		bed.sandbox.setAccessTokenTtl(3600);
	}
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(ITEMS);

	const stored = [...bed.sandbox.state.contacts.values()];
	const storedByName = new Map();
	for (const contact of stored) storedByName.set(contact.company.name, (storedByName.get(contact.company.name) ?? 0) + 1);
	const duplicates = [...storedByName.values()].filter((count) => count > 1).length;

	let succeeded = 0;
	let failedClearly = 0;
	const unclear = [];
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.json.id) {
			succeeded++;
			expect(bed.sandbox.state.contacts.get(item.json.id).company.name).toBe(items[index].json.name);
		} else {
			const text = `${item.json.error} ${item.json.description ?? ''}`;
			if (CLEAR_ERRORS.some((pattern) => pattern.test(text)) && /\S/.test(item.json.error)) failedClearly++;
			else unclear.push(text);
		}
	});

	if (mix.oauthTokenTtlSeconds) {
		const tokens = bed.engine.getCredential(auth).oauthTokenData;
		secrets.push(tokens.access_token, tokens.refresh_token);
	}
	const everything = serialise({ items: result.items, logs: bed.engine.logs });
	const leaked = secrets.filter((secret) => secret && everything.includes(secret));

	const requests = bed.apiRequests();
	const refreshes = bed.sandbox.log.filter((entry) => entry.path === '/oauth2/token').length;
	report.push(
		`- ${mix.name}: ${succeeded} succeeded, ${failedClearly} failed with a clear error, ${unclear.length} unclear, ` +
			`${duplicates} duplicates, ${leaked.length} secrets leaked; ${requests.length} requests, ` +
			`${requests.filter((entry) => entry.fault).length} faults injected${mix.oauthTokenTtlSeconds ? `, ${refreshes} token refreshes` : ''}`,
	);
	expect(unclear).toEqual([]);
	expect(succeeded + failedClearly).toBe(ITEMS);
	expect(duplicates).toBe(0);
	expect(leaked).toEqual([]);
	if (!Object.keys(mix.faults).some((key) => /^rate(500|503|504|Reset)/.test(key))) {
		// Faults that cannot have executed anything (429, slowness, expiry) leave no item failed.
		expect(succeeded).toBe(ITEMS);
	}
	if (mix.oauthTokenTtlSeconds) expect(refreshes).toBeGreaterThan(0);
}, 300_000);
