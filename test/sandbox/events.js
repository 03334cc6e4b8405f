'use strict';

// Event subscriptions and signed callbacks (fact sheet §7, §9; part 2 §6).
// state.events = createEvents(state, options); the create paths call state.events?.emit(type, id).

const crypto = require('crypto');
const http = require('http');
const https = require('https');
const { regular, validation, detail } = require('./errors');
const { randomUuid, formatBerlin, isPlainObject } = require('./util');

const WITH_STATUS = ['credit-note', 'delivery-note', 'down-payment-invoice', 'invoice', 'order-confirmation', 'quotation', 'voucher'];
const WITHOUT_STATUS = ['article', 'contact', 'dunning', 'recurring-template'];
const EVENT_TYPES = new Set([
	...WITHOUT_STATUS.flatMap((p) => ['created', 'changed', 'deleted'].map((a) => `${p}.${a}`)),
	...WITH_STATUS.flatMap((p) => ['created', 'changed', 'deleted', 'status.changed'].map((a) => `${p}.${a}`)),
	'payment.changed',
	'token.revoked',
]);

/** Seconds between delivery attempts: 10..160 s, a 30-minute pause, then 20 tries 2 h apart. */
const RETRY_SCHEDULE_S = [10, 20, 40, 80, 160, 1800, ...Array(20).fill(7200)];
const SUCCESS = new Set([200, 201, 202, 204]);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const DEFAULTS = {
	keyBits: 2048, // lexoffice's key has 4096 bits; 2048 keeps start-up fast and signs the same way
	allowHttpLoopback: false, // lexoffice calls HTTPS only; tests may allow http://127.0.0.1
	retryScale: 1, // multiplies the retry schedule (0.001 turns 10 s into 10 ms)
	timeoutMs: 5000, // lexoffice's read timeout
	maxRedirects: 3,
};

function isRetried(attempt) {
	if (attempt.error) return true; // timeouts, refused connections, DNS failures
	const s = attempt.status;
	return s === 401 || s === 403 || s === 404 || s === 429 || s >= 500;
}

function request(url, method, body, headers, timeoutMs) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			resolve({ error: 'invalid URL' });
			return;
		}
		const lib = target.protocol === 'https:' ? https : http;
		const req = lib.request(target, { method, headers: { ...headers, 'Content-Length': body ? body.length : 0 } }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location }));
			res.on('error', (e) => resolve({ error: e.code || e.message }));
		});
		req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
		req.on('error', (e) => resolve({ error: e.code || e.message }));
		req.end(body || undefined);
	});
}

function createEvents(state, userOptions = {}) {
	const options = { ...DEFAULTS, ...userOptions };
	// Made on first use, so sandboxes that never sign an event start as fast as before.
	let keys = null;
	const keyPair = () => {
		if (!keys) {
			const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: options.keyBits });
			keys = { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) };
		}
		return keys;
	};
	const subscriptions = new Map();
	const deliveries = [];
	const timers = new Map(); // timeout -> step, so close() can let waiting deliveries finish
	const pending = new Set();
	let closed = false;

	function sign(bytes) {
		return crypto.sign('sha512', Buffer.from(bytes), keyPair().privateKey).toString('base64');
	}

	function publicRow(sub) {
		const { subscriptionId, organizationId, createdDate, eventType, callbackUrl } = sub;
		return { subscriptionId, organizationId, createdDate, eventType, callbackUrl };
	}

	function callbackProblem(value) {
		if (typeof value !== 'string' || !value) return 'darf nicht leer sein';
		let url;
		try {
			url = new URL(value);
		} catch {
			return 'must be a valid URL';
		}
		if (url.protocol === 'https:') return null;
		if (url.protocol === 'http:' && options.allowHttpLoopback && LOOPBACK.has(url.hostname)) return null;
		return 'must be an https URL';
	}

	async function create(ctx) {
		const body = ctx.body;
		if (!isPlainObject(body)) return regular(400, ctx.path, 'Malformed request body');
		const details = [];
		if (!EVENT_TYPES.has(body.eventType)) details.push(detail('INVALID', 'eventType', 'unknown event type'));
		const urlProblem = callbackProblem(body.callbackUrl);
		if (urlProblem) details.push(detail('INVALID', 'callbackUrl', urlProblem));
		if (details.length) return validation(ctx.path, details);
		for (const sub of subscriptions.values()) {
			if (sub.eventType === body.eventType && sub.callbackUrl === body.callbackUrl) {
				return regular(409, ctx.path, 'Subscription for this event type and callback URL already exists');
			}
		}
		const probe = await request(body.callbackUrl, 'HEAD', null, {}, options.timeoutMs);
		if (probe.error || probe.status >= 400) {
			return validation(ctx.path, [detail('INVALID', 'callbackUrl', `callback URL not reachable (HEAD ${probe.error || probe.status})`)]);
		}
		const now = formatBerlin(Date.now());
		const sub = {
			subscriptionId: randomUuid(),
			organizationId: state.organizationId,
			createdDate: now,
			eventType: body.eventType,
			callbackUrl: body.callbackUrl,
		};
		subscriptions.set(sub.subscriptionId, sub);
		const resourceUri = `${ctx.baseUrl}/v1/event-subscriptions/${sub.subscriptionId}`;
		return {
			status: 201,
			headers: { Location: resourceUri },
			json: { id: sub.subscriptionId, resourceUri, createdDate: now, updatedDate: now, version: 0 },
		};
	}

	function list() {
		return { status: 200, json: { content: [...subscriptions.values()].map(publicRow) } };
	}

	function get(ctx, id) {
		const sub = subscriptions.get(id);
		if (!sub) return regular(404, ctx.path, null);
		return { status: 200, json: publicRow(sub) };
	}

	function remove(ctx, id) {
		if (!subscriptions.delete(id)) return regular(404, ctx.path, null);
		return { status: 204 };
	}

	function schedule(fn, ms) {
		const t = setTimeout(() => {
			timers.delete(t);
			fn();
		}, ms);
		timers.set(t, fn);
	}

	async function attemptOnce(delivery) {
		let url = delivery.callbackUrl;
		let result;
		for (let hop = 0; ; hop++) {
			result = await request(url, 'POST', delivery.body, { 'Content-Type': 'application/json', 'X-Lxo-Signature': delivery.signature }, options.timeoutMs);
			if (!result.error && result.status >= 300 && result.status < 400 && result.location && hop < options.maxRedirects) {
				url = new URL(result.location, url).toString();
				continue;
			}
			break;
		}
		return { at: Date.now(), status: result.status ?? null, error: result.error ?? null };
	}

	function run(delivery) {
		const done = new Promise((resolve) => {
			const step = async () => {
				if (closed) return resolve();
				const attempt = await attemptOnce(delivery);
				delivery.attempts.push(attempt);
				if (!attempt.error && SUCCESS.has(attempt.status)) {
					delivery.state = 'delivered';
					return resolve();
				}
				if (attempt.status === 410) {
					subscriptions.delete(delivery.subscriptionId);
					delivery.state = 'failed';
					return resolve();
				}
				const retryIndex = delivery.attempts.length - 1;
				if (!isRetried(attempt) || retryIndex >= RETRY_SCHEDULE_S.length || closed) {
					if (isRetried(attempt) && (attempt.status === 404 || attempt.error === 'ENOTFOUND')) {
						subscriptions.delete(delivery.subscriptionId);
					}
					delivery.state = 'failed';
					return resolve();
				}
				schedule(step, RETRY_SCHEDULE_S[retryIndex] * 1000 * options.retryScale);
			};
			schedule(step, 0); // lexoffice calls back after answering the request that caused the event
		});
		pending.add(done);
		done.then(() => pending.delete(done));
		return done;
	}

	/** Builds the callback body as lexoffice does: compact JSON in this key order. */
	function eventBody(eventType, resourceId, overrides = {}) {
		return Buffer.from(
			JSON.stringify({
				organizationId: overrides.organizationId ?? state.organizationId,
				eventType,
				resourceId,
				eventDate: overrides.eventDate ?? formatBerlin(Date.now()),
			}),
		);
	}

	/** Sends `eventType` for `resourceId` to every subscriber of that type; returns the deliveries. */
	function emit(eventType, resourceId, overrides = {}) {
		if (closed) return [];
		const body = eventBody(eventType, resourceId, overrides);
		const started = [];
		for (const sub of subscriptions.values()) {
			if (sub.eventType !== eventType) continue;
			const delivery = {
				subscriptionId: sub.subscriptionId,
				callbackUrl: sub.callbackUrl,
				eventType,
				resourceId,
				body,
				signature: overrides.signature ?? sign(body),
				attempts: [],
				state: 'pending',
			};
			deliveries.push(delivery);
			started.push(delivery);
			delivery.done = run(delivery);
		}
		return started;
	}

	return {
		get publicKeyPem() {
			return keyPair().publicKeyPem;
		},
		options,
		subscriptions,
		deliveries,
		sign,
		eventBody,
		emit,
		create,
		list,
		get,
		remove,
		/** Resolves when every delivery started so far has succeeded or given up. */
		settled: async () => {
			while (pending.size) await Promise.all([...pending]);
		},
		close: () => {
			closed = true;
			for (const [t, step] of timers) {
				clearTimeout(t);
				step();
			}
			timers.clear();
		},
	};
}

module.exports = { createEvents, EVENT_TYPES, RETRY_SCHEDULE_S };
