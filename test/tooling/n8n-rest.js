'use strict';

/**
 * A small client for a running n8n 2.x, speaking the editor's /rest API (cookie auth),
 * for end-to-end tests. Every /rest answer is `{data: ...}`; the helpers return `.data`
 * and throw N8nRestError on HTTP >= 400.
 *
 *   const { N8nRest } = require('./n8n-rest');
 *   const api = new N8nRest(n8n.url);
 *   await api.setupOwner();                    // or api.login({email, password})
 *   const cred = await api.createCredential({ name, type, data });
 *   const r = await api.oauth2Connect(cred.id); // r.success
 *   const run = await api.runWorkflow(workflowJson); // manual run, run.nodes['Set'].items
 */

const crypto = require('node:crypto');
const axios = require('axios');

const DEFAULT_OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'Passw0rd!Passw0rd',
});

class N8nRestError extends Error {
	constructor(method, path, status, body) {
		const msg = body && typeof body === 'object' ? body.message || JSON.stringify(body) : String(body).slice(0, 500);
		super(`${method} ${path} -> HTTP ${status}: ${msg}`);
		this.status = status;
		this.body = body;
	}
}

function isLoopbackHost(hostname) {
	const h = hostname.replace(/^\[|\]$/g, '');
	return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Decodes n8n's `flatted` serialisation (GET /rest/executions/:id returns `data` as a
 * flatted string): a JSON array whose element 0 is the root; inside objects/arrays every
 * string is the index of the element holding the real value (strings are stored as
 * separate elements). Shared references and cycles are preserved.
 */
function parseFlatted(text) {
	const input = JSON.parse(text);
	if (!Array.isArray(input)) return input;
	const done = new Map();
	const get = (i) => {
		const v = input[i];
		if (typeof v !== 'object' || v === null) return v;
		if (done.has(i)) return done.get(i);
		const out = Array.isArray(v) ? [] : {};
		done.set(i, out);
		for (const k of Object.keys(v)) {
			const x = v[k];
			out[k] = typeof x === 'string' ? get(Number(x)) : x;
		}
		return out;
	};
	return get(0);
}

/**
 * Turns IRunExecutionData.resultData.runData into
 * { [nodeName]: { status, error, runs, items, outputs } } where `outputs[i]` are the items
 * of output i of the LAST run (json + binary metadata), `items` = outputs[0].
 */
function summarizeRunData(runData = {}) {
	const nodes = {};
	for (const [name, runs] of Object.entries(runData)) {
		const mapped = runs.map((run) => {
			const main = (run.data && run.data.main) || [];
			return {
				status: run.executionStatus,
				startTime: run.startTime,
				executionTime: run.executionTime,
				error: run.error || null,
				outputs: main.map((items) =>
					(items || []).map((it) => ({
						json: it.json,
						binary: it.binary || undefined,
						pairedItem: it.pairedItem,
						error: it.error,
					})),
				),
			};
		});
		const last = mapped[mapped.length - 1] || { outputs: [], error: null };
		nodes[name] = {
			status: last.status,
			error: last.error,
			runs: mapped,
			outputs: last.outputs,
			items: last.outputs[0] || [],
		};
	}
	return nodes;
}

class N8nRest {
	/**
	 * @param {string} baseUrl e.g. http://127.0.0.1:5678
	 * @param {{browserId?: string, timeoutMs?: number}} [opts]
	 */
	constructor(baseUrl, { browserId, timeoutMs = 60000 } = {}) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.browserId = browserId || crypto.randomUUID();
		this.cookies = new Map();
		this.http = axios.create({
			baseURL: this.baseUrl,
			timeout: timeoutMs,
			maxRedirects: 0,
			validateStatus: () => true,
			proxy: false,
		});
	}

	get cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	_storeCookies(res) {
		const set = res.headers['set-cookie'];
		if (!set) return;
		for (const c of set) {
			const [pair, ...attrs] = c.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some((a) => {
				const [k, v] = a.trim().split('=');
				if (/^max-age$/i.test(k)) return Number(v) <= 0;
				if (/^expires$/i.test(k)) return new Date(v).getTime() < Date.now();
				return false;
			});
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	/** Raw request against n8n (any path); returns the axios response (never throws on status). */
	async request(method, path, { data, params, headers = {}, responseType } = {}) {
		const res = await this.http.request({
			method,
			url: path,
			data,
			params,
			responseType,
			headers: {
				...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
				'browser-id': this.browserId,
				...headers,
			},
		});
		this._storeCookies(res);
		return res;
	}

	/** /rest call; returns body.data, throws N8nRestError on HTTP >= 400. */
	async rest(method, path, data, params) {
		const res = await this.request(method, `/rest${path}`, { data, params });
		if (res.status >= 400) throw new N8nRestError(method, `/rest${path}`, res.status, res.data);
		return res.data && typeof res.data === 'object' && 'data' in res.data ? res.data.data : res.data;
	}

	// ---- users ------------------------------------------------------------------------

	async setupOwner(owner = {}) {
		const o = { ...DEFAULT_OWNER, ...owner };
		this.owner = o;
		return this.rest('POST', '/owner/setup', {
			email: o.email,
			firstName: o.firstName,
			lastName: o.lastName,
			password: o.password,
		});
	}

	async login({ email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password } = {}) {
		return this.rest('POST', '/login', { emailOrLdapLoginId: email, password });
	}

	/** Sets up the owner on a fresh instance, or logs in if that was done already. */
	async ensureOwner(owner = {}) {
		const settings = await this.rest('GET', '/settings');
		const needsSetup = settings && settings.userManagement && settings.userManagement.showSetupOnFirstLoad;
		if (needsSetup) return this.setupOwner(owner);
		const o = { ...DEFAULT_OWNER, ...owner };
		return this.login({ email: o.email, password: o.password });
	}

	// ---- types ------------------------------------------------------------------------

	/** GET /types/nodes.json (all loaded node type descriptions; names like 'n8n-nodes-base.set'). */
	async getNodeTypes() {
		const res = await this.request('GET', '/types/nodes.json');
		if (res.status !== 200) throw new N8nRestError('GET', '/types/nodes.json', res.status, res.data);
		return res.data;
	}

	/** GET /types/credentials.json (all loaded credential type descriptions). */
	async getCredentialTypes() {
		const res = await this.request('GET', '/types/credentials.json');
		if (res.status !== 200) throw new N8nRestError('GET', '/types/credentials.json', res.status, res.data);
		return res.data;
	}

	// ---- credentials ------------------------------------------------------------------

	async createCredential({ name, type, data, projectId }) {
		return this.rest('POST', '/credentials', { name, type, data, ...(projectId ? { projectId } : {}) });
	}

	async getCredential(id, { includeData = true } = {}) {
		return this.rest('GET', `/credentials/${id}`, undefined, includeData ? { includeData: 'true' } : undefined);
	}

	async updateCredential(id, { name, type, data }) {
		return this.rest('PATCH', `/credentials/${id}`, { name, type, data });
	}

	async deleteCredential(id) {
		return this.rest('DELETE', `/credentials/${id}`);
	}

	/** GET /rest/oauth2-credential/auth?id= -> the authorization URL (string). */
	async oauth2AuthUrl(credentialId) {
		return this.rest('GET', '/oauth2-credential/auth', undefined, { id: credentialId });
	}

	/**
	 * What the editor's "Connect my account" does, without a browser:
	 * 1. GET /rest/oauth2-credential/auth?id=… -> authorization URL;
	 * 2. GET that URL (no redirects followed; loopback only unless allowNonLoopback) and
	 *    read its Location (an `authorize(authUrl)` hook may replace this step, e.g. for a
	 *    consent form; it must resolve the redirect URL);
	 * 3. GET n8n's /rest/oauth2-credential/callback?code&state with the logged-in cookie.
	 * Resolves {success, authUrl, authParams, authorizeStatus, redirectUrl, callbackStatus,
	 * callbackBody, errorMessage}. success = n8n rendered its "Connection successful" page.
	 */
	async oauth2Connect(credentialId, { authorize, allowNonLoopback = false, authorizeHeaders = {} } = {}) {
		const authUrl = await this.oauth2AuthUrl(credentialId);
		const u = new URL(authUrl);
		const result = {
			success: false,
			authUrl,
			authParams: Object.fromEntries(u.searchParams),
			authorizeStatus: null,
			redirectUrl: null,
			callbackStatus: null,
			callbackBody: null,
			errorMessage: null,
		};
		let redirectUrl;
		if (authorize) {
			redirectUrl = await authorize(authUrl);
		} else {
			if (!allowNonLoopback && !isLoopbackHost(u.hostname)) {
				throw new Error(`refusing to contact non-loopback authorization server ${u.host}`);
			}
			const res = await axios.get(authUrl, {
				maxRedirects: 0,
				validateStatus: () => true,
				proxy: false,
				timeout: 30000,
				headers: authorizeHeaders,
				responseType: 'text',
			});
			result.authorizeStatus = res.status;
			redirectUrl = res.headers.location;
			if (!redirectUrl) {
				result.errorMessage = `authorization server answered ${res.status} without a Location header`;
				result.authorizeBody = typeof res.data === 'string' ? res.data.slice(0, 2000) : res.data;
				return result;
			}
		}
		const r = new URL(redirectUrl, authUrl);
		result.redirectUrl = r.toString();
		const n8nOrigin = new URL(this.baseUrl).origin;
		if (r.origin !== n8nOrigin || !r.pathname.endsWith('/rest/oauth2-credential/callback')) {
			result.errorMessage = `authorization server redirected to ${r.origin}${r.pathname}, not n8n's callback`;
			return result;
		}
		const cb = await this.request('GET', r.pathname + r.search, { responseType: 'text' });
		result.callbackStatus = cb.status;
		result.callbackBody = typeof cb.data === 'string' ? cb.data : JSON.stringify(cb.data);
		result.success = cb.status === 200 && /Connection successful/.test(result.callbackBody);
		if (!result.success) {
			const m = /<h4>Error: ([\s\S]*?)<\/h4>/.exec(result.callbackBody);
			const reason = /<pre class='reason'>([\s\S]*?)<\/pre>/.exec(result.callbackBody);
			result.errorMessage = m ? m[1].trim() : `callback answered HTTP ${cb.status}`;
			if (reason) result.errorReason = reason[1].trim();
		}
		return result;
	}

	// ---- workflows --------------------------------------------------------------------

	/** POST /rest/workflows; json = {name, nodes, connections, settings?, pinData?}. Returns the saved workflow (id, versionId, ...). */
	async createWorkflow(json) {
		const body = {
			name: json.name || `e2e ${new Date().toISOString()} ${crypto.randomBytes(3).toString('hex')}`,
			nodes: json.nodes,
			connections: json.connections || {},
			settings: json.settings || { executionOrder: 'v1' },
			...(json.pinData ? { pinData: json.pinData } : {}),
		};
		// n8n 1.x stores `active` as sent and its column is NOT NULL; 2.x derives it.
		if ((await this.serverMajor()) < 2) body.active = false;
		return this.rest('POST', '/workflows', body);
	}

	async getWorkflow(id) {
		return this.rest('GET', `/workflows/${id}`);
	}

	/** n8n 2.x "publish": POST /rest/workflows/:id/activate {versionId}. */
	async activateWorkflow(id, versionId) {
		if (!versionId) versionId = (await this.getWorkflow(id)).versionId;
		return this.rest('POST', `/workflows/${id}/activate`, { versionId });
	}

	async deactivateWorkflow(id) {
		return this.rest('POST', `/workflows/${id}/deactivate`, {});
	}

	/** n8n 2.x only deletes archived workflows: archive, then DELETE. */
	async deleteWorkflow(id) {
		await this.rest('POST', `/workflows/${id}/archive`, {});
		return this.rest('DELETE', `/workflows/${id}`);
	}

	// ---- executions -------------------------------------------------------------------

	/** GET /rest/executions?filter={"workflowId":…}&limit=… -> {count, results, estimated}. */
	async listExecutions({ workflowId, limit = 20, status } = {}) {
		const filter = {};
		if (workflowId) filter.workflowId = String(workflowId);
		if (status) filter.status = Array.isArray(status) ? status : [status];
		return this.rest('GET', '/executions', undefined, { filter: JSON.stringify(filter), limit });
	}

	/**
	 * GET /rest/executions/:id; its `data` (a flatted string) decoded into `runData`
	 * (IRunExecutionData), plus `nodes` = summarizeRunData(...) and `error` (workflow-level).
	 */
	async getExecution(id) {
		const ex = await this.rest('GET', `/executions/${id}`);
		const runExecutionData = typeof ex.data === 'string' ? parseFlatted(ex.data) : ex.data;
		const resultData = (runExecutionData && runExecutionData.resultData) || {};
		return {
			id: ex.id,
			status: ex.status,
			finished: ex.finished,
			mode: ex.mode,
			startedAt: ex.startedAt,
			stoppedAt: ex.stoppedAt,
			workflowId: ex.workflowId,
			runExecutionData,
			error: resultData.error || null,
			lastNodeExecuted: resultData.lastNodeExecuted,
			nodes: summarizeRunData(resultData.runData),
			raw: ex,
		};
	}

	/**
	 * Polls GET /rest/executions/:id until it is no longer new/running/waiting (bounded).
	 * n8n 1.x writes the final status before the run data (seen on 1.123.81: status
	 * 'success' with the run data still the initial, empty one), so a finished execution is
	 * returned once its data names a last executed node that has run data, or after
	 * `dataGraceMs` with the final status (a run that failed before any node).
	 */
	async waitForExecution(id, { timeoutMs = 60000, intervalMs = 200, dataGraceMs = 3000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let finalSince = null;
		for (;;) {
			let ex = null;
			try {
				ex = await this.getExecution(id);
			} catch (e) {
				if (!(e instanceof N8nRestError && e.status === 404)) throw e;
			}
			if (ex && !['new', 'running', 'waiting', 'unknown'].includes(ex.status)) {
				const complete = ex.stoppedAt && ex.lastNodeExecuted && ex.nodes[ex.lastNodeExecuted];
				if (finalSince === null) finalSince = Date.now();
				if (complete || Date.now() - finalSince >= dataGraceMs) return ex;
			}
			if (Date.now() > deadline) {
				throw new Error(`execution ${id} not finished within ${timeoutMs} ms (status ${ex && ex.status})`);
			}
			await new Promise((r) => setTimeout(r, intervalMs));
		}
	}

	/** n8n's version (GET /rest/settings -> versionCli), cached; e.g. '2.41.1'. */
	async serverVersion() {
		if (!this._version) {
			const settings = await this.rest('GET', '/settings');
			this._version = String((settings && settings.versionCli) || '');
		}
		return this._version;
	}

	/** Major version of the server (1 or 2). */
	async serverMajor() {
		return Number((await this.serverVersion()).split('.')[0]) || 0;
	}

	/**
	 * Manual run, as the editor's "Execute workflow" button: POST /rest/workflows/:id/run
	 * {triggerToStartFrom: {name, data?}} (or {destinationNode: {nodeName, mode}}).
	 * n8n 1.x also wants the workflow itself in the body (workflowData), as its editor sends it;
	 * pass it as `workflowData` and it is added for 1.x only.
	 * Resolves {executionId} or {waitingForWebhook: true} (trigger needs a webhook call).
	 */
	async runManually(workflowId, payload, workflowData) {
		if (workflowData && (await this.serverMajor()) < 2) payload = { workflowData, ...payload };
		return this.rest('POST', `/workflows/${workflowId}/run`, payload);
	}

	/**
	 * Saves `workflowJson`, runs it manually from its trigger (default: the first node whose
	 * type ends in 'manualTrigger'), waits for the stored execution and returns it decoded
	 * (see getExecution) with `workflow` attached. Set deleteAfter to archive+delete it.
	 */
	async runWorkflow(workflowJson, { triggerName, timeoutMs = 120000, deleteAfter = false } = {}) {
		const wf = workflowJson.id ? workflowJson : await this.createWorkflow(workflowJson);
		const trigger =
			triggerName ||
			(wf.nodes.find((n) => /manualTrigger$/i.test(n.type)) || wf.nodes.find((n) => /trigger/i.test(n.type)) || {}).name;
		const payload = trigger
			? { triggerToStartFrom: { name: trigger } }
			: { destinationNode: { nodeName: wf.nodes[wf.nodes.length - 1].name, mode: 'inclusive' } };
		const started = await this.runManually(wf.id, payload, wf);
		if (!started || !started.executionId) {
			throw new Error(`manual run did not start an execution: ${JSON.stringify(started)}`);
		}
		const ex = await this.waitForExecution(started.executionId, { timeoutMs });
		ex.workflow = wf;
		if (deleteAfter) await this.deleteWorkflow(wf.id).catch(() => {});
		return ex;
	}

	/**
	 * Calls a production webhook (/webhook/<path>) of an activated workflow. Returns the
	 * axios response (status, headers, data). responseType 'arraybuffer' for binary answers.
	 */
	async callWebhook(path, { method = 'POST', data, headers, params, responseType, test = false } = {}) {
		const prefix = test ? '/webhook-test/' : '/webhook/';
		const res = await this.http.request({
			method,
			url: prefix + path.replace(/^\//, ''),
			data,
			headers,
			params,
			responseType,
		});
		return res;
	}

	/**
	 * Creates + publishes a Webhook-triggered workflow, calls it, finds the stored execution
	 * and returns {response, execution, workflow}. The workflow must contain a node of type
	 * 'n8n-nodes-base.webhook' whose parameters.path equals `path` (see webhookNode()).
	 */
	async runWebhookWorkflow(
		workflowJson,
		{ path, method = 'POST', body, headers, responseType, timeoutMs = 120000, registerTimeoutMs = 15000, deleteAfter = false } = {},
	) {
		const wf = workflowJson.id ? workflowJson : await this.createWorkflow(workflowJson);
		const known = new Set(((await this.listExecutions({ workflowId: wf.id, limit: 100 })).results || []).map((e) => e.id));
		await this.activateWorkflow(wf.id, wf.versionId);
		// Publishing answers before the production webhook is registered (seen: ~0.4 s later
		// on 2.41.1): until then n8n answers 404 'The requested webhook "POST x" is not registered.'
		const registerDeadline = Date.now() + registerTimeoutMs;
		let response;
		for (;;) {
			response = await this.callWebhook(path, { method, data: body, headers, responseType });
			const text = responseType === 'arraybuffer' ? Buffer.from(response.data || '').toString('utf8') : JSON.stringify(response.data);
			if (!(response.status === 404 && /not registered/.test(text))) break;
			if (Date.now() > registerDeadline) {
				throw new Error(`webhook ${method} ${path} still not registered ${registerTimeoutMs} ms after publishing`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		// The execution is stored as the workflow finishes; poll the list for a new one.
		const deadline = Date.now() + timeoutMs;
		let execution = null;
		for (;;) {
			const list = await this.listExecutions({ workflowId: wf.id, limit: 20 });
			const fresh = (list.results || []).filter((e) => !known.has(e.id));
			if (fresh.length) {
				execution = await this.waitForExecution(fresh[0].id, { timeoutMs: Math.max(1000, deadline - Date.now()) });
				break;
			}
			if (Date.now() > deadline) throw new Error(`no execution stored for workflow ${wf.id} (webhook answered ${response.status})`);
			await new Promise((r) => setTimeout(r, 200));
		}
		if (deleteAfter) {
			await this.deactivateWorkflow(wf.id).catch(() => {});
			await this.deleteWorkflow(wf.id).catch(() => {});
		}
		return { response, execution, workflow: wf };
	}

	// ---- binary data ------------------------------------------------------------------

	/**
	 * Bytes of a binary property from an execution's item (`item.binary[prop]`):
	 * with an `id` (filesystem/database mode) via GET /rest/binary-data?id=…&action=download;
	 * otherwise from its inline base64 `data`. Returns a Buffer.
	 */
	async getBinaryData(binary) {
		if (typeof binary === 'string') binary = { id: binary };
		if (binary.id) {
			const res = await this.request('GET', '/rest/binary-data', {
				params: { id: binary.id, action: 'download' },
				responseType: 'arraybuffer',
			});
			if (res.status !== 200) {
				throw new N8nRestError('GET', '/rest/binary-data', res.status, Buffer.from(res.data || '').toString('utf8'));
			}
			return Buffer.from(res.data);
		}
		if (typeof binary.data === 'string') return Buffer.from(binary.data, 'base64');
		throw new Error('binary property has neither id nor data');
	}
}

/** Node-JSON helpers for building small workflows. */
const nodes = {
	manualTrigger(name = 'Manual Trigger', position = [0, 0]) {
		return { id: crypto.randomUUID(), name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position, parameters: {} };
	},
	/** Webhook answering with the last node's items (responseData 'allEntries', or 'firstEntryBinary'). */
	webhook(path, { name = 'Webhook', method = 'POST', responseData = 'allEntries', position = [0, 0] } = {}) {
		return {
			id: crypto.randomUUID(),
			name,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position,
			webhookId: crypto.randomUUID(),
			parameters: { httpMethod: method, path, responseMode: 'lastNode', responseData, options: {} },
		};
	},
	/** Set (Edit Fields) node v3.4 assigning string/number/boolean/json fields. */
	set(name, fields, position = [220, 0]) {
		const assignments = Object.entries(fields).map(([k, v]) => ({
			id: crypto.randomUUID(),
			name: k,
			value: v,
			type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : typeof v === 'object' ? 'object' : 'string',
		}));
		return {
			id: crypto.randomUUID(),
			name,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position,
			parameters: { assignments: { assignments }, options: {} },
		};
	},
	noOp(name = 'No Operation, do nothing', position = [440, 0]) {
		return { id: crypto.randomUUID(), name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position, parameters: {} };
	},
};

/** connections for a straight chain of node names: chain(['A','B','C']). */
function chain(names) {
	const c = {};
	for (let i = 0; i < names.length - 1; i++) {
		c[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return c;
}

module.exports = { N8nRest, N8nRestError, parseFlatted, summarizeRunData, nodes, chain, DEFAULT_OWNER, isLoopbackHost };
