'use strict';

/**
 * Starts a real n8n (installed by ./n8n-install.js, run with Node 24) on 127.0.0.1 with a
 * throw-away user folder, optionally with a community node package loaded.
 *
 *   const { startN8n } = require('./n8n-server');
 *   const n8n = await startN8n({ packageTarball: '/tmp/x/n8n-nodes-lexoffice-0.1.0.tgz' });
 *   // n8n.url, n8n.port, n8n.userFolder, n8n.logs, await n8n.stop()
 *
 * How the package gets in (`packageTarball`, the default way): exactly what n8n 2.41's
 * Community Nodes screen does (CommunityPackagesService.downloadPackage), minus the
 * registry: the `npm pack` tarball is extracted into <userFolder>/.n8n/nodes/node_modules/<name>,
 * dev/peer/optional dependencies are stripped from its package.json, `npm install
 * --ignore-scripts --package-lock=false ...` runs inside it (installs runtime
 * dependencies, if any), and <userFolder>/.n8n/nodes/package.json lists the dependency.
 * (N8N_USER_FOLDER=<userFolder> makes n8n use <userFolder>/.n8n as its folder.)
 * At start-up n8n's community-packages module scans nodes/node_modules for `n8n-nodes-*`
 * (no database record needed), so node types read `<packageName>.<nodeName>`
 * (e.g. `n8n-nodes-lexoffice.lexoffice`) — the names a self-hoster's workflows carry.
 * Chosen over `npm install <tarball>` in .n8n/nodes/ because npm 7+ would also install
 * the peer dependency n8n-workflow from the registry into nodes/node_modules (a second copy,
 * and a registry round-trip); n8n itself strips peer deps for the same reason.
 *
 * `extensionDir`: sets N8N_CUSTOM_EXTENSIONS=<dir> instead; n8n globs **\/*.node.js and
 * **\/*.credentials.js there and the node type reads `CUSTOM.<nodeName>`. Useful for a
 * quick run against dist/ without packing, but it is not how users install the package
 * (no package.json checks, no n8nNodesApiVersion check).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const crypto = require('node:crypto');
const { spawn, execFileSync } = require('node:child_process');
const { ensureN8n, cleanEnv, pathWithNode24, paths, REPO_ROOT } = require('./n8n-install');

const LOG_LIMIT = 8 * 1024 * 1024;
const running = new Set();

function log(msg) {
	if (process.env.N8N_TOOLS_QUIET) return;
	process.stderr.write(`[n8n-server] ${msg}\n`);
}

function killGroupSync(child, signal = 'SIGKILL') {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

let exitHookInstalled = false;
function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const h of running) {
			killGroupSync(h._child, 'SIGKILL');
			if (!h._keepUserFolder) {
				try {
					fs.rmSync(h.userFolder, { recursive: true, force: true, maxRetries: 3 });
				} catch {}
			}
		}
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		// Only take over the default behaviour when nobody else handles the signal.
		if (process.listenerCount(sig) > 0) continue;
		process.once(sig, () => {
			for (const h of running) killGroupSync(h._child, 'SIGKILL');
			process.kill(process.pid, sig);
		});
	}
}

function getFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function httpStatus(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			res.resume();
			resolve(res.statusCode);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
	});
}

/** Reads package.json out of an npm-pack tarball (package/package.json). */
function readTarballPackageJson(tarball) {
	const out = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
	return JSON.parse(out);
}

/** Installs an npm-pack tarball into <userFolder>/.n8n/nodes the way n8n's Community Nodes screen does. */
function installTarballIntoUserFolder(tarball, userFolder) {
	const abs = path.resolve(tarball);
	if (!fs.existsSync(abs)) throw new Error(`package tarball not found: ${abs}`);
	const pkg = readTarballPackageJson(abs);
	// InstanceSettings: n8nFolder = <N8N_USER_FOLDER>/.n8n, nodesDownloadDir = <n8nFolder>/nodes.
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', pkg.name);
	fs.mkdirSync(pkgDir, { recursive: true });
	execFileSync('tar', ['-xzf', abs, '-C', pkgDir, '--strip-components=1']);
	const pkgJsonPath = path.join(pkgDir, 'package.json');
	const stripped = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
	for (const k of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete stripped[k];
	fs.writeFileSync(pkgJsonPath, JSON.stringify(stripped, null, 2));
	if (stripped.dependencies && Object.keys(stripped.dependencies).length > 0) {
		execFileSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: pkgDir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
		);
	}
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2),
	);
	return { name: pkg.name, version: pkg.version, dir: pkgDir };
}

/**
 * `npm pack` of the repo (default: this one) into a fresh temp dir, with lifecycle scripts
 * off (no build runs: dist/ must already be built). Returns {tarball, dir, files, cleanup()}.
 */
function packPackage(repoDir = REPO_ROOT) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
		cwd: repoDir,
		env: cleanEnv(),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const info = JSON.parse(out)[0];
	return {
		tarball: path.join(dir, info.filename),
		dir,
		files: info.files.map((f) => f.path),
		cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

/**
 * Starts n8n. Options:
 *  - packageTarball: path to an `npm pack` tarball to install as a community package
 *  - extensionDir: folder for N8N_CUSTOM_EXTENSIONS (alternative to packageTarball)
 *  - port: defaults to a free port; env: extra/overriding environment variables
 *  - readyTimeoutMs (default 90000), keepUserFolder (default false), logLevel (default 'info')
 *  - command: 'start' (default) or 'worker' (queue mode: a worker is ready when it logs
 *    "n8n worker is now ready"; it serves no HTTP)
 *  - userFolder: an existing user folder to use (queue mode: workers share main's folder,
 *    its SQLite database and its installed packages); it is never removed by stop()
 * Resolves a handle {url, port, userFolder, logs, installedPackage, pid, stop()}.
 */
async function startN8n(options = {}) {
	const {
		packageTarball,
		extensionDir,
		port: wantedPort,
		env: extraEnv = {},
		readyTimeoutMs = 90000,
		logLevel = 'info',
		command = 'start',
		userFolder: givenUserFolder,
	} = options;
	const keepUserFolder = options.keepUserFolder === true || Boolean(givenUserFolder);
	const t0 = Date.now();
	const { nodeBin, n8nBin, version, n8nDir } = await ensureN8n();
	const runtime = paths().runtime;
	// Late n8n 1.x evaluates expressions in isolated-vm by default; its prebuilds cover Node
	// 22/24 only, so on the system Node 20 (installed without build scripts) n8n would crash at
	// start. The legacy engine is what those versions used before.
	const ivmPrebuild = path.join(n8nDir, 'node_modules', 'isolated-vm', 'prebuilds', `${process.platform}-${process.arch}`, `isolated-vm.abi${process.versions.modules}.node`);
	const legacyExpressions = runtime === 'system' && fs.existsSync(path.join(n8nDir, 'node_modules', 'isolated-vm')) && !fs.existsSync(ivmPrebuild);
	const port = wantedPort || (await getFreePort());
	const brokerPort = await getFreePort();
	const userFolder = givenUserFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-user-'));
	let installedPackage = null;
	if (packageTarball) {
		try {
			installedPackage = installTarballIntoUserFolder(packageTarball, userFolder);
		} catch (e) {
			fs.rmSync(userFolder, { recursive: true, force: true });
			throw e;
		}
	}
	const url = `http://127.0.0.1:${port}`;

	const env = cleanEnv({
		PATH: pathWithNode24(paths()),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// Its start-up task fetches a catalogue from n8n's servers (no network here: only log noise).
		// n8n 1.x has no such module and refuses to start when an unknown one is named.
		...(Number(String(version).split('.')[0]) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Task runners (Code node): internal mode, own loopback broker port so two servers
		// can run side by side; Python runner off (not installed: would only warn).
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PYTHON_ENABLED: 'false',
		// Nodes must be able to reach the loopback sandbox (SSRF protection is off by default; be explicit).
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		// Keep every execution with its data so tests can read node outputs.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// Binary data on disk, so it has an id readable through GET /rest/binary-data.
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		...(legacyExpressions ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...(extensionDir ? { N8N_CUSTOM_EXTENSIONS: path.resolve(extensionDir) } : {}),
		...extraEnv,
	});

	installExitHook();
	const child = spawn(nodeBin, [n8nBin, command], {
		cwd: userFolder,
		env,
		detached: true, // own process group: stop() kills n8n and its task runner together
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let logs = '';
	const onData = (chunk) => {
		if (logs.length < LOG_LIMIT) logs += chunk.toString('utf8');
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

	let stopped = false;
	const handle = {
		url,
		port,
		userFolder,
		version,
		installedPackage,
		pid: child.pid,
		_child: child,
		_keepUserFolder: keepUserFolder,
		get logs() {
			return logs;
		},
		exited,
		async stop({ timeoutMs = 15000 } = {}) {
			if (stopped) return exited;
			stopped = true;
			killGroupSync(child, 'SIGTERM');
			const timer = setTimeout(() => killGroupSync(child, 'SIGKILL'), timeoutMs);
			const res = await exited;
			clearTimeout(timer);
			// Stragglers in the group (task runner) after n8n itself exited.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			running.delete(handle);
			if (!keepUserFolder) {
				try {
					fs.rmSync(userFolder, { recursive: true, force: true, maxRetries: 3 });
				} catch {}
			}
			return res;
		},
	};
	running.add(handle);

	const deadline = Date.now() + readyTimeoutMs;
	let exitInfo = null;
	exited.then((x) => (exitInfo = x));
	for (;;) {
		if (exitInfo) {
			await handle.stop();
			throw new Error(`n8n exited before it was ready (${JSON.stringify(exitInfo)}); logs:\n${logs.slice(-4000)}`);
		}
		if (command === 'worker') {
			if (logs.includes('n8n worker is now ready')) break;
		} else if ((await httpStatus(`${url}/healthz/readiness`)) === 200 && (await httpStatus(`${url}/rest/settings`)) === 200) {
			// n8n 1.x reports ready before its /rest routes are mounted (during migrations): wait for both.
			break;
		}
		if (Date.now() > deadline) {
			await handle.stop();
			throw new Error(`n8n not ready within ${readyTimeoutMs} ms; logs:\n${logs.slice(-4000)}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	handle.startupMs = Date.now() - t0;
	log(`n8n ${version} ${command === 'worker' ? 'worker' : `ready at ${url}`} in ${(handle.startupMs / 1000).toFixed(1)} s (pid ${child.pid})`);
	return handle;
}

module.exports = { startN8n, packPackage, installTarballIntoUserFolder, readTarballPackageJson, getFreePort };
