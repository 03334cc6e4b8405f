'use strict';

/**
 * A tiny loopback proxy in front of the sandbox's token endpoint, for attacks on the login
 * that n8n itself would never make. A credential whose Access Token URL is
 *   <proxy.url>/<mode>/oauth2/token
 * has its token requests forwarded to <target>/oauth2/token according to <mode>:
 *  - pass:   unchanged (same bytes, same headers)
 *  - tamper: code_verifier replaced by another well-formed verifier
 *  - replay: the request is forwarded twice; n8n gets the answer to the second one
 * Every exchange is recorded in proxy.records as
 *   {mode, form (as n8n sent it), forwarded: [{form, status, body}], answeredStatus}.
 * Loopback only; close() ends open sockets too.
 */

const http = require('node:http');
const crypto = require('node:crypto');

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function forward(target, req, body) {
	return new Promise((resolve, reject) => {
		const headers = { ...req.headers };
		delete headers.host;
		delete headers['content-length'];
		delete headers.connection;
		headers['content-length'] = String(body.length);
		const out = http.request(
			new URL('/oauth2/token', target),
			{ method: req.method, headers, timeout: 15000 },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
				res.on('error', reject);
			},
		);
		out.on('timeout', () => out.destroy(new Error('token proxy: upstream timeout')));
		out.on('error', reject);
		out.end(body);
	});
}

/** A well-formed PKCE verifier (43 chars of base64url) that is not `other`. */
function otherVerifier(other) {
	for (;;) {
		const v = crypto.randomBytes(32).toString('base64url');
		if (v !== other) return v;
	}
}

async function startTokenProxy(target) {
	const records = [];
	const sockets = new Set();
	const server = http.createServer(async (req, res) => {
		const m = /^\/(pass|tamper|replay)\/oauth2\/token$/.exec(new URL(req.url, 'http://x').pathname);
		if (!m || req.method !== 'POST') {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end('{"error":"not_found"}');
			return;
		}
		const mode = m[1];
		try {
			const raw = await readBody(req);
			const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
			const record = { mode, form, forwarded: [], answeredStatus: null };
			records.push(record);
			let body = raw;
			if (mode === 'tamper' && form.code_verifier) {
				const params = new URLSearchParams(raw.toString('utf8'));
				params.set('code_verifier', otherVerifier(form.code_verifier));
				body = Buffer.from(params.toString());
			}
			const times = mode === 'replay' ? 2 : 1;
			let upstream;
			for (let i = 0; i < times; i++) {
				upstream = await forward(target, req, body);
				let parsed;
				try {
					parsed = JSON.parse(upstream.body.toString('utf8'));
				} catch {
					parsed = upstream.body.toString('utf8');
				}
				record.forwarded.push({ form: Object.fromEntries(new URLSearchParams(body.toString('utf8'))), status: upstream.status, body: parsed });
			}
			record.answeredStatus = upstream.status;
			const headers = { ...upstream.headers };
			delete headers['transfer-encoding'];
			delete headers.connection;
			headers['content-length'] = String(upstream.body.length);
			res.writeHead(upstream.status, headers);
			res.end(upstream.body);
		} catch (err) {
			res.writeHead(502, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: 'proxy_error', error_description: String(err && err.message) }));
		}
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		records,
		tokenUrl: (mode) => `${url}/${mode}/oauth2/token`,
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startTokenProxy };
