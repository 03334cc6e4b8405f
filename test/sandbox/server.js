'use strict';

// HTTP front: body parsing, auth, rate limit, faults, routing, logging.

const http = require('http');
const errors = require('./errors');
const contacts = require('./contacts');
const invoices = require('./invoices');
const voucherlist = require('./voucherlist');
const files = require('./files');
const salesDocuments = require('./salesDocuments');
const articles = require('./articles');
const payments = require('./payments');
const { queryToObject } = require('./util');

const MAX_BODY = 25 * 1024 * 1024;
const RESET = Symbol('reset');
const SECRET_KEYS = new Set(['client_secret', 'code_verifier', 'refresh_token', 'token', 'access_token', 'code', 'password']);

const ROUTES = [
	['GET', /^\/v1\/profile$/, (ctx) => ({ status: 200, json: ctx.profile }), 'regular'],
	['GET', /^\/v1\/ping$/, (ctx) => ({ status: 200, json: { userEmail: ctx.profile.created.userEmail, organizationId: ctx.profile.organizationId } }), 'regular'],
	['POST', /^\/v1\/contacts$/, contacts.create, 'legacy'],
	['GET', /^\/v1\/contacts$/, contacts.list, 'legacy'],
	['GET', /^\/v1\/contacts\/([^/]+)$/, contacts.get, 'legacy'],
	['PUT', /^\/v1\/contacts\/([^/]+)$/, contacts.update, 'legacy'],
	['POST', /^\/v1\/invoices$/, invoices.create, 'regular'],
	['GET', /^\/v1\/invoices\/([^/]+)$/, invoices.get, 'regular'],
	['GET', /^\/v1\/invoices\/([^/]+)\/file$/, invoices.file, 'regular'],
	['GET', /^\/v1\/invoices\/([^/]+)\/document$/, invoices.document, 'regular'],
	['GET', /^\/v1\/voucherlist$/, voucherlist.list, 'regular'],
	['GET', /^\/v1\/files\/([^/]+)$/, files.getFile, 'legacy'],
	...salesDocuments.ROUTES,
	...articles.ROUTES,
	...payments.ROUTES,
];

function redactObject(obj) {
	if (!obj || typeof obj !== 'object') return obj;
	const out = {};
	for (const [k, v] of Object.entries(obj)) out[k] = SECRET_KEYS.has(k) ? '[redacted]' : v;
	return out;
}

function redactAuthorization(value) {
	if (!value) return null;
	const m = /^(\S+)\s+(.*)$/.exec(value);
	if (!m) return `${value.slice(0, 6)}…`;
	return `${m[1]} ${m[2].slice(0, 6)}…`;
}

function shorten(s, n) {
	return s.length > n ? `${s.slice(0, n)}…` : s;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) {
				reject(Object.assign(new Error('body too large'), { tooLarge: true }));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function isJson(ct) {
	return /^application\/(?:[\w.+-]+\+)?json\b/i.test(ct || '');
}

function createHttpServer(app) {
	const sockets = new Set();
	const timers = new Map(); // timeout -> resolve

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed) {
				const r = errors.regular(500, req.url, null);
				send(res, r);
			}
			app.emitError?.(err);
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	function delay(ms) {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.set(t, resolve);
		});
	}

	function send(res, result) {
		if (res.destroyed) return;
		const headers = { ...(result.headers || {}) };
		let body = result.body;
		if (result.json !== undefined) {
			body = Buffer.from(JSON.stringify(result.json));
			headers['Content-Type'] = headers['Content-Type'] || 'application/json; charset=utf-8';
		}
		body = body || Buffer.alloc(0);
		headers['Content-Length'] = String(body.length);
		res.writeHead(result.status, headers);
		res.end(body);
	}

	async function handle(req, res) {
		const seq = ++app.state.counters.requests;
		const started = Date.now();
		const url = new URL(req.url, 'http://sandbox.invalid');
		const path = url.pathname;
		const query = queryToObject(url.searchParams);
		const entry = {
			seq,
			time: started,
			method: req.method,
			path,
			query: redactObject(query),
			status: null,
			clientId: null,
			authorization: redactAuthorization(req.headers.authorization),
			requestBody: null,
			responseStatus: null,
			fault: null,
			executed: false,
			durationMs: null,
		};

		let raw;
		try {
			raw = await readBody(req);
		} catch (err) {
			if (err.tooLarge) {
				finish(entry, res, errors.regular(413, path, 'Payload too large'));
			}
			return;
		}

		const ctype = req.headers['content-type'] || '';
		const ctx = {
			method: req.method,
			path,
			query,
			headers: req.headers,
			rawBody: raw,
			baseUrl: app.url,
			state: app.state,
			searchWindow: app.options.searchWindow,
			body: undefined,
			form: {},
			profile: null,
		};
		if (raw.length) {
			if (/^application\/x-www-form-urlencoded\b/i.test(ctype)) {
				ctx.form = queryToObject(new URLSearchParams(raw.toString('utf8')));
				if (app.options.logBodies) entry.requestBody = redactObject(ctx.form);
			} else if (isJson(ctype)) {
				try {
					ctx.body = JSON.parse(raw.toString('utf8'));
					ctx.jsonOk = true;
				} catch {
					ctx.jsonOk = false;
				}
				if (app.options.logBodies) entry.requestBody = ctx.jsonOk ? ctx.body : shorten(raw.toString('utf8'), 2000);
			} else if (app.options.logBodies) {
				entry.requestBody = shorten(raw.toString('utf8'), 2000);
			}
		}

		let result;
		if (path.startsWith('/oauth2/')) {
			result = handleOAuth(ctx, entry, req);
		} else if (path === '/v1' || path.startsWith('/v1/')) {
			result = await handleApi(ctx, entry, req);
		} else {
			result = errors.gateway(404, 'Not Found');
		}
		if (result === RESET) {
			entry.fault = entry.fault || 'reset';
			entry.durationMs = Date.now() - started;
			record(entry);
			req.socket.destroy();
			return;
		}
		finish(entry, res, result, started);
	}

	function finish(entry, res, result, started = entry.time) {
		entry.status = result.status;
		entry.responseStatus = result.status;
		entry.durationMs = Date.now() - started;
		record(entry);
		send(res, result);
	}

	function record(entry) {
		app.log.push(entry);
		if (app.onLog) {
			try {
				app.onLog(entry);
			} catch {
				// a failing observer must not break the server
			}
		}
	}

	function handleOAuth(ctx, entry, req) {
		const clientId = ctx.query.client_id || ctx.form.client_id || basicClientId(req.headers.authorization);
		entry.clientId = typeof clientId === 'string' ? clientId : null;
		if (app.oauthLimiter) {
			const key = entry.clientId || req.socket.remoteAddress;
			const r = app.oauthLimiter.take(`oauth:${key}`);
			if (!r.ok) {
				entry.fault = 'rateLimit';
				return {
					status: 429,
					headers: r.retryAfterSeconds ? { 'Retry-After': String(r.retryAfterSeconds) } : undefined,
					json: { error: 'too_many_requests', error_description: 'Rate limit exceeded' },
				};
			}
		}
		return app.oauth.handle(ctx);
	}

	function authenticate(header) {
		if (!header) return { error: errors.gateway(401, 'Unauthorized') };
		const m = /^Bearer +(\S+)$/i.exec(header.trim());
		if (!m) {
			const parts = header.trim().split(/\s+/);
			const pair = parts.length > 1 ? parts.slice(1).join(' ') : parts[0];
			return {
				error: errors.gateway(
					403,
					`'${shorten(pair, 20)}' not a valid key=value pair (missing equal-sign) in Authorization header: '${shorten(header, 40)}'.`,
				),
			};
		}
		const token = m[1];
		const keyIndex = app.options.apiKeys.indexOf(token);
		if (keyIndex >= 0) {
			return { clientId: `api-key#${keyIndex + 1}`, bucket: `apikey:${token}`, connectionId: app.apiKeyConnectionId(token) };
		}
		const o = app.oauth.lookupAccessToken(token);
		if (!o || !o.ok) return { error: errors.gateway(401, 'Unauthorized') };
		return { clientId: o.clientId, bucket: `client:${o.clientId}`, connectionId: o.grant?.connectionId };
	}

	async function handleApi(ctx, entry, req) {
		const auth = authenticate(req.headers.authorization);
		if (auth.error) return auth.error;
		entry.clientId = auth.clientId;

		const limited = app.limiter.take(auth.bucket);
		if (!limited.ok) {
			entry.fault = 'rateLimit';
			return errors.gateway(
				429,
				'Rate limit exceeded',
				limited.retryAfterSeconds ? { 'Retry-After': String(limited.retryAfterSeconds) } : undefined,
			);
		}

		const fault = app.faults.draw(ctx.method);
		if (fault.slowMs > 0) await delay(fault.slowMs);
		if (app.closed) return RESET;
		if (fault.kind) entry.fault = fault.kind === '504' ? '504AfterCommit' : fault.kind;
		if (fault.kind === '429') {
			const retryAfter = app.faults.config.retryAfterSeconds;
			return errors.gateway(429, 'Rate limit exceeded', retryAfter ? { 'Retry-After': String(retryAfter) } : undefined);
		}
		if (fault.kind === '500') return errors.regular(500, ctx.path, null);
		if (fault.kind === '503') return errors.gateway(503, 'Service Unavailable');
		if (fault.kind === 'reset' && !fault.afterCommit) return RESET;
		if (fault.kind === 'echoToken') {
			const token = String(req.headers.authorization).trim().split(/\s+/).pop();
			return errors.regular(400, ctx.path, `Malformed request for access token ${token} (${encodeURIComponent(token)})`);
		}

		ctx.profile = app.profile(auth.connectionId);
		const result = route(ctx);
		entry.executed = true;

		if (fault.kind === '504') return errors.gateway(504, 'Endpoint request timed out');
		if (fault.kind === 'reset') {
			entry.fault = 'resetAfterCommit';
			return RESET;
		}
		return result;
	}

	function route(ctx) {
		let pathMatched = false;
		for (const [method, re, fn, shape] of ROUTES) {
			const m = re.exec(ctx.path);
			if (!m) continue;
			pathMatched = true;
			if (method !== ctx.method) continue;
			if (ctx.method === 'POST' || ctx.method === 'PUT') {
				const hasBody = ctx.rawBody.length > 0;
				const ct = ctx.headers['content-type'];
				if (!ct && hasBody) return errors.regular(415, ctx.path, 'Content-Type header is missing');
				if (hasBody && !isJson(ct)) return errors.regular(415, ctx.path, `Content type '${ct}' not supported`);
				if (hasBody && !ctx.jsonOk) {
					return shape === 'legacy' ? errors.legacyBadRequest(null) : errors.regular(400, ctx.path, 'Malformed JSON request body');
				}
			}
			let id;
			try {
				id = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
			} catch {
				id = m[1];
			}
			return fn(ctx, id);
		}
		if (pathMatched) return errors.gateway(405, 'Method Not Allowed');
		return errors.gateway(404, 'Not Found');
	}

	function basicClientId(header) {
		if (!header || !/^basic\s+/i.test(header)) return undefined;
		const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
		const i = decoded.indexOf(':');
		return i < 0 ? undefined : decoded.slice(0, i);
	}

	function close() {
		for (const [t, resolve] of timers) {
			clearTimeout(t);
			resolve();
		}
		timers.clear();
		return new Promise((resolve) => {
			server.close(() => resolve());
			for (const s of sockets) s.destroy();
			server.closeIdleConnections?.();
		});
	}

	return { server, close };
}

module.exports = { createHttpServer, redactAuthorization };
