#!/usr/bin/env node
'use strict';
/**
 * Benchmark: runs the built node in n8n's engine against the local sandbox and prints, per
 * scenario, the request rate achieved as a fraction of the allowed rate, items per second,
 * 429s received and memory. Mode "lexoffice" uses lexoffice's real limit (2/s); mode "raised"
 * raises the sandbox and credential limit to 20/s to show the node's own overhead. Mode
 * "inject" has the sandbox answer 20 % of requests with 429 at random. Mode "queue" runs a real
 * n8n in queue mode (Redis, main, 1, 2 and 4 workers; see queue-mode.js) with four executions
 * of contact creates on one account. Mode "simulate" runs the same scenarios, and a few more,
 * through the pacer in virtual time (test/harness/sharedBucket.js): seconds instead of minutes.
 *
 *   node test/tooling/bench.js            all modes, full sizes (about 25 minutes)
 *   node test/tooling/bench.js --quick    smaller sizes, for a smoke run
 *   node test/tooling/bench.js --mode raised
 *   node test/tooling/bench.js --uploads 50   another number of 1 MB uploads (default 200)
 *   node test/tooling/bench.js --mode queue
 *   node test/tooling/bench.js --mode simulate
 *   node test/tooling/bench.js --mode lexoffice --creates-only   only the contact creates
 */
const path = require('node:path');
const { createTestbed } = require('../harness/testbed');
const { pdf } = require('../harness/fixtures/receipts');
const { startQueueStack, runScenario, summarise, formatRow } = require('./queue-mode');
const { shareOneBucket } = require('../harness/sharedBucket');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const modeArg = args.includes('--mode') ? args[args.indexOf('--mode') + 1] : 'all';
const createsOnly = args.includes('--creates-only');
const MODES = [
	{ name: 'lexoffice', requestsPerSecond: 2 },
	{ name: 'raised', requestsPerSecond: 20 },
].filter((mode) => ['all', 'both'].includes(modeArg) || mode.name === modeArg);
const runInject = modeArg === 'all' || modeArg === 'inject';
const runQueue = modeArg === 'all' || modeArg === 'queue';
const runSimulation = modeArg === 'all' || modeArg === 'simulate';

const SIZES = quick
	? { contacts: 1000, creates: 20, invoices: 10, downloads: 5, uploads: 200 }
	: { contacts: 10000, creates: 500, invoices: 200, downloads: 50, uploads: 200 };
if (args.includes('--uploads')) SIZES.uploads = Number(args[args.indexOf('--uploads') + 1]);
const UPLOAD_BYTES = 1024 * 1024;

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

function invoiceParameters(contactId) {
	const lineItem = (index) => ({
		type: 'custom',
		name: `Position ${index + 1}`,
		quantity: index + 1,
		unitName: 'Stück',
		unitPrice: 19.99 + index,
		taxRate: '19',
		discountPercentage: 0,
	});
	return {
		resource: 'invoice',
		operation: 'create',
		defineInvoice: 'fields',
		recipient: 'contact',
		contactId: { __rl: true, mode: 'id', value: contactId },
		voucherDate: '2026-03-01',
		taxType: 'net',
		lineItems: { item: Array.from({ length: 5 }, (_, index) => lineItem(index)) },
		shippingType: 'service',
		shippingDate: '2026-03-01',
		finalize: true,
		additionalFields: { title: 'Rechnung' },
		// One request per item: the figures are about creates, not the read-back.
		options: { returnStoredRecord: false },
	};
}

async function measure(bed, label, allowedRate, work) {
	bed.sandbox.clearLog();
	global.gc?.();
	const baseline = process.memoryUsage();
	let peakRss = baseline.rss;
	let peakHeap = baseline.heapUsed;
	// Buffers (file bytes) live outside the V8 heap.
	let peakBuffers = baseline.arrayBuffers;
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
		peakBuffers = Math.max(peakBuffers, usage.arrayBuffers);
	}, 50);
	const started = process.hrtime.bigint();
	const { items, error } = await work();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	clearInterval(sampler);
	const requests = bed.apiRequests();
	const failed = items.filter((item) => item.json.error).length + (error ? 1 : 0);
	return {
		scenario: label,
		items: items.length,
		failed,
		requests: requests.length,
		seconds: seconds.toFixed(1),
		// Requests per second between the first and the last request lexoffice saw.
		'rate/allowed': requests.length > 1 ? ((requests.length - 1) / ((requests.at(-1).time - requests[0].time) / 1000) / allowedRate).toFixed(2) : '-',
		'items/s': (items.length / seconds).toFixed(1),
		'429s': requests.filter((entry) => entry.status === 429).length,
		'429 share': `${((requests.filter((entry) => entry.status === 429).length / Math.max(1, requests.length)) * 100).toFixed(1)} %`,
		'peak heap MB (+start)': `${mb(peakHeap)} (+${mb(peakHeap - baseline.heapUsed)})`,
		'peak buffers MB (+start)': `${mb(peakBuffers)} (+${mb(peakBuffers - baseline.arrayBuffers)})`,
		'peak RSS MB': mb(peakRss),
		error: error ? error.message : '',
	};
}

async function runMode(mode) {
	const bed = await createTestbed({ requestsPerSecond: mode.requestsPerSecond, sandbox: { logBodies: false } });
	const rate = mode.requestsPerSecond;
	const rows = [];
	try {
		bed.sandbox.seedContacts(SIZES.contacts);
		if (!createsOnly) {
			rows.push(
				await measure(bed, `Return All over ${SIZES.contacts} contacts`, rate, () =>
					bed.run({ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {} }),
				),
			);
		}
		const names = Array.from({ length: SIZES.creates }, (_, index) => ({ json: { name: `Bench ${index} GmbH` } }));
		rows.push(
			await measure(bed, `${SIZES.creates} contact creates`, rate, () =>
				bed.run(
					{ resource: 'contact', operation: 'create', contactType: 'company', companyName: '={{ $json.name }}', roles: ['customer'], additionalFields: {}, options: { returnStoredRecord: false } },
					{ items: names, continueOnFail: true },
				),
			),
		);
		if (createsOnly) return rows;
		const customer = [...bed.sandbox.state.contacts.values()].find((contact) => contact.roles.customer);
		const invoiceItems = Array.from({ length: SIZES.invoices }, () => ({ json: {} }));
		let created = [];
		rows.push(
			await measure(bed, `${SIZES.invoices} invoice creates, 5 line items`, rate, async () => {
				const result = await bed.run(invoiceParameters(customer.id), { items: invoiceItems, continueOnFail: true });
				created = result.items.filter((item) => item.json.id).map((item) => item.json.id);
				return result;
			}),
		);
		const downloads = created.slice(0, SIZES.downloads).map((id) => ({ json: { id } }));
		rows.push(
			await measure(bed, `${downloads.length} PDF downloads`, rate, () =>
				bed.run(
					{ resource: 'invoice', operation: 'download', invoiceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, fileFormat: 'pdf', binaryPropertyName: 'data' },
					{ items: downloads, continueOnFail: true },
				),
			),
		);
		rows.push(await benchUploads(bed, rate));
	} finally {
		await bed.close();
	}
	return rows;
}

/**
 * 200 uploads of a 1 MB PDF in one execution. The PDFs reach the node as n8n hands binaries
 * over (files on disk, referenced by id): a File → Download of distinct PDFs produces them.
 * The sandbox shares this process, so it forgets the bytes it receives; what is measured
 * is the node: its memory should stay near one file, not grow with the number of files.
 *   node test/tooling/bench.js --mode queue
 */
async function benchUploads(bed, rate) {
	const { state } = bed.sandbox;
	const ids = [];
	for (let index = 0; index < SIZES.uploads; index++) {
		const id = require('node:crypto').randomUUID();
		const bytes = pdf(`Beleg ${index}`, UPLOAD_BYTES);
		state.files.set(id, { id, bytes, contentType: 'application/pdf', fileName: `${id}.pdf`, kind: 'pdf', bookkeeping: true });
		ids.push(id);
	}
	let fetched = await bed.run(
		{ resource: 'file', operation: 'download', fileId: '={{ $json.id }}', representation: 'original', binaryPropertyName: 'data' },
		{ items: ids.map((id) => ({ json: { id } })) },
	);
	for (const id of ids) state.files.delete(id);
	const inputs = fetched.items.map((item) => ({ json: {}, binary: item.binary }));
	fetched = undefined;
	ids.length = 0;
	// Buffers are freed a moment after a collection: start the measurement without them.
	for (let round = 0; round < 3; round++) {
		global.gc?.();
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	bed.hooks.onLog = (entry) => {
		if (entry.path !== '/v1/files') return;
		for (const file of state.files.values()) if (file.bookkeeping) file.bytes = Buffer.alloc(0);
	};
	try {
		return await measure(bed, `${inputs.length} uploads of a 1 MB PDF`, rate, () =>
			bed.run({ resource: 'file', operation: 'upload', binaryPropertyName: 'data' }, { items: inputs, continueOnFail: true }),
		);
	} finally {
		bed.hooks.onLog = undefined;
	}
}

/** One process, 20 % of requests answered 429 at random (after taking a token, as if another client had). */
async function runInjected() {
	const bed = await createTestbed({ requestsPerSecond: 2, sandbox: { logBodies: false } });
	try {
		const count = quick ? 40 : 100;
		const names = Array.from({ length: count }, (_, index) => ({ json: { name: `Injected ${index} GmbH` } }));
		bed.sandbox.clearLog();
		bed.sandbox.setFaults({ rate429: 0.2, seed: 29 });
		const started = Date.now();
		const { items } = await bed.run(
			{ resource: 'contact', operation: 'create', contactType: 'company', companyName: '={{ $json.name }}', roles: ['customer'], additionalFields: {}, options: { returnStoredRecord: false } },
			{ items: names, continueOnFail: true },
		);
		const stored = [...bed.sandbox.state.contacts.values()].map((contact) => contact.company.name);
		const counts = new Map();
		for (const name of stored) counts.set(name, (counts.get(name) || 0) + 1);
		const summary = summarise(bed.apiRequests());
		return formatRow({
			scenario: `1 process, ${count} creates, 20 % of requests answered 429`,
			items: count,
			failed: items.filter((item) => item.json.error).length,
			duplicates: [...counts.values()].reduce((sum, value) => sum + Math.max(0, value - 1), 0),
			wallSeconds: (Date.now() - started) / 1000,
			...summary,
		});
	} finally {
		await bed.close();
	}
}

async function runQueueModes() {
	const rows = [];
	const executions = 4;
	const items = quick ? 10 : 25;
	for (const workers of [1, 2, 4]) {
		const stack = await startQueueStack({ workers, concurrency: Math.ceil(executions / workers) });
		try {
			rows.push(
				formatRow(
					await runScenario(stack, {
						executions,
						items,
						label: `${workers} worker${workers > 1 ? 's' : ''}, ${executions} executions × ${items} creates`,
					}),
				),
			);
		} finally {
			await stack.stop();
		}
	}
	return rows;
}

/**
 * The queue-mode and injected-429 scenarios in virtual time, each the mean of five seeds, plus
 * what the real runs cannot vary: a bucket of one token instead of two, and injected 429s
 * that take no token.
 */
function runSimulated() {
	const scenarios = [
		['1 process, 300 creates', { processes: 1, itemsEach: 300 }],
		['1 process, 4 executions × 25 creates', { processes: 1, executionsEach: 4, itemsEach: 25 }],
		['2 processes, 2 executions × 25 creates', { processes: 2, executionsEach: 2, itemsEach: 25 }],
		['4 processes, 1 execution × 25 creates', { processes: 4, itemsEach: 25 }],
		['4 processes, 1 execution × 100 creates', { processes: 4, itemsEach: 100 }],
		['4 processes × 25 creates, bucket of 1 token', { processes: 4, itemsEach: 25, burst: 1 }],
		['1 process, 300 creates, 1 % injected 429s', { processes: 1, itemsEach: 300, inject429: 0.01 }],
		['1 process, 100 creates, 20 % injected 429s', { processes: 1, itemsEach: 100, inject429: 0.2 }],
		['the same, injected 429s take no token', { processes: 1, itemsEach: 100, inject429: 0.2, injectedTakesToken: false }],
	];
	return scenarios.map(([scenario, options]) => {
		const runs = [1, 2, 3, 4, 5].map((seed) => shareOneBucket({ ...options, seed }));
		const mean = (pick) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
		return {
			scenario,
			failed: runs.reduce((sum, run) => sum + run.failed, 0),
			'done/limit': mean((run) => run.doneFraction).toFixed(2),
			'used/limit': mean((run) => run.usedFraction).toFixed(2),
			'429 share': `${(mean((run) => run.share429) * 100).toFixed(1)} %`,
		};
	});
}

function print(rows) {
	const columns = Object.keys(rows[0]).filter((key) => key !== 'error' || rows.some((row) => row.error));
	const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
	const line = (cells) => `| ${cells.map((cell, index) => String(cell).padEnd(widths[index])).join(' | ')} |`;
	process.stdout.write(`${line(columns)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`);
	for (const row of rows) process.stdout.write(`${line(columns.map((column) => row[column]))}\n`);
}
async function main() {
	process.stdout.write(`Benchmark of ${path.basename(process.cwd())} (${quick ? 'quick' : 'full'} sizes), Node ${process.version}\n`);
	for (const mode of MODES) {
		process.stdout.write(`\nMode "${mode.name}": sandbox and credential at ${mode.requestsPerSecond} requests/second\n`);
		print(await runMode(mode));
	}
	if (runInject) {
		process.stdout.write('\nMode "inject": 2 requests/second, 20 % of requests answered 429 at random\n');
		print([await runInjected()]);
	}
	if (runSimulation) {
		process.stdout.write('\nMode "simulate": the pacer in virtual time against a 2/s token bucket (mean of 5 seeds)\n');
		print(runSimulated());
	}
	if (runQueue) {
		process.stdout.write('\nMode "queue": n8n queue mode (Redis, main, workers), one account at 2 requests/second\n');
		print(await runQueueModes());
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});
