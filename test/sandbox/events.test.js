'use strict';

// The sandbox's event subscriptions and signed callbacks, checked against the facts sheet (§7, §9).

const crypto = require('crypto');
const http = require('http');
const { startSandbox } = require('.');
const { RETRY_SCHEDULE_S } = require('./events');

const API_KEY = 'sandbox-api-key';

async function call(sb, method, path, body) {
	const headers = { Authorization: `Bearer ${API_KEY}` };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(sb.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A callback receiver answering each POST with the next status of `statuses` (then the last one). */
async function startReceiver(statuses = [200]) {
	const received = [];
	let head = 0;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			if (req.method === 'HEAD') {
				head++;
				res.writeHead(receiver.headStatus).end();
				return;
			}
			const status = statuses[Math.min(received.length, statuses.length - 1)];
			received.push({ at: Date.now(), headers: req.headers, raw: Buffer.concat(chunks), status });
			res.writeHead(status).end();
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const receiver = {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		received,
		headStatus: 200,
		heads: () => head,
		close: () => new Promise((r) => server.close(r)),
	};
	return receiver;
}

describe('event subscriptions', () => {
	let sb;
	let rx;
	beforeEach(async () => {
		sb = await startSandbox({ rateLimit: false, events: { allowHttpLoopback: true, retryScale: 0.001 } });
		rx = await startReceiver();
	});
	afterEach(async () => {
		await sb.close();
		await rx.close();
	});

	test('create checks the URL with HEAD and answers 201 {id,…}; list and get say subscriptionId; duplicates 409', async () => {
		const created = await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'contact.created', callbackUrl: rx.url });
		expect(created.status).toBe(201);
		expect(Object.keys(created.json).sort()).toEqual(['createdDate', 'id', 'resourceUri', 'updatedDate', 'version']);
		expect(created.headers.get('location')).toBe(created.json.resourceUri);
		expect(rx.heads()).toBe(1);

		const dup = await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'contact.created', callbackUrl: rx.url });
		expect(dup.status).toBe(409);
		const other = await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'contact.changed', callbackUrl: rx.url });
		expect(other.status).toBe(201);

		const list = await call(sb, 'GET', '/v1/event-subscriptions');
		expect(list.json.content).toHaveLength(2);
		expect(Object.keys(list.json.content[0]).sort()).toEqual(['callbackUrl', 'createdDate', 'eventType', 'organizationId', 'subscriptionId']);
		const one = await call(sb, 'GET', `/v1/event-subscriptions/${created.json.id}`);
		expect(one.json).toMatchObject({ subscriptionId: created.json.id, eventType: 'contact.created', callbackUrl: rx.url, organizationId: sb.state.organizationId });
		expect(one.json.version).toBeUndefined();

		expect((await call(sb, 'DELETE', `/v1/event-subscriptions/${created.json.id}`)).status).toBe(204);
		expect((await call(sb, 'DELETE', `/v1/event-subscriptions/${created.json.id}`)).status).toBe(404);
		expect((await call(sb, 'GET', `/v1/event-subscriptions/${created.json.id}`)).status).toBe(404);
	});

	test('406 for an unknown event type, a failing HEAD check, or a plain-http URL', async () => {
		expect((await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'invoice.status.paid', callbackUrl: rx.url })).status).toBe(406);
		rx.headStatus = 404;
		expect((await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'invoice.created', callbackUrl: rx.url })).status).toBe(406);
		expect((await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'invoice.created', callbackUrl: 'http://127.0.0.1:1/none' })).status).toBe(406);

		const strict = await startSandbox({ rateLimit: false });
		try {
			rx.headStatus = 200;
			const res = await call(strict, 'POST', '/v1/event-subscriptions', { eventType: 'invoice.created', callbackUrl: rx.url });
			expect(res.status).toBe(406);
			expect(JSON.stringify(res.json.details)).toMatch(/https/);
		} finally {
			await strict.close();
		}
	});

	test('creating a contact or an invoice sends a compact body signed with RSA-SHA512 over the raw bytes', async () => {
		await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'contact.created', callbackUrl: rx.url });
		await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'invoice.created', callbackUrl: rx.url });
		const contact = await call(sb, 'POST', '/v1/contacts', { version: 0, roles: { customer: {} }, company: { name: 'Evt GmbH' } });
		await sb.events.settled();
		expect(rx.received).toHaveLength(1);
		const { raw, headers } = rx.received[0];
		expect(headers['content-type']).toBe('application/json');
		const parsed = JSON.parse(raw.toString());
		expect(Object.keys(parsed)).toEqual(['organizationId', 'eventType', 'resourceId', 'eventDate']);
		expect(parsed).toMatchObject({ organizationId: sb.state.organizationId, eventType: 'contact.created', resourceId: contact.json.id });
		expect(raw.toString()).toBe(JSON.stringify(parsed));
		const ok = crypto.verify('sha512', raw, sb.webhookPublicKey, Buffer.from(headers['x-lxo-signature'], 'base64'));
		expect(ok).toBe(true);
	});

	test('emit() sends a chosen event; failed deliveries are retried on the 10/20/40/80/160 s schedule, scaled', async () => {
		await rx.close();
		rx = await startReceiver([503, 429, 401, 200]);
		await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'payment.changed', callbackUrl: rx.url });
		const scaled = await startSandbox({ rateLimit: false, events: { allowHttpLoopback: true, retryScale: 0.01 } });
		try {
			await call(scaled, 'POST', '/v1/event-subscriptions', { eventType: 'payment.changed', callbackUrl: rx.url });
			const [delivery] = scaled.events.emit('payment.changed', 'pay-1', { eventDate: '2026-01-01T00:00:00.000+01:00' });
			await scaled.events.settled();
			expect(delivery.state).toBe('delivered');
			expect(rx.received.map((r) => r.status)).toEqual([503, 429, 401, 200]);
			const gaps = rx.received.slice(1).map((r, i) => r.at - rx.received[i].at);
			// 100, 200, 400 ms at scale 0.01
			expect(gaps[0]).toBeGreaterThanOrEqual(95);
			expect(gaps[1]).toBeGreaterThanOrEqual(195);
			expect(gaps[2]).toBeGreaterThanOrEqual(395);
			expect(RETRY_SCHEDULE_S.slice(0, 6)).toEqual([10, 20, 40, 80, 160, 1800]);
			expect(RETRY_SCHEDULE_S).toHaveLength(26);
		} finally {
			await scaled.close();
		}
	});

	test('a 400 is not retried; a 410 deletes the subscription; a lasting 404 deletes it once retries run out', async () => {
		await rx.close();
		rx = await startReceiver([400]);
		await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'article.created', callbackUrl: rx.url });
		const [d400] = sb.events.emit('article.created', 'a-1');
		await sb.events.settled();
		expect(d400.state).toBe('failed');
		expect(d400.attempts).toHaveLength(1);
		expect(sb.events.subscriptions.size).toBe(1);

		await rx.close();
		rx = await startReceiver([410]);
		await call(sb, 'POST', '/v1/event-subscriptions', { eventType: 'article.changed', callbackUrl: rx.url });
		sb.events.emit('article.changed', 'a-1');
		await sb.events.settled();
		expect([...sb.events.subscriptions.values()].map((s) => s.eventType)).toEqual(['article.created']);

		await rx.close();
		rx = await startReceiver([404]);
		const quick = await startSandbox({ rateLimit: false, events: { allowHttpLoopback: true, retryScale: 0.00001 } });
		try {
			await call(quick, 'POST', '/v1/event-subscriptions', { eventType: 'quotation.created', callbackUrl: rx.url });
			const [d404] = quick.events.emit('quotation.created', 'q-1');
			await quick.events.settled();
			expect(d404.attempts).toHaveLength(1 + RETRY_SCHEDULE_S.length);
			expect(quick.events.subscriptions.size).toBe(0);
		} finally {
			await quick.close();
		}
	});
});
