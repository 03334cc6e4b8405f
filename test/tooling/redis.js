'use strict';

/**
 * Redis for n8n's queue mode, on loopback only.
 *
 *   const { ensureRedis, startRedis } = require('./redis');
 *   ensureRedis();                       // installs Debian's redis-server when it is missing
 *   const redis = await startRedis();    // redis.port, await redis.stop()
 *
 * Started with a random port, no persistence (no RDB snapshots, no AOF) and a throw-away
 * working directory, so nothing of a run survives it.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');

function log(msg) {
	if (process.env.N8N_TOOLS_QUIET) return;
	process.stderr.write(`[redis] ${msg}\n`);
}

function findRedisServer() {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : null;
}

/** Path of redis-server; installs Debian's package first when it is missing and we are root. */
function ensureRedis() {
	const existing = findRedisServer();
	if (existing) return existing;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!root || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error('redis-server is not installed; install it (Debian: apt-get install redis-server) and run again');
	}
	log('redis-server missing: installing Debian’s redis-server package');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'redis-server']]) {
		const run = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
		if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${run.status})`);
	}
	const installed = findRedisServer();
	if (!installed) throw new Error('redis-server is still missing after apt-get install');
	return installed;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) {
				socket.destroy();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
	});
}

/** Starts redis-server on 127.0.0.1 with a random port and no persistence. */
async function startRedis({ readyTimeoutMs = 15000 } = {}) {
	const binary = ensureRedis();
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-'));
	const child = spawn(
		binary,
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', '--daemonize', 'no'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let logs = '';
	child.stdout.on('data', (chunk) => (logs += chunk));
	child.stderr.on('data', (chunk) => (logs += chunk));
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	let exitInfo = null;
	exited.then((info) => (exitInfo = info));
	const cleanup = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	process.on('exit', cleanup);
	const stop = async () => {
		process.off('exit', cleanup);
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exitInfo) throw new Error(`redis-server exited (${JSON.stringify(exitInfo)}): ${logs.slice(-2000)}`);
		if (await ping(port)) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`redis-server not ready within ${readyTimeoutMs} ms: ${logs.slice(-2000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	log(`redis-server ready on 127.0.0.1:${port}`);
	return { host: '127.0.0.1', port, pid: child.pid, stop, get logs() { return logs; } };
}

module.exports = { ensureRedis, startRedis };
