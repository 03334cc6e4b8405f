'use strict';

/**
 * End-to-end: the Lexoffice Trigger in a real n8n against the sandbox's event subscriptions.
 * Activation subscribes the production URL, signed callbacks run the workflow once with the
 * record, forged or foreign callbacks are refused with 401 and start nothing, redeliveries
 * run nothing, deactivation deletes the subscriptions, and "Listen for test event" works.
 *
 *   npx jest --testMatch '**\/test/e2e/**\/trigger.e2e.js' --runInBand
 *
 * Tests run in order and build on each other (one n8n boot, one active workflow).
 */

const crypto = require('node:crypto');
const { PKG, startStack, sandboxGet, publicView } = require('./support/stack');

jest.setTimeout(120 * 1000);

const BOOT_TIMEOUT = 15 * 60 * 1000;
const TRIGGER_TYPE = `${PKG}.lexofficeTrigger`;
const EVENTS = ['contact.created', 'contact.deleted', 'invoice.created', 'token.revoked'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(check, { timeoutMs = 20000, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

describe(`${PKG} trigger in a real n8n`, () => {
	let S;
	let cred;
	let wf;
	let webhookId;
	let prodUrl;

	const directKey = () => S.secrets.directKey;
	const executionIds = async (workflowId) =>
		((await S.api.listExecutions({ workflowId, limit: 100 })).results || []).map((e) => e.id);
	const subscriptionsFor = (url) => [...S.sb.events.subscriptions.values()].filter((s) => s.callbackUrl === url);

	/** Waits for exactly one new execution after `known`, then makes sure no second one follows. */
	async function oneNewExecution(known, workflowId = wf.id) {
		const ids = await until(
			async () => {
				const fresh = (await executionIds(workflowId)).filter((id) => !known.includes(id));
				return fresh.length ? fresh : null;
			},
			{ what: 'an execution' },
		);
		await sleep(1500);
		const fresh = (await executionIds(workflowId)).filter((id) => !known.includes(id));
		expect(fresh).toHaveLength(1);
		const ex = await S.api.waitForExecution(ids[0]);
		expect(ex.status).toBe('success');
		return ex.nodes['Lexoffice Trigger'].items.map((i) => i.json);
	}

	async function noNewExecution(known) {
		await sleep(2000);
		expect((await executionIds(wf.id)).filter((id) => !known.includes(id))).toEqual([]);
	}

	function triggerNode(events = EVENTS, id = crypto.randomUUID()) {
		return {
			id: crypto.randomUUID(),
			name: 'Lexoffice Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: id,
			parameters: { authentication: 'apiKey', events, options: { publicKey: S.sb.webhookPublicKey } },
			credentials: { lexofficeApi: { id: cred.id, name: cred.name } },
		};
	}

	async function post(url, raw, headers = {}) {
		const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: raw });
		return { status: res.status, text: await res.text() };
	}

	beforeAll(async () => {
		// A loaded machine can take minutes to boot n8n.
		S = await startStack({ logLevel: 'info', seed: { contacts: 1, invoices: 1 }, readyTimeoutMs: 5 * 60 * 1000 });
		// n8n listens on http://127.0.0.1 here; lexoffice itself would insist on HTTPS.
		S.sb.events.options.allowHttpLoopback = true;
		S.sb.events.options.retryScale = 0.001;
		cred = await S.api.createCredential({
			name: 'lexoffice (trigger e2e)',
			type: 'lexofficeApi',
			data: { apiKey: S.secrets.apiKey, environment: 'custom', customApiBaseUrl: S.sb.url, requestsPerSecond: 10 },
		});
	}, BOOT_TIMEOUT);

	afterAll(async () => {
		if (S) await S.stop();
	}, 60 * 1000);

	test('the trigger loads; activation subscribes the production URL to each selected event', async () => {
		const types = await S.api.getNodeTypes();
		const trigger = types.find((t) => t.name === TRIGGER_TYPE);
		expect(trigger).toBeTruthy();
		expect(trigger.group).toEqual(['trigger']);

		const node = triggerNode();
		webhookId = node.webhookId;
		prodUrl = `${S.n8n.url}/webhook/${webhookId}/webhook`;
		wf = await S.api.createWorkflow({ name: 'e2e lexoffice trigger', nodes: [node], connections: {} });
		await S.api.activateWorkflow(wf.id, wf.versionId);
		const subs = await until(() => (subscriptionsFor(prodUrl).length === EVENTS.length ? subscriptionsFor(prodUrl) : null), {
			what: 'the subscriptions',
		});
		expect(subs.map((s) => s.eventType).sort()).toEqual([...EVENTS].sort());
		expect(S.sb.events.subscriptions.size).toBe(EVENTS.length);
	});

	test('a contact created in lexoffice runs the workflow once, with the event and the contact', async () => {
		const known = await executionIds(wf.id);
		const res = await fetch(`${S.sb.url}/v1/contacts`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${directKey()}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ version: 0, roles: { customer: {} }, company: { name: 'Trigger GmbH' } }),
		});
		const created = await res.json();
		const items = await oneNewExecution(known);
		expect(items).toHaveLength(1);
		const contact = await sandboxGet(S.sb, directKey(), `/v1/contacts/${created.id}`);
		expect(items[0]).toEqual({
			organizationId: S.sb.state.organizationId,
			eventType: 'contact.created',
			resourceId: created.id,
			eventDate: expect.any(String),
			resource: contact.json,
		});
		await S.sb.events.settled();
		const delivery = S.sb.events.deliveries.find((d) => d.resourceId === created.id);
		expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
	});

	test('forged, unsigned, tampered and other-organization callbacks get 401 and start nothing', async () => {
		const known = await executionIds(wf.id);
		const body = S.sb.events.eventBody('invoice.created', 'forged-1');
		const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const forged = crypto.sign('sha512', body, stranger).toString('base64');
		const foreign = S.sb.events.eventBody('invoice.created', 'foreign-1', { organizationId: crypto.randomUUID() });
		const tampered = Buffer.from(body.toString().replace('forged-1', 'forged-2'));

		const answers = {
			unsigned: await post(prodUrl, body),
			forged: await post(prodUrl, body, { 'X-Lxo-Signature': forged }),
			garbage: await post(prodUrl, body, { 'X-Lxo-Signature': 'not base64 at all' }),
			tampered: await post(prodUrl, tampered, { 'X-Lxo-Signature': S.sb.events.sign(body) }),
			reformatted: await post(prodUrl, Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2)), {
				'X-Lxo-Signature': S.sb.events.sign(body),
			}),
			otherOrganization: await post(prodUrl, foreign, { 'X-Lxo-Signature': S.sb.events.sign(foreign) }),
		};
		for (const [kind, answer] of Object.entries(answers)) expect([kind, answer.status]).toEqual([kind, 401]);
		expect(answers.unsigned.text).toMatch(/Missing X-Lxo-Signature/);
		expect(answers.otherOrganization.text).toMatch(/another lexoffice organization/);
		await noNewExecution(known);
	});

	test('a redelivered event (same type, record and date) runs the workflow only once', async () => {
		const invoiceId = [...S.sb.state.invoices.keys()][0];
		const eventDate = '2026-11-30T08:00:00.000+01:00';
		const known = await executionIds(wf.id);
		const [first] = S.sb.events.emit('invoice.created', invoiceId, { eventDate });
		await first.done;
		const items = await oneNewExecution(known);
		expect(items[0].resource).toEqual(publicView(S.sb.state.invoices.get(invoiceId)));

		const again = await executionIds(wf.id);
		const [second] = S.sb.events.emit('invoice.created', invoiceId, { eventDate });
		await second.done;
		expect(second.attempts.map((a) => a.status)).toEqual([200]);
		await noNewExecution(again);

		// A later change of the same record is a new event.
		const later = await executionIds(wf.id);
		S.sb.events.emit('invoice.created', invoiceId, { eventDate: '2026-11-30T08:00:01.000+01:00' });
		await oneNewExecution(later);
	});

	test('deleted records and token.revoked run without a read; a failed read is reported, not dropped', async () => {
		let known = await executionIds(wf.id);
		const before = S.sb.state.counters.requests;
		S.sb.events.emit('contact.deleted', 'gone-1');
		let items = await oneNewExecution(known);
		expect(items[0]).toEqual(expect.objectContaining({ eventType: 'contact.deleted', resourceId: 'gone-1' }));
		expect(items[0].resource).toBeUndefined();
		expect(items[0].resourceError).toBeUndefined();

		known = await executionIds(wf.id);
		S.sb.events.emit('token.revoked', crypto.randomUUID());
		items = await oneNewExecution(known);
		expect(items[0].eventType).toBe('token.revoked');
		expect(items[0].meaning).toMatch(/re-authorised/);
		expect(S.sb.log.filter((e) => e.seq > before && e.method === 'GET' && e.path !== '/v1/profile')).toEqual([]);

		known = await executionIds(wf.id);
		S.sb.events.emit('invoice.created', 'no-such-invoice');
		items = await oneNewExecution(known);
		expect(items[0].resource).toBeUndefined();
		expect(items[0].resourceError.message).toMatch(/no-such-invoice could not be read/);
		expect(String(items[0].resourceError.httpCode)).toBe('404');
	});

	test('lexoffice gets its answer before the record is read (a read slower than the 5 s timeout)', async () => {
		const contactId = [...S.sb.state.contacts.keys()][0];
		const known = await executionIds(wf.id);
		S.sb.setFaults({ slowMs: 6000 });
		try {
			const started = Date.now();
			const [delivery] = S.sb.events.emit('contact.created', contactId);
			await delivery.done;
			expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200, error: null })]);
			expect(Date.now() - started).toBeLessThan(5000);
			const items = await oneNewExecution(known);
			expect(items[0].resource.id).toBe(contactId);
		} finally {
			S.sb.setFaults({ slowMs: 0 });
		}
	});

	test('deactivation deletes exactly its subscriptions; reactivating and deactivating again leaves none', async () => {
		// Someone else's subscription must survive.
		const otherUrl = `${S.n8n.url}/webhook/${webhookId}/webhook`; // same node, HEAD-reachable
		const foreign = await fetch(`${S.sb.url}/v1/event-subscriptions`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${directKey()}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ eventType: 'article.created', callbackUrl: `${otherUrl}?other=1` }),
		});
		expect(foreign.status).toBe(201);

		await S.api.deactivateWorkflow(wf.id);
		await until(() => subscriptionsFor(prodUrl).length === 0, { what: 'the subscriptions to be deleted' });
		expect([...S.sb.events.subscriptions.values()].map((s) => s.eventType)).toEqual(['article.created']);

		const current = await S.api.getWorkflow(wf.id);
		await S.api.activateWorkflow(wf.id, current.versionId);
		await until(() => subscriptionsFor(prodUrl).length === EVENTS.length, { what: 'the subscriptions again' });
		await S.api.deactivateWorkflow(wf.id);
		await until(() => subscriptionsFor(prodUrl).length === 0, { what: 'the subscriptions to be deleted again' });
		expect(S.sb.events.subscriptions.size).toBe(1);
	});

	test('"Listen for test event" subscribes the test URL, runs on one event and then unsubscribes', async () => {
		const node = triggerNode(['contact.changed']);
		const testUrl = `${S.n8n.url}/webhook-test/${node.webhookId}/webhook`;
		const testWf = await S.api.createWorkflow({ name: 'e2e lexoffice trigger (test)', nodes: [node], connections: {} });
		const started = await S.api.runManually(testWf.id, { triggerToStartFrom: { name: node.name } }, testWf);
		expect(started.waitingForWebhook).toBe(true);
		await until(() => subscriptionsFor(testUrl).length === 1, { what: 'the test subscription' });

		const contactId = [...S.sb.state.contacts.keys()][0];
		const [delivery] = S.sb.events.emit('contact.changed', contactId);
		await delivery.done;
		expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
		const ids = await until(async () => {
			const list = await executionIds(testWf.id);
			return list.length ? list : null;
		}, { what: 'the test execution' });
		const ex = await S.api.waitForExecution(ids[0]);
		expect(ex.nodes['Lexoffice Trigger'].items[0].json).toMatchObject({ eventType: 'contact.changed', resourceId: contactId, resource: { id: contactId } });
		await until(() => subscriptionsFor(testUrl).length === 0, { what: 'the test subscription to be deleted' });
	});

	test('activation adopts a subscription lexoffice already holds (409) and drops this URL\'s stale ones', async () => {
		const node = triggerNode(['contact.created', 'invoice.created']);
		const url = `${S.n8n.url}/webhook/${node.webhookId}/webhook`;
		// Left over from an earlier activation that n8n never cleaned up.
		const leftover = (subscriptionId, eventType) => ({
			subscriptionId,
			organizationId: S.sb.state.organizationId,
			createdDate: '2026-01-01T00:00:00.000+01:00',
			eventType,
			callbackUrl: url,
		});
		S.sb.events.subscriptions.set('pre-existing', leftover('pre-existing', 'contact.created'));
		S.sb.events.subscriptions.set('stale', leftover('stale', 'article.created'));
		const before = S.sb.state.counters.requests;
		const w = await S.api.createWorkflow({ name: 'e2e lexoffice trigger (leftovers)', nodes: [node], connections: {} });
		await S.api.activateWorkflow(w.id, w.versionId);
		await until(() => subscriptionsFor(url).length === 2 && !S.sb.events.subscriptions.has('stale'), { what: 'reconciled subscriptions' });
		expect(subscriptionsFor(url).map((x) => x.eventType).sort()).toEqual(['contact.created', 'invoice.created']);
		expect(S.sb.events.subscriptions.has('pre-existing')).toBe(true);
		const posts = S.sb.log.filter((e) => e.seq > before && e.method === 'POST' && e.path === '/v1/event-subscriptions');
		expect(posts.map((e) => e.status).sort()).toEqual([201, 409]);

		await S.api.deactivateWorkflow(w.id);
		await until(() => subscriptionsFor(url).length === 0, { what: 'the subscriptions to be deleted' });
	});

	test('without a pasted key the key is downloaded at activation, and signed events are verified with it', async () => {
		const node = triggerNode(['contact.changed']);
		node.parameters.options = { publicKeyUrl: `${S.sb.url}/webhookSignature/public/public_key.pub` };
		const url = `${S.n8n.url}/webhook/${node.webhookId}/webhook`;
		const w = await S.api.createWorkflow({ name: 'e2e lexoffice trigger (downloaded key)', nodes: [node], connections: {} });
		const before = S.sb.log.length;
		await S.api.activateWorkflow(w.id, w.versionId);
		await until(() => subscriptionsFor(url).length === 1, { what: 'the subscription' });
		expect(S.sb.log.slice(before).some((e) => e.path === '/webhookSignature/public/public_key.pub' && e.status === 200)).toBe(true);

		const known = await executionIds(w.id);
		const body = S.sb.events.eventBody('contact.changed', 'downloaded-key-1');
		const signed = await post(url, body, { 'X-Lxo-Signature': S.sb.events.sign(body) });
		expect(signed.status).toBe(200);
		const items = await oneNewExecution(known, w.id);
		expect(items[0]).toMatchObject({ eventType: 'contact.changed', resourceId: 'downloaded-key-1' });
		const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const forged = await post(url, body, { 'X-Lxo-Signature': crypto.sign('sha512', body, stranger).toString('base64') });
		expect(forged.status).toBe(401);

		await S.api.deactivateWorkflow(w.id);
		await until(() => subscriptionsFor(url).length === 0, { what: 'the subscription to be deleted' });
	});

	test('when no key is pasted and none can be downloaded, the trigger refuses to activate and subscribes nothing', async () => {
		const node = triggerNode(['contact.created']);
		node.parameters.options = { publicKeyUrl: `${S.sb.url}/no/such/key.pub` };
		const url = `${S.n8n.url}/webhook/${node.webhookId}/webhook`;
		const w = await S.api.createWorkflow({ name: 'e2e lexoffice trigger (no key)', nodes: [node], connections: {} });
		// n8n 2.41 publishes in the background and answered the publish call with success here;
		// what shows that activation failed is that nothing was subscribed and the webhook is not served.
		await S.api.activateWorkflow(w.id, w.versionId).catch(() => {});
		// Activation runs in the background: first it asks for the key (and gets a 404), then the
		// failed activation withdraws the webhook, so a callback to it is not served.
		await until(() => S.sb.log.some((e) => e.path === '/no/such/key.pub'), { what: 'the key download', timeoutMs: 60000 });
		const body = S.sb.events.eventBody('contact.created', 'x');
		const answer = await until(
			async () => {
				const reply = await post(url, body, { 'X-Lxo-Signature': S.sb.events.sign(body) });
				return reply.status === 404 ? reply : null;
			},
			{ what: 'the webhook to be withdrawn' },
		);
		expect(answer.text).toMatch(/not registered/);
		expect(subscriptionsFor(url)).toEqual([]);
	});
});
