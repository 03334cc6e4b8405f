#!/usr/bin/env node
'use strict';
/**
 * n8n in queue mode with this package: Redis on loopback, one n8n main
 * (EXECUTIONS_MODE=queue) and N workers (`n8n worker`), all sharing one user folder (its
 * SQLite database, the packed package under .n8n/nodes, one encryption key), against the
 * lexoffice sandbox at 2 requests/second. Runs concurrent executions of contact creates on
 * one lexoffice account and reports what lexoffice saw.
 *
 *   node test/tooling/queue-mode.js                          2 workers, 4 executions of 25 creates
 *   node test/tooling/queue-mode.js --workers 4 --executions 4 --items 25
 *   node test/tooling/queue-mode.js --workers 1 --inject429 0.2
 *
 * How workers get the package: n8n 2.41's `worker` command loads community packages like
 * `start` does (needsCommunityPackages), from <N8N_USER_FOLDER>/.n8n/nodes; sharing main's
 * user folder gives every worker the same installed package. Production executions
 * (webhook calls) run on the workers; main only enqueues them.
 */
const crypto = require('node:crypto');
const { startN8n, packPackage } = require('./n8n-server');
const { N8nRest } = require('./n8n-rest');
const { startRedis } = require('./redis');
const { startSandbox } = require('../sandbox');

const LIMIT = 2;
const NODE_TYPE = 'n8n-nodes-lexoffice.lexoffice';

function log(msg) {
	if (!process.env.N8N_TOOLS_QUIET) process.stderr.write(`[queue-mode] ${msg}\n`);
}

/**
 * Starts Redis, the sandbox, n8n main and `workers` workers. Each worker runs up to
 * `concurrency` executions at once. Returns {api, sandbox, apiKey, credential, stop()}.
 */
async function startQueueStack({ workers = 2, concurrency = 2, logLevel = 'warn', readyTimeoutMs = 300_000 } = {}) {
	const stoppers = [];
	const stop = async () => {
		for (const fn of stoppers.reverse()) {
			try {
				await fn();
			} catch {
				// keep stopping the rest
			}
		}
	};
	try {
		const apiKey = `qk-${crypto.randomBytes(16).toString('hex')}`;
		const sandbox = await startSandbox({ rateLimit: { requestsPerSecond: LIMIT, burst: 2 }, apiKeys: [apiKey], logBodies: false });
		stoppers.push(() => sandbox.close());
		const redis = await startRedis();
		stoppers.push(() => redis.stop());
		const pack = packPackage();
		stoppers.push(() => pack.cleanup());

		const shared = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			// Main and workers share one SQLite file: WAL lets several processes use it.
			DB_SQLITE_POOL_SIZE: '2',
		};
		const main = await startN8n({ packageTarball: pack.tarball, env: shared, logLevel, keepUserFolder: true, readyTimeoutMs });
		stoppers.push(async () => {
			await main.stop();
			require('node:fs').rmSync(main.userFolder, { recursive: true, force: true });
		});
		// Workers start side by side; they are stopped before main (stoppers run last to first).
		const starting = Array.from({ length: workers }, () =>
			startN8n({
				command: 'worker',
				userFolder: main.userFolder,
				env: { ...shared, N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency) },
				// A worker says it is ready ("n8n worker is now ready") at level info.
				logLevel: logLevel === 'debug' ? 'debug' : 'info',
				readyTimeoutMs,
			}),
		);
		const settled = await Promise.allSettled(starting);
		const started = settled.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value);
		for (const worker of started) stoppers.push(() => worker.stop());
		const failed = settled.find((outcome) => outcome.status === 'rejected');
		if (failed) throw failed.reason;
		log(`main ${main.url}, ${workers} worker(s), Redis on port ${redis.port}, sandbox ${sandbox.url}`);

		const api = new N8nRest(main.url);
		await api.ensureOwner();
		const credential = await api.createCredential({
			name: 'lexoffice (queue mode)',
			type: 'lexofficeApi',
			data: { apiKey, environment: 'custom', customApiBaseUrl: sandbox.url, requestsPerSecond: LIMIT },
		});
		return { api, sandbox, apiKey, credential, main, workers: started, redis, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

function workflowFor(credential, path, names) {
	const id = () => crypto.randomUUID();
	return {
		name: `queue ${path}`,
		nodes: [
			{
				id: id(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: id(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: id(),
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: { assignments: [{ id: id(), name: 'rows', value: JSON.stringify(names.map((name) => ({ name }))), type: 'array' }] },
					options: {},
				},
			},
			{
				id: id(),
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'rows', include: 'noOtherFields', options: {} },
			},
			{
				id: id(),
				name: 'Create',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [660, 0],
				// Every item is tried; one that fails becomes an error item, counted below.
				onError: 'continueRegularOutput',
				parameters: {
					authentication: 'apiKey',
					resource: 'contact',
					operation: 'create',
					contactType: 'company',
					companyName: '={{ $json.name }}',
					roles: ['customer'],
					additionalFields: {},
					// One request per item: the figures are about creates, not the read-back.
					options: { returnStoredRecord: false },
				},
				credentials: { lexofficeApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** What lexoffice saw in `entries` (sandbox log entries on /v1). */
function summarise(entries, limit = LIMIT) {
	const requests = entries.length;
	const bucket429 = entries.filter((entry) => entry.fault === 'rateLimit').length;
	const all429 = entries.filter((entry) => entry.status === 429).length;
	const carriedOut = entries.filter((entry) => entry.status < 400).length;
	const seconds = requests > 1 ? (entries.at(-1).time - entries[0].time) / 1000 : 0;
	const perSecond = (count) => (seconds > 0 ? (count - 1) / seconds / limit : 0);
	return {
		requests,
		seconds,
		// Requests lexoffice carried out, per second, as a fraction of the limit.
		doneFraction: perSecond(carriedOut),
		// Requests that took a token from the bucket (all but the bucket's own 429s).
		usedFraction: perSecond(requests - bucket429),
		share429: requests ? all429 / requests : 0,
		bucket429,
		all429,
	};
}

/**
 * Runs `executions` executions at once, each creating `items` contacts, on a running queue
 * stack. Returns the summary plus failed items, duplicates and execution statuses.
 */
async function runScenario(stack, { executions = 4, items = 25, inject429 = 0, label = 'run' } = {}) {
	const { api, sandbox, credential } = stack;
	const tag = crypto.randomBytes(3).toString('hex');
	const batches = Array.from({ length: executions }, (_, run) =>
		Array.from({ length: items }, (_, index) => `Queue ${tag} ${run + 1}-${index + 1} GmbH`),
	);
	const workflows = [];
	for (const [run, names] of batches.entries()) {
		const path = `queue-${tag}-${run + 1}`;
		const workflow = await api.createWorkflow(workflowFor(credential, path, names));
		await api.activateWorkflow(workflow.id, workflow.versionId);
		workflows.push({ workflow, path });
	}
	sandbox.setFaults({ rate429: inject429, seed: 17 });
	const startSeq = sandbox.state.counters.requests;
	const started = Date.now();
	try {
		await Promise.all(
			workflows.map(async ({ path }) => {
				const deadline = Date.now() + 15000;
				for (;;) {
					const response = await api.callWebhook(path, { data: {} });
					if (response.status < 400) return;
					// Publishing answers before the production webhook is registered.
					if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook ${path} answered ${response.status}`);
					await new Promise((resolve) => setTimeout(resolve, 100));
				}
			}),
		);
		const statuses = [];
		const deadline = Date.now() + Math.max(300_000, items * executions * 3000);
		for (const { workflow } of workflows) {
			for (;;) {
				const list = await api.listExecutions({ workflowId: workflow.id, limit: 5 });
				const done = (list.results || []).find((execution) => !['new', 'running', 'waiting', 'unknown'].includes(execution.status));
				if (done) {
					statuses.push(done.status);
					break;
				}
				if (Date.now() > deadline) throw new Error(`execution of workflow ${workflow.id} did not finish`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		}
		const entries = sandbox.log.filter((entry) => entry.seq > startSeq && entry.path.startsWith('/v1'));
		const created = new Map();
		for (const contact of sandbox.state.contacts.values()) {
			const name = contact.company && contact.company.name;
			if (name && name.includes(` ${tag} `)) created.set(name, (created.get(name) || 0) + 1);
		}
		const expected = batches.flat();
		return {
			scenario: label,
			executions,
			items: expected.length,
			failed: expected.filter((name) => !created.has(name)).length,
			duplicates: [...created.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
			statuses,
			wallSeconds: (Date.now() - started) / 1000,
			...summarise(entries),
		};
	} finally {
		sandbox.setFaults({ rate429: 0 });
		for (const { workflow } of workflows) {
			await api.deactivateWorkflow(workflow.id).catch(() => {});
		}
	}
}

function formatRow(result) {
	return {
		scenario: result.scenario,
		items: result.items,
		failed: result.failed,
		duplicates: result.duplicates,
		requests: result.requests,
		seconds: result.seconds.toFixed(1),
		'done/limit': result.doneFraction.toFixed(2),
		'used/limit': result.usedFraction.toFixed(2),
		'429 share': `${(result.share429 * 100).toFixed(1)} %`,
	};
}

function printTable(rows, out = process.stdout) {
	const columns = Object.keys(rows[0]);
	const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
	const line = (cells) => `| ${cells.map((cell, index) => String(cell).padEnd(widths[index])).join(' | ')} |`;
	out.write(`${line(columns)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`);
	for (const row of rows) out.write(`${line(columns.map((column) => row[column]))}\n`);
}

async function main() {
	const args = process.argv.slice(2);
	const option = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
	const workers = option('workers', 2);
	const executions = option('executions', 4);
	const items = option('items', 25);
	const inject429 = option('inject429', 0);
	const stack = await startQueueStack({ workers, concurrency: Math.ceil(executions / workers) });
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			stack.stop().finally(() => process.exit(130));
		});
	}
	try {
		const result = await runScenario(stack, {
			executions,
			items,
			inject429,
			label: `${workers} worker(s), ${executions} executions × ${items} creates${inject429 ? `, ${inject429 * 100} % 429 injected` : ''}`,
		});
		printTable([formatRow(result)]);
		process.stdout.write(`execution statuses: ${result.statuses.join(', ')}\n`);
		if (result.failed || result.duplicates) process.exitCode = 1;
	} finally {
		await stack.stop();
	}
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack || error}\n`);
		process.exitCode = 1;
	});
}

module.exports = { startQueueStack, runScenario, summarise, formatRow, printTable, LIMIT };
