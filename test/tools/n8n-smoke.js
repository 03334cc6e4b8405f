'use strict';

/**
 * Smoke check of the real-n8n tooling (no lexoffice code needed):
 *   node test/tools/n8n-smoke.js                 # plain n8n
 *   node test/tools/n8n-smoke.js --pack          # also npm-pack this repo and load it as a community package
 *   node test/tools/n8n-smoke.js --package X.tgz # load a given tarball
 *   node test/tools/n8n-smoke.js --extension-dir dist   # load via N8N_CUSTOM_EXTENSIONS instead
 *
 * Installs n8n if needed, starts it, sets up the owner, creates an `oAuth2Api` credential
 * (grant type PKCE) pointed at a throw-away OAuth server on 127.0.0.1 (below), performs
 * "Connect my account", checks n8n stored tokens, then runs workflows (manual and webhook)
 * and reads every node's output (json, binary bytes, errors). Prints timings; exit 1 on
 * any failed check. Everything started here is stopped before exit.
 */

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const { ensureN8n } = require('./n8n-install');
const { startN8n, packPackage } = require('./n8n-server');
const { N8nRest, parseFlatted, nodes, chain } = require('./n8n-rest');

const FILE_BYTES = Buffer.from('%PDF-1.4\n% smoke test file\n' + 'x'.repeat(100) + '\n%%EOF\n');

/** A tiny OAuth 2.0 authorization server + resource server (PKCE S256), loopback only. */
function startFakeOAuthServer() {
	const codes = new Map();
	const tokens = new Set();
	const seen = { authorize: [], token: [], api: [] };
	const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	const server = http.createServer((req, res) => {
		const u = new URL(req.url, 'http://127.0.0.1');
		const json = (status, body) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'GET' && u.pathname === '/authorize') {
			const q = Object.fromEntries(u.searchParams);
			seen.authorize.push(q);
			if (q.response_type !== 'code' || q.client_id !== 'smoke-client' || q.code_challenge_method !== 'S256' || !q.code_challenge) {
				return json(400, { error: 'invalid_request' });
			}
			const code = crypto.randomBytes(12).toString('hex');
			codes.set(code, { challenge: q.code_challenge, redirectUri: q.redirect_uri });
			const to = new URL(q.redirect_uri);
			to.searchParams.set('code', code);
			to.searchParams.set('state', q.state);
			res.writeHead(302, { location: to.toString() });
			return res.end();
		}
		if (req.method === 'POST' && u.pathname === '/token') {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				const f = Object.fromEntries(new URLSearchParams(body));
				seen.token.push({ grant_type: f.grant_type, has_verifier: !!f.code_verifier, client_id: f.client_id, auth: !!req.headers.authorization });
				let ok = false;
				if (f.grant_type === 'authorization_code') {
					const c = codes.get(f.code);
					codes.delete(f.code);
					ok = !!c && !!f.code_verifier && b64url(crypto.createHash('sha256').update(f.code_verifier).digest()) === c.challenge && c.redirectUri === f.redirect_uri;
				} else if (f.grant_type === 'refresh_token') {
					ok = !!f.refresh_token;
				}
				if (!ok) return json(400, { error: 'invalid_grant' });
				const access = crypto.randomBytes(16).toString('hex');
				tokens.add(access);
				json(200, { access_token: access, refresh_token: crypto.randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 3600 });
			});
			return;
		}
		const auth = req.headers.authorization || '';
		const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : '';
		seen.api.push({ path: u.pathname, authorized: tokens.has(bearer) });
		if (!tokens.has(bearer)) return json(401, { message: 'unauthorized' });
		if (u.pathname === '/me') return json(200, { id: 'u-1', name: 'Smoke User' });
		if (u.pathname === '/file') {
			res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="smoke.pdf"' });
			return res.end(FILE_BYTES);
		}
		if (u.pathname === '/fail') return json(500, { message: 'boom from fake server' });
		json(404, { message: 'not found' });
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const base = `http://127.0.0.1:${server.address().port}`;
			resolve({ base, seen, close: () => new Promise((r) => server.close(r)) });
		});
	});
}

function httpNode(name, url, credential, { file = false, position = [0, 0] } = {}) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			options: file ? { response: { response: { responseFormat: 'file' } } } : {},
		},
		credentials: { oAuth2Api: { id: credential.id, name: credential.name } },
	};
}

function parseArgs(argv) {
	const a = { pack: false, package: null, extensionDir: null };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--pack') a.pack = true;
		else if (argv[i] === '--package') a.package = argv[++i];
		else if (argv[i] === '--extension-dir') a.extensionDir = argv[++i];
	}
	return a;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const timings = {};
	const lap = async (name, fn) => {
		const t = Date.now();
		const r = await fn();
		timings[name] = Date.now() - t;
		return r;
	};
	const checks = [];
	const check = (name, fn) => {
		try {
			fn();
			checks.push([name, true]);
		} catch (e) {
			checks.push([name, false, e.message]);
		}
	};

	await lap('ensureN8n', () => ensureN8n());
	let packInfo = null;
	if (args.pack) packInfo = await lap('npmPack', async () => packPackage());
	const packageTarball = args.package || (packInfo && packInfo.tarball) || undefined;

	const oauth = await startFakeOAuthServer();
	let n8n;
	try {
		n8n = await lap('startN8n', () => startN8n({ packageTarball, extensionDir: args.extensionDir || undefined }));
		const api = new N8nRest(n8n.url);
		await lap('setupOwner', () => api.setupOwner());
		const api2 = new N8nRest(n8n.url);
		await lap('login', () => api2.login());
		check('login sets n8n-auth cookie', () => assert.ok(api2.cookies.has('n8n-auth')));

		const [nodeTypes, credTypes] = await lap('types', () => Promise.all([api.getNodeTypes(), api.getCredentialTypes()]));
		check('nodes.json has n8n-nodes-base.set', () => assert.ok(nodeTypes.some((t) => t.name === 'n8n-nodes-base.set')));
		check('credentials.json has oAuth2Api', () => assert.ok(credTypes.some((t) => t.name === 'oAuth2Api')));
		if (packageTarball || args.extensionDir) {
			const found = nodeTypes.filter((t) => /lexoffice/i.test(t.name)).map((t) => `${t.name}@${[].concat(t.version).join(',')}`);
			const foundCreds = credTypes.filter((t) => /lexoffice/i.test(t.name)).map((t) => t.name);
			console.log('community node types:', found, 'credential types:', foundCreds);
			check('package node type loaded', () => assert.ok(found.length > 0, n8n.logs.split('\n').filter((l) => /lexoffice|package|Failed/i.test(l)).join('\n').slice(-2000)));
			check('package credential types loaded', () => assert.ok(foundCreds.length > 0));
		}

		const cred = await lap('createCredential', () =>
			api.createCredential({
				name: 'Smoke OAuth2',
				type: 'oAuth2Api',
				data: {
					grantType: 'pkce',
					authUrl: `${oauth.base}/authorize`,
					accessTokenUrl: `${oauth.base}/token`,
					clientId: 'smoke-client',
					clientSecret: '',
					scope: 'read',
					authQueryParameters: '',
					authentication: 'body',
				},
			}),
		);
		const before = await api.getCredential(cred.id);
		check('credential not connected before', () => assert.ok(!before.data || !before.data.oauthTokenData));

		const conn = await lap('oauth2Connect', () => api.oauth2Connect(cred.id));
		console.log('oauth2Connect:', {
			success: conn.success,
			authorizeStatus: conn.authorizeStatus,
			callbackStatus: conn.callbackStatus,
			authParams: Object.keys(conn.authParams),
			redirect_uri: conn.authParams.redirect_uri,
			errorMessage: conn.errorMessage,
		});
		check('oauth2Connect success page', () => assert.equal(conn.success, true, conn.errorMessage || ''));
		check('auth URL carries S256 challenge', () => assert.equal(conn.authParams.code_challenge_method, 'S256'));
		check('token endpoint got code_verifier', () => assert.ok(oauth.seen.token.some((t) => t.grant_type === 'authorization_code' && t.has_verifier)));
		const after = await api.getCredential(cred.id);
		check('credential reports oauthTokenData: true', () => assert.equal(after.data.oauthTokenData, true));

		// --- manual run: Manual -> Set -> NoOp -> HTTP (OAuth2 json) -> HTTP (OAuth2 file)
		const wfManual = {
			name: 'smoke manual',
			nodes: [
				nodes.manualTrigger('Start', [0, 0]),
				nodes.set('Set', { greeting: 'hello', n: 42, ok: true }, [200, 0]),
				nodes.noOp('NoOp', [400, 0]),
				httpNode('Me', `${oauth.base}/me`, cred, { position: [600, 0] }),
				httpNode('File', `${oauth.base}/file`, cred, { file: true, position: [800, 0] }),
			],
			connections: chain(['Start', 'Set', 'NoOp', 'Me', 'File']),
		};
		const ex = await lap('runWorkflow(manual)', () => api.runWorkflow(wfManual));
		console.log('manual execution:', ex.id, ex.status, Object.fromEntries(Object.entries(ex.nodes).map(([k, v]) => [k, v.items.map((i) => ({ json: i.json, binary: i.binary && Object.keys(i.binary) }))])));
		check('manual run success', () => assert.equal(ex.status, 'success', JSON.stringify(ex.error)));
		check('Set output', () => assert.deepEqual(ex.nodes.Set.items[0].json, { greeting: 'hello', n: 42, ok: true }));
		check('NoOp output', () => assert.deepEqual(ex.nodes.NoOp.items[0].json, { greeting: 'hello', n: 42, ok: true }));
		check('OAuth2 call used the token', () => assert.deepEqual(ex.nodes.Me.items[0].json, { id: 'u-1', name: 'Smoke User' }));
		const bin = ex.nodes.File && ex.nodes.File.items[0] && ex.nodes.File.items[0].binary && ex.nodes.File.items[0].binary.data;
		console.log('binary metadata:', bin && { ...bin, data: bin.data && bin.data.slice(0, 40) });
		if (bin) {
			const bytes = await lap('getBinaryData', () => api.getBinaryData(bin));
			check('binary bytes round-trip', () => assert.ok(bytes.equals(FILE_BYTES)));
		} else check('binary output present', () => assert.fail('no binary'));

		// flatted decoder vs. n8n's own flatted
		try {
			const flatted = require(require.resolve('flatted', { paths: [path.join((await ensureN8n()).n8nDir, 'node_modules', 'n8n')] }));
			check('parseFlatted matches flatted.parse', () => assert.deepEqual(parseFlatted(ex.raw.data), flatted.parse(ex.raw.data)));
		} catch (e) {
			console.log('flatted comparison skipped:', e.message);
		}

		// --- error reporting: a node that fails
		const wfFail = {
			name: 'smoke fail',
			nodes: [nodes.manualTrigger('Start'), httpNode('Fail', `${oauth.base}/fail`, cred, { position: [200, 0] })],
			connections: chain(['Start', 'Fail']),
		};
		const exFail = await lap('runWorkflow(error)', () => api.runWorkflow(wfFail));
		console.log('error execution:', exFail.status, exFail.error && exFail.error.message, '| node error:', exFail.nodes.Fail && exFail.nodes.Fail.error && exFail.nodes.Fail.error.message);
		check('failed run reports error', () => assert.equal(exFail.status, 'error'));
		check('node error readable', () => assert.ok(exFail.nodes.Fail.error && exFail.nodes.Fail.error.message));

		// --- webhook: publish, call, read response + stored execution
		const wfHook = {
			name: 'smoke webhook',
			nodes: [nodes.webhook('smoke', { position: [0, 0] }), nodes.set('Set', { greeting: '={{ "hi " + $json.body.who }}' }, [200, 0])],
			connections: chain(['Webhook', 'Set']),
		};
		const hook = await lap('runWebhookWorkflow', () => api.runWebhookWorkflow(wfHook, { path: 'smoke', body: { who: 'webhook' } }));
		console.log('webhook response:', hook.response.status, JSON.stringify(hook.response.data), '| execution', hook.execution.id, hook.execution.mode, hook.execution.status);
		check('webhook answered with last node data (allEntries: an array)', () => assert.deepEqual(hook.response.data, [{ greeting: 'hi webhook' }]));
		check('webhook execution stored', () => assert.deepEqual(hook.execution.nodes.Set.items[0].json, { greeting: 'hi webhook' }));

		// second timing of a manual run (warm)
		await lap('runWorkflow(manual, warm)', () => api.runWorkflow({ ...wfManual, name: 'smoke manual 2' }));
	} catch (e) {
		checks.push(['no exception', false, e.stack]);
		if (n8n) console.error(n8n.logs.slice(-3000));
	} finally {
		if (n8n) await lap('stop', () => n8n.stop());
		await oauth.close();
		if (packInfo) packInfo.cleanup();
	}
	console.log('timings (ms):', timings);
	let failed = 0;
	for (const [name, ok, msg] of checks) {
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ': ' + msg}`);
		if (!ok) failed++;
	}
	console.log(`${checks.length - failed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main();
