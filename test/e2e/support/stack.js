'use strict';

/**
 * The end-to-end stack: the packed package (npm pack of this repo) installed into a real
 * n8n the way the Community Nodes screen installs it, the lexoffice sandbox, and a token
 * proxy for login attacks, all on 127.0.0.1. Also small helpers the suite shares:
 * workflow builders, direct sandbox reads, token bookkeeping and a secret scanner.
 */

const crypto = require('node:crypto');
const { startN8n, packPackage } = require('../../tooling/n8n-server');
const { N8nRest, nodes } = require('../../tooling/n8n-rest');
const { startSandbox } = require('../../sandbox');
const { startTokenProxy } = require('./token-proxy');

const PKG = 'n8n-nodes-lexoffice';
const NODE_TYPE = `${PKG}.lexoffice`;

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Starts everything. Secrets are random per run, so a hit in the secret scan cannot be a
 * coincidence with fixed test strings.
 */
async function startStack({ logLevel = 'debug', seed = { contacts: 3, invoices: 3 }, readyTimeoutMs } = {}) {
	const secrets = {
		clientId: 'e2e-partner-app',
		clientSecret: `cs-${crypto.randomBytes(24).toString('base64url')}`,
		apiKey: `ak-${crypto.randomBytes(24).toString('base64url')}`,
		// The test's own reads (expected bytes, etc.); never given to n8n.
		directKey: `dk-${crypto.randomBytes(24).toString('base64url')}`,
	};

	// Every token the sandbox ever issued, and the refresh-token store at every token request
	// (rotation deletes used refresh tokens, so the history is kept here).
	const tokens = { access: new Set(), refresh: new Set(), snapshots: [] };
	let sbRef = null;
	const listeners = new Set();
	const onLog = (entry) => {
		if (!sbRef) return;
		const { access, refresh } = sbRef.state.tokens;
		for (const t of access.keys()) tokens.access.add(t);
		for (const t of refresh.keys()) tokens.refresh.add(t);
		if (entry.path === '/oauth2/token') {
			tokens.snapshots.push({
				seq: entry.seq,
				status: entry.status,
				grantType: entry.requestBody && entry.requestBody.grant_type,
				refresh: new Map([...refresh].map(([t, rec]) => [t, rec.grantId])),
			});
		}
		for (const l of listeners) l(entry);
	};

	const stack = { secrets, tokens, pages: [], listeners };
	const stoppers = [];
	stack.stop = async () => {
		for (const stop of stoppers.reverse()) {
			try {
				await stop();
			} catch {
				// keep stopping the rest
			}
		}
	};
	try {
		const pack = packPackage();
		stoppers.push(() => pack.cleanup());
		stack.pack = pack;

		const sb = await startSandbox({
			rateLimit: false,
			seed,
			apiKeys: [secrets.apiKey, secrets.directKey],
			oauth: { clients: [{ clientId: secrets.clientId, clientSecret: secrets.clientSecret }] },
			onLog,
		});
		sbRef = sb;
		stoppers.push(() => sb.close());
		stack.sb = sb;

		const proxy = await startTokenProxy(sb.url);
		stoppers.push(() => proxy.close());
		stack.proxy = proxy;

		const n8n = await startN8n({ packageTarball: pack.tarball, logLevel, readyTimeoutMs });
		stoppers.push(() => n8n.stop());
		stack.n8n = n8n;
		stack.bootLog = stripAnsi(n8n.logs);

		const api = new N8nRest(n8n.url);
		await api.ensureOwner();
		stack.api = api;
		return stack;
	} catch (e) {
		await stack.stop();
		throw e;
	}
}

/** Direct read from the sandbox with the test's own API key (log entries carry clientId 'api-key#2'). */
async function sandboxGet(sb, key, path, { accept = 'application/json' } = {}) {
	const res = await fetch(`${sb.url}${path}`, { headers: { Authorization: `Bearer ${key}`, Accept: accept } });
	const buf = Buffer.from(await res.arrayBuffer());
	const ct = res.headers.get('content-type') || '';
	return { status: res.status, headers: res.headers, bytes: buf, json: /json/.test(ct) ? JSON.parse(buf.toString('utf8')) : undefined };
}

/** A record of the sandbox as its API shows it (internal `_` fields dropped). */
function publicView(record) {
	const out = {};
	for (const k of Object.keys(record)) if (k[0] !== '_') out[k] = record[k];
	return JSON.parse(JSON.stringify(out));
}

// ---- workflow builders ----------------------------------------------------------------

/** A lexoffice node; `auth` 'oAuth2' (default) or 'apiKey'. */
function lexNode(name, parameters, cred, { auth = 'oAuth2', position = [440, 0], extra = {} } = {}) {
	const credKey = auth === 'apiKey' ? 'lexofficeApi' : 'lexofficeOAuth2Api';
	return {
		id: crypto.randomUUID(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { authentication: auth, ...parameters },
		credentials: { [credKey]: { id: cred.id, name: cred.name } },
		...extra,
	};
}

/** Set node producing one item whose `rows` field is an array, then Split Out: one item per row. */
function rowsNodes(prefix, rows, position = [220, 0]) {
	const setName = `${prefix} rows`;
	const splitName = `${prefix} items`;
	return {
		names: [setName, splitName],
		nodes: [
			{
				id: crypto.randomUUID(),
				name: setName,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position,
				parameters: {
					assignments: { assignments: [{ id: crypto.randomUUID(), name: 'rows', value: JSON.stringify(rows), type: 'array' }] },
					options: {},
				},
			},
			{
				id: crypto.randomUUID(),
				name: splitName,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [position[0] + 220, position[1]],
				parameters: { fieldToSplitOut: 'rows', include: 'noOtherFields', options: {} },
			},
		],
	};
}

/** connections from a list of [from, to] pairs (several targets per source allowed). */
function connect(pairs) {
	const c = {};
	for (const [from, to] of pairs) {
		c[from] = c[from] || { main: [[]] };
		c[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return c;
}

const byId = (value) => ({ __rl: true, mode: 'id', value });
const byUrl = (value) => ({ __rl: true, mode: 'url', value });

// ---- credentials ----------------------------------------------------------------------

function oauthCredentialData(stack, { tokenUrl, requestsPerSecond = 10 } = {}) {
	const { sb, secrets } = stack;
	return {
		environment: 'custom',
		customAuthorizationUrl: `${sb.url}/oauth2/authorize`,
		customAccessTokenUrl: tokenUrl || `${sb.url}/oauth2/token`,
		customApiBaseUrl: sb.url,
		clientId: secrets.clientId,
		clientSecret: secrets.clientSecret,
		requestsPerSecond,
	};
}

/** Creates a lexofficeOAuth2Api credential and runs "Connect my account"; callback pages are kept for the secret scan. */
async function connectOAuth(stack, name, opts = {}) {
	const cred = await stack.api.createCredential({ name, type: 'lexofficeOAuth2Api', data: oauthCredentialData(stack, opts) });
	const seqBefore = stack.sb.state.counters.requests;
	const conn = await stack.api.oauth2Connect(cred.id);
	stack.pages.push({ where: `callback page of "${name}"`, text: conn.callbackBody || '' });
	const entries = stack.sb.log.filter((e) => e.seq > seqBefore);
	return { cred, conn, entries };
}

/**
 * For a test file that needs one n8n and an API-key credential: registers the file's
 * beforeAll (boot, credential) and afterAll (stop) and returns a handle whose `S` and `cred`
 * are set once n8n is up. `run` runs a workflow, `opts` places a node on the API key and
 * `ok` expects an execution to have succeeded.
 */
function useApiKeyStack(name, { seed, readyTimeoutMs = 10 * 60 * 1000, bootTimeoutMs = 15 * 60 * 1000 } = {}) {
	const handle = {
		S: undefined,
		cred: undefined,
		run: (workflow) => handle.S.api.runWorkflow(workflow),
		opts: (position) => ({ auth: 'apiKey', position }),
		ok: (ex) => expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null }),
	};
	beforeAll(async () => {
		// A shared, busy machine can take minutes to run n8n's migrations.
		handle.S = await startStack({ logLevel: 'info', seed, readyTimeoutMs });
		handle.cred = await handle.S.api.createCredential({
			name,
			type: 'lexofficeApi',
			data: { apiKey: handle.S.secrets.apiKey, environment: 'custom', customApiBaseUrl: `${handle.S.sb.url}/v1/`, requestsPerSecond: 10 },
		});
	}, bootTimeoutMs);
	afterAll(async () => {
		if (handle.S) await handle.S.stop();
	}, 60 * 1000);
	return handle;
}

/** Is the credential connected? (n8n answers oauthTokenData: true when tokens are stored, and never the tokens.) */
async function isConnected(api, credId) {
	const c = await api.getCredential(credId);
	return c.data && c.data.oauthTokenData === true;
}

// ---- sandbox log ----------------------------------------------------------------------

function entriesSince(sb, seq) {
	return sb.log.filter((e) => e.seq > seq);
}

/** /v1 requests sent by n8n (not the test's direct reads). */
function apiEntries(entries) {
	return entries.filter((e) => e.path.startsWith('/v1') && e.clientId !== 'api-key#2');
}

const requestKey = (e) => `${e.method} ${e.path} ${JSON.stringify(e.query)} ${JSON.stringify(e.requestBody)}`;

/**
 * Checks that no request went out twice except one answered 401 (which n8n repeats once
 * after refreshing). Returns a list of problems (empty when fine).
 */
function duplicateProblems(entries) {
	const problems = [];
	const groups = new Map();
	for (const e of entries) {
		const k = requestKey(e);
		if (!groups.has(k)) groups.set(k, []);
		groups.get(k).push(e);
	}
	for (const [k, list] of groups) {
		const answered = list.filter((e) => e.status !== 401);
		if (answered.length !== 1) problems.push(`${k}: ${answered.length} answered (non-401) requests, statuses ${list.map((e) => e.status).join(',')}`);
		const last = list[list.length - 1];
		if (last.status === 401) problems.push(`${k}: the last attempt got 401`);
	}
	return problems;
}

/** Refresh-token grants of one OAuth grant, from the token-store snapshots: which token went in, which came out. */
function refreshChain(tokens, grantId) {
	const chain = [];
	let prev = null;
	for (const snap of tokens.snapshots) {
		const mine = new Set([...snap.refresh].filter(([, g]) => g === grantId).map(([t]) => t));
		if (prev && snap.grantType === 'refresh_token') {
			chain.push({
				seq: snap.seq,
				status: snap.status,
				presented: [...prev].filter((t) => !mine.has(t)),
				issued: [...mine].filter((t) => !prev.has(t)),
			});
		}
		prev = mine;
	}
	return chain;
}

// ---- secret scan ----------------------------------------------------------------------

/** Every form in which a secret could show up in text. */
function secretNeedles(stack) {
	const { secrets, tokens, sb } = stack;
	for (const t of sb.state.tokens.access.keys()) tokens.access.add(t);
	for (const t of sb.state.tokens.refresh.keys()) tokens.refresh.add(t);
	const needles = [];
	tokens.access.forEach((t) => needles.push({ kind: 'access token', value: t }));
	tokens.refresh.forEach((t) => needles.push({ kind: 'refresh token', value: t }));
	needles.push({ kind: 'client secret', value: secrets.clientSecret });
	needles.push({ kind: 'API key', value: secrets.apiKey });
	needles.push({ kind: 'client secret (HTTP Basic)', value: Buffer.from(`${secrets.clientId}:${secrets.clientSecret}`).toString('base64') });
	needles.push({
		kind: 'client secret (HTTP Basic, form-encoded)',
		value: Buffer.from(`${encodeURIComponent(secrets.clientId)}:${encodeURIComponent(secrets.clientSecret)}`).toString('base64'),
	});
	return needles;
}

function scan(text, needles, where) {
	const hits = [];
	for (const n of needles) {
		if (text.includes(n.value)) hits.push(`${n.kind} (${n.value.slice(0, 6)}…) in ${where}`);
	}
	return hits;
}

module.exports = {
	PKG,
	NODE_TYPE,
	startStack,
	stripAnsi,
	sandboxGet,
	publicView,
	lexNode,
	rowsNodes,
	connect,
	byId,
	byUrl,
	nodes,
	oauthCredentialData,
	connectOAuth,
	useApiKeyStack,
	isConnected,
	entriesSince,
	apiEntries,
	duplicateProblems,
	refreshChain,
	secretNeedles,
	scan,
};
