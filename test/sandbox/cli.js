#!/usr/bin/env node
'use strict';

// node test/sandbox/cli.js --port 5680 --host 127.0.0.1 --contacts 25 --invoices 10 --rps 2
//   --access-token-ttl 3600 [--client-id X --client-secret Y] [--api-key K] [--burst N]
//   [--no-pkce] [--no-rotate] [--search-window N] [--seed N] [--allow-http-callbacks] [--retry-scale F]
// Prints one JSON line {"url","apiKey","clientId","webhookPublicKey"} on stdout when ready; one line per request on stderr.

const { startSandbox } = require('./index');

const BOOL_FLAGS = new Set(['no-pkce', 'no-rotate', 'help', 'allow-http-callbacks']);

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
		let key = a.slice(2);
		let value;
		const eq = key.indexOf('=');
		if (eq >= 0) {
			value = key.slice(eq + 1);
			key = key.slice(0, eq);
		} else if (BOOL_FLAGS.has(key)) value = true;
		else {
			value = argv[++i];
			if (value === undefined) throw new Error(`missing value for --${key}`);
		}
		args[key] = value;
	}
	return args;
}

function num(v, fallback) {
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
	return n;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write('see the header of test/sandbox/cli.js for options\n');
		return;
	}
	const rps = num(args.rps, 2);
	const client = { clientId: args['client-id'] || 'sandbox-client' };
	const secret = args['client-secret'] ?? (args['client-id'] ? undefined : 'sandbox-secret');
	if (secret) client.clientSecret = secret;
	const apiKey = args['api-key'] || 'sandbox-api-key';

	// Install signal handlers before starting so an early signal is not lost.
	let sb = null;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		if (sb) await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	sb = await startSandbox({
		host: args.host || '127.0.0.1',
		port: num(args.port, 5680),
		rateLimit: rps > 0 ? { requestsPerSecond: rps, burst: num(args.burst, Math.max(1, Math.round(rps))) } : false,
		apiKeys: [apiKey],
		oauth: {
			clients: [client],
			accessTokenTtlSeconds: num(args['access-token-ttl'], 3600),
			requirePkce: !args['no-pkce'],
			rotateRefreshTokens: !args['no-rotate'],
		},
		searchWindow: num(args['search-window'], 10000),
		events: { allowHttpLoopback: Boolean(args['allow-http-callbacks']), retryScale: num(args['retry-scale'], 1) },
		seed: { contacts: num(args.contacts, 0), invoices: num(args.invoices, 0), random: num(args.seed, 42) },
		onLog: (e) => {
			process.stderr.write(`${e.method} ${e.path} ${e.status ?? 'reset'}${e.fault ? ` (${e.fault})` : ''}\n`);
		},
	});
	if (stopping) {
		await sb.close();
		process.exit(0);
	}
	process.stdout.write(`${JSON.stringify({ url: sb.url, apiKey, clientId: client.clientId, webhookPublicKey: sb.webhookPublicKey })}\n`);
}

main().catch((err) => {
	process.stderr.write(`sandbox: ${err.message}\n`);
	process.exit(1);
});
