'use strict';

/**
 * Shared by the browser tests (test/browser/*.browser.js, through global-setup.js) and the
 * screenshot script (screenshots.js): a real n8n with the packed package installed the way the
 * Community Nodes screen installs it, the local lexoffice sandbox, an owner set up over REST,
 * Debian's Chromium driven by playwright-core, and small helpers that speak the n8n editor's
 * DOM (its data-test-id attributes, n8n 2.41).
 *
 *   const stack = await startStack();          // sandbox + n8n + owner; stack.stop()
 *   const browser = await launchBrowser();     // fresh temporary profile; browser.close()
 *   const editor = await Editor.open(browser, describeStack(stack));
 *   await editor.signIn();
 *
 * Everything stays on 127.0.0.1: the browser aborts any request to another host (see
 * Editor.open); the sandbox and n8n listen on loopback only.
 */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startSandbox } = require('../sandbox');
const { startN8n, packPackage } = require('../tooling/n8n-server');
const { N8nRest, DEFAULT_OWNER, nodes: n8nNodes, chain } = require('../tooling/n8n-rest');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const NODE_TYPE = 'n8n-nodes-lexoffice.lexoffice';
const CLIENT_ID = 'sandbox-client';
const CLIENT_SECRET = 'sandbox-secret';
const API_KEY = 'sandbox-api-key';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const VIEWPORT = { width: 1440, height: 900 };

/** Upper bounds for waits (ms). Nothing in these tests waits without one. */
const WAIT = { ui: 15000, nav: 30000, run: 60000, launch: 30000 };

// ---------------------------------------------------------------------------------------
// Servers

function newestMtime(dir, filter) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, filter));
		else if (filter(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
	}
	return newest;
}

/** The tests install the packed dist/: refuse to test a build older than the sources. */
function assertBuilt() {
	const builtNode = path.join(REPO_ROOT, 'dist', 'nodes', 'Lexoffice', 'Lexoffice.node.js');
	if (!fs.existsSync(builtNode)) throw new Error('dist/ is missing: run `npm run build` first');
	const built = newestMtime(path.join(REPO_ROOT, 'dist'), (n) => /\.(js|json|svg)$/.test(n));
	const sources = Math.max(
		newestMtime(path.join(REPO_ROOT, 'nodes'), (n) => /\.(ts|json|svg)$/.test(n)),
		newestMtime(path.join(REPO_ROOT, 'credentials'), (n) => n.endsWith('.ts')),
	);
	if (sources > built) throw new Error('dist/ is older than nodes/ or credentials/: run `npm run build` first');
}

function assertChromium() {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
	}
}

/** `preferred` when it is free on 127.0.0.1, otherwise 0 (any free port). */
function portOrAny(preferred) {
	if (!preferred) return Promise.resolve(0);
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.unref();
		probe.once('error', () => resolve(0));
		probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
	});
}

/**
 * Starts the sandbox (6 contacts, a finalized and a draft invoice), packs this repository,
 * starts n8n with the package installed and sets up the owner. `n8nPort` / `sandboxPort` are
 * used when free (the screenshots want stable URLs); `n8nEnv` adds environment variables for
 * n8n. Resolves {sandbox, n8n, api, stop()}.
 */
async function startStack({ n8nPort, sandboxPort, n8nEnv } = {}) {
	assertBuilt();
	const stops = [];
	const stop = async () => {
		while (stops.length) {
			try {
				await stops.pop()();
			} catch {
				// keep stopping the rest
			}
		}
	};
	try {
		const sandbox = await startSandbox({
			port: await portOrAny(sandboxPort),
			apiKeys: [API_KEY],
			oauth: { clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }], accessTokenTtlSeconds: 3600 },
			seed: { contacts: 6, random: 42 },
		});
		stops.push(() => sandbox.close());
		sandbox.seedInvoices(1, { status: 'open', from: '2025-03-01', to: '2025-03-31' });
		sandbox.seedInvoices(1, { status: 'draft', from: '2025-04-01', to: '2025-04-30' });
		const pack = packPackage(REPO_ROOT);
		stops.push(async () => pack.cleanup());
		const n8n = await startN8n({ packageTarball: pack.tarball, port: await portOrAny(n8nPort), env: n8nEnv });
		stops.push(() => n8n.stop());
		const api = new N8nRest(n8n.url);
		await api.setupOwner();
		return { sandbox, n8n, api, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

function contactName(contact) {
	if (contact.company) return contact.company.name;
	return [contact.person.firstName, contact.person.lastName].filter(Boolean).join(' ');
}

/** What the tests need to know about a running stack, as plain JSON (it crosses processes). */
function describeStack(stack, extra = {}) {
	const { sandbox, n8n } = stack;
	const contacts = [...sandbox.state.contacts.values()].map((c) => ({
		id: c.id,
		name: contactName(c),
		customer: Boolean(c.roles.customer),
		number: c.roles.customer ? c.roles.customer.number : c.roles.vendor.number,
	}));
	const invoices = [...sandbox.state.invoices.values()].map((i) => ({
		id: i.id,
		status: i.voucherStatus,
		voucherNumber: i.voucherNumber || null,
		contactName: i.address && i.address.name,
	}));
	return {
		n8nUrl: n8n.url,
		sandboxUrl: sandbox.url,
		owner: { email: DEFAULT_OWNER.email, password: DEFAULT_OWNER.password },
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		apiKey: API_KEY,
		contacts,
		invoices,
		...extra,
	};
}

// ---------------------------------------------------------------------------------------
// REST set-up (what a user would have done earlier)

/** A logged-in REST client for the owner. */
async function restClient(env) {
	const api = new N8nRest(env.n8nUrl);
	await api.login(env.owner);
	return api;
}

/** A Lexoffice OAuth2 credential for the sandbox, connected through n8n's own PKCE flow. */
async function connectedOAuthCredential(api, env, name = 'Lexoffice sandbox (OAuth2)') {
	const credential = await api.createCredential({
		name,
		type: 'lexofficeOAuth2Api',
		data: {
			environment: 'custom',
			customAuthorizationUrl: `${env.sandboxUrl}/oauth2/authorize`,
			customAccessTokenUrl: `${env.sandboxUrl}/oauth2/token`,
			customApiBaseUrl: env.sandboxUrl,
			clientId: env.clientId,
			clientSecret: env.clientSecret,
		},
	});
	const connected = await api.oauth2Connect(credential.id);
	if (!connected.success) throw new Error(`connecting ${name} failed: ${connected.errorMessage}`);
	return { id: credential.id, name: credential.name };
}

/** A manual trigger followed by Lexoffice nodes: [{name, parameters}], chained. */
function lexofficeWorkflow(name, credential, steps) {
	const trigger = n8nNodes.manualTrigger('When clicking ‘Execute workflow’', [0, 0]);
	const lexofficeNodes = steps.map((step, index) => ({
		id: `lexoffice-${index}-${Math.random().toString(36).slice(2, 10)}`,
		name: step.name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [260 * (index + 1), 0],
		parameters: { authentication: 'oAuth2', ...step.parameters },
		...(credential ? { credentials: { lexofficeOAuth2Api: credential } } : {}),
	}));
	const all = [trigger, ...lexofficeNodes];
	return { name, nodes: all, connections: chain(all.map((n) => n.name)), settings: { executionOrder: 'v1' } };
}

/** The stack global-setup.js started, as the test files see it. */
function browserEnv() {
	const raw = process.env.LEXOFFICE_BROWSER_ENV;
	if (!raw) throw new Error('run the browser suite with `npx jest -c test/browser/jest.config.js`: its global set-up starts n8n');
	return JSON.parse(raw);
}

/**
 * For a test file: connects to the suite's Chromium, opens an editor page in a new context
 * and signs in through the form. close() closes the context and the connection (the shared
 * Chromium keeps running for the next file).
 */
async function openSession(options) {
	const env = browserEnv();
	const browser = await connectBrowser(env.wsEndpoint);
	let editor;
	try {
		editor = await Editor.open(browser, env, options);
		await editor.signIn();
	} catch (error) {
		await browser.close().catch(() => {});
		throw error;
	}
	return {
		env,
		browser,
		editor,
		async close() {
			await editor.close();
			await browser.close().catch(() => {});
		},
	};
}

// ---------------------------------------------------------------------------------------
// Browser

function launchOptions() {
	assertChromium();
	// Playwright gives every launch a fresh temporary profile (user-data-dir) and deletes it on close.
	return { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: WAIT.launch };
}

async function launchBrowser() {
	return chromium.launch(launchOptions());
}

/** For jest's global set-up: one Chromium that every test file connects to. */
async function launchBrowserServer() {
	return chromium.launchServer(launchOptions());
}

async function connectBrowser(wsEndpoint) {
	return chromium.connect(wsEndpoint, { timeout: WAIT.launch });
}

function isLoopbackUrl(url) {
	if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A page on the n8n editor plus helpers for the parts the tests touch. */
class Editor {
	/**
	 * A new browser context (own cookies and storage) with one page. theme: 'light' | 'dark'
	 * (n8n reads localStorage N8N_THEME). Requests to non-loopback hosts are aborted and
	 * listed in editor.blockedRequests.
	 */
	static async open(browser, env, { viewport = VIEWPORT, theme = 'light' } = {}) {
		const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'en-US' });
		const blockedRequests = [];
		await context.route(
			(url) => !isLoopbackUrl(url),
			(route) => {
				blockedRequests.push(route.request().url());
				return route.abort('blockedbyclient');
			},
		);
		await context.addInitScript((wanted) => {
			try {
				localStorage.setItem('N8N_THEME', wanted);
			} catch {
				// about:blank has no storage
			}
		}, theme);
		const page = await context.newPage();
		page.setDefaultTimeout(WAIT.ui);
		page.setDefaultNavigationTimeout(WAIT.nav);
		const editor = new Editor(context, page, env);
		editor.blockedRequests = blockedRequests;
		return editor;
	}

	constructor(context, page, env) {
		this.context = context;
		this.page = page;
		this.env = env;
	}

	async close() {
		await this.context.close().catch(() => {});
	}

	url(pathname) {
		return `${this.env.n8nUrl}${pathname}`;
	}

	byTestId(id) {
		return this.page.locator(`[data-test-id="${id}"]`);
	}

	// ---- session ------------------------------------------------------------------

	/** Signs in through n8n's sign-in form as the owner set up over REST. */
	async signIn() {
		const { page } = this;
		await page.goto(this.url('/signin'));
		await page.locator('input[name=emailOrLdapLoginId]').fill(this.env.owner.email);
		await page.locator('input[name=password]').fill(this.env.owner.password);
		await this.byTestId('form-submit-button').click();
		await page.waitForURL((u) => /\/home\//.test(u.pathname), { timeout: WAIT.nav });
		await this.byTestId('main-sidebar-settings').waitFor({ timeout: WAIT.nav });
	}

	/**
	 * Goes to an editor path. Inside the loaded app this uses n8n's own router, as a click on
	 * a link would: a full page load costs 8-10 s on a small machine (n8n serves ~250 script
	 * modules, each revalidated), a route change about one.
	 */
	async navigate(pathname) {
		const routed = await this.page
			.evaluate(async (target) => {
				const root = document.querySelector('#app');
				const router = root && root.__vue_app__ && root.__vue_app__.config.globalProperties.$router;
				if (!router) return false;
				await router.push(target);
				return true;
			}, pathname)
			.catch(() => false);
		if (!routed) await this.page.goto(this.url(pathname));
	}

	async setTheme(theme) {
		await this.page.evaluate((wanted) => localStorage.setItem('N8N_THEME', wanted), theme);
		await this.page.reload();
	}

	async theme() {
		return this.page.evaluate(() => document.body.getAttribute('data-theme'));
	}

	// ---- canvas -------------------------------------------------------------------

	/**
	 * Navigates and waits for `ready`; tries again (at most three times) when the app was still
	 * settling after sign-in and routed elsewhere.
	 */
	async navigateUntil(pathname, ready) {
		for (let attempt = 1; ; attempt++) {
			await this.navigate(pathname);
			try {
				await ready.waitFor({ timeout: WAIT.nav / 3 });
				return;
			} catch (error) {
				if (attempt >= 3) throw error;
			}
		}
	}

	async newWorkflow() {
		await this.navigateUntil('/workflow/new', this.byTestId('canvas-add-button'));
	}

	async openWorkflow(id) {
		await this.navigateUntil(`/workflow/${id}`, this.byTestId('canvas-node').first());
		await this.page.waitForURL((u) => u.pathname === `/workflow/${id}`, { timeout: WAIT.ui });
	}

	canvasNode(name) {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	async canvasNodeNames() {
		return this.byTestId('canvas-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name')));
	}

	/** Clicks "Execute workflow" and waits until `nodeName` shows its success mark. */
	async executeWorkflow(nodeName) {
		await this.byTestId('execute-workflow-button').click();
		await this.canvasNode(nodeName).locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: WAIT.run });
	}

	// ---- node creator ---------------------------------------------------------------

	async openNodeCreator() {
		await this.byTestId('node-creator-plus-button').click();
		await this.byTestId('node-creator-search-bar').waitFor();
	}

	/** Types `query` into the node creator's search and returns the names listed (stable). */
	async searchNodes(query) {
		await this.byTestId('node-creator-search-bar').fill(query);
		const names = () =>
			this.page
				.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]:visible')
				.allInnerTexts()
				.then((list) => list.map((t) => t.trim()));
		// The list filters as you type; wait until two reads 300 ms apart agree.
		const deadline = Date.now() + WAIT.ui;
		let previous = null;
		for (;;) {
			await this.page.waitForTimeout(300);
			const current = await names();
			if (previous && current.length > 0 && current.join('|') === previous.join('|')) return current;
			if (Date.now() > deadline) return current;
			previous = current;
		}
	}

	creatorItem(name) {
		return this.page
			.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]')
			.filter({ has: this.page.locator('[data-test-id="node-creator-item-name"]', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) }) });
	}

	/** Actions listed after opening a node in the node creator, grouped by their section title. */
	async creatorActions() {
		return this.page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]:visible').evaluateAll((els) =>
			els
				.map((e) => {
					const name = e.querySelector('[data-test-id="node-creator-item-name"]');
					return name ? name.textContent.trim() : e.textContent.trim();
				})
				.filter(Boolean),
		);
	}

	// ---- node details view (NDV) ----------------------------------------------------

	get ndv() {
		return this.byTestId('ndv');
	}

	async openNode(name) {
		await this.canvasNode(name).dblclick();
		await this.ndv.waitFor();
		await this.byTestId('node-parameters').waitFor();
	}

	async closeNdv() {
		await this.byTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	async ndvTitle() {
		return (await this.ndv.locator('[data-test-id="node-title-container"]').innerText()).trim();
	}

	parameterInput(name) {
		return this.byTestId('node-parameters').locator(`[data-test-id="parameter-input-${name}"]`);
	}

	/**
	 * Opens the dropdown of the select `trigger` and returns its items: the list the select's
	 * combobox controls (aria-controls), so a dropdown still fading out elsewhere is never read.
	 */
	async openDropdown(trigger) {
		await trigger.click();
		const listId = await trigger.locator('input[role="combobox"]').first().getAttribute('aria-controls');
		const items = listId
			? this.page.locator(`[id="${listId}"] .el-select-dropdown__item`)
			: this.page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor();
		return items;
	}

	static optionTitles(items) {
		return items.evaluateAll((els) =>
			els.map((e) => {
				const headline = e.querySelector('.option-headline');
				const description = e.querySelector('.option-description');
				return {
					title: (headline ? headline.textContent : e.innerText.split('\n')[0]).trim(),
					description: description ? description.textContent.trim() : '',
				};
			}),
		);
	}

	/** Opens the dropdown of `trigger` and clicks the option whose title is exactly `title`. */
	async chooseOption(trigger, title) {
		const items = await this.openDropdown(trigger);
		const titles = (await Editor.optionTitles(items)).map((o) => o.title);
		const index = titles.indexOf(title);
		if (index < 0) throw new Error(`no option "${title}"; offered: ${titles.join(', ')}`);
		await items.nth(index).click();
		await items.first().waitFor({ state: 'hidden' });
	}

	/** Titles and descriptions of an options parameter's choices (closes the dropdown again). */
	async optionsOf(name) {
		const items = await this.openDropdown(this.parameterInput(name));
		const options = await Editor.optionTitles(items);
		await this.page.keyboard.press('Escape');
		await items.first().waitFor({ state: 'hidden' });
		return options;
	}

	async setParameter(name, title) {
		await this.chooseOption(this.parameterInput(name), title);
		// n8n re-renders the parameter list after a change.
		await this.page.waitForTimeout(250);
	}

	/** Names of the top-level parameters shown in the NDV's Parameters tab, in order. */
	async visibleParameters() {
		return this.byTestId('node-parameters')
			.locator('label[for]:visible')
			.evaluateAll((labels) =>
				labels
					.filter((label) => {
						const item = label.closest('[data-test-id="parameter-item"]');
						return item && !item.parentElement.closest('[data-test-id="parameter-item"]');
					})
					.map((label) => label.getAttribute('for')),
			);
	}

	/**
	 * Waits (bounded) until the shown parameters satisfy `check(names)`, and returns them: n8n
	 * re-renders the list a moment after a change.
	 */
	async waitForParameters(check, timeout = 5000) {
		const deadline = Date.now() + timeout;
		for (;;) {
			const names = await this.visibleParameters();
			if (check(names) || Date.now() > deadline) return names;
			await this.page.waitForTimeout(150);
		}
	}

	/** Whether n8n marks the parameter with an issue (e.g. a required value is missing). */
	async hasIssue(name) {
		return (await this.parameterInput(name).locator('[data-test-id="parameter-issues"]').count()) > 0;
	}

	/** The choices in a collection's "Add …" dropdown (closes it again without choosing). */
	async collectionChoices(name) {
		const container = this.byTestId('node-parameters')
			.locator('[data-test-id="parameter-item"]')
			.filter({ has: this.page.locator(`label[for="${name}"]`) })
			.first();
		const add = container.locator('div[data-test-id="collection-parameter-add"]');
		if ((await add.count()) === 0) {
			// A collection with a single choice shows a plain "Add …" button instead of a dropdown.
			return [];
		}
		const items = await this.openDropdown(add);
		const titles = (await Editor.optionTitles(items)).map((o) => o.title);
		await add.click();
		await items.first().waitFor({ state: 'hidden' });
		return titles;
	}

	/** Adds an entry to a fixedCollection such as Line Items. */
	async addFixedCollectionItem(name) {
		await this.byTestId(`fixed-collection-${name}`).locator('[data-test-id="fixed-collection-add"]').click();
	}

	/** Picks `itemText` from a resource locator's list (From list mode). */
	async pickFromList(name, itemText) {
		const locator = this.byTestId('node-parameters').locator(`[data-test-id="resource-locator-${name}"]`);
		await locator.locator('[data-test-id="rlc-input"]').click();
		const item = this.page.locator('[data-test-id="rlc-item"]:visible', { hasText: itemText }).first();
		await item.waitFor();
		await item.click();
	}

	async listItems(name) {
		const locator = this.byTestId('node-parameters').locator(`[data-test-id="resource-locator-${name}"]`);
		await locator.locator('[data-test-id="rlc-input"]').click();
		const items = this.page.locator('[data-test-id="rlc-item"]:visible');
		await items.first().waitFor();
		const texts = (await items.allInnerTexts()).map((t) => t.trim());
		await this.page.keyboard.press('Escape');
		return texts;
	}

	/** Clicks "Execute step" in the NDV and waits for the output panel's success mark. */
	async executeStep() {
		await this.byTestId('node-execute-button').click();
		const output = this.byTestId('output-panel');
		await output
			.locator('[data-test-id="node-run-status-success"], [data-test-id="node-error-message"], [data-test-id="node-error-description"]')
			.first()
			.waitFor({ timeout: WAIT.run });
		const failed = await output.locator('[data-test-id="node-error-message"]').count();
		if (failed) throw new Error(`the node failed: ${await output.locator('[data-test-id="node-error-message"]').first().innerText()}`);
	}

	async outputItemCount() {
		const text = await this.byTestId('output-panel').locator('[data-test-id="ndv-items-count"]').innerText();
		const match = /(\d+)\s+items?/.exec(text);
		return match ? Number(match[1]) : NaN;
	}

	/**
	 * The text of the output panel's data, whitespace removed (the JSON view puts tokens on
	 * separate lines and renders only the rows in view).
	 */
	async outputDataText() {
		const text = await this.byTestId('output-panel').locator('[data-test-id="ndv-data-container"]').innerText();
		return text.replace(/\s+/g, '');
	}

	/** Switches the output panel to 'schema' | 'table' | 'json' | 'binary' and waits for the view. */
	async showOutputAs(mode) {
		const output = this.byTestId('output-panel');
		await output.locator(`[data-test-id="radio-button-${mode}"]`).click();
		const view = {
			table: 'table',
			json: '[data-test-id="ndv-json-actions"]',
			binary: '[data-test-id="ndv-binary-data_0"]',
			schema: '[data-test-id="ndv-data-container"]',
		}[mode];
		await output.locator(view).first().waitFor();
	}

	/** Waits (bounded) until the <img> has loaded and returns its natural width (0: broken). */
	async imageWidth(img) {
		await img.waitFor();
		const handle = await img.elementHandle();
		await this.page
			.waitForFunction((el) => el.complete, handle, { timeout: WAIT.ui })
			.catch(() => {});
		return handle.evaluate((el) => el.naturalWidth);
	}

	// ---- credentials ----------------------------------------------------------------

	/**
	 * Opens the dialog for a new credential from the open NDV: "Connect to Lexoffice" when the
	 * node has none, otherwise "Create new credential" in the credential select (n8n assigns an
	 * existing credential to a new node by itself).
	 */
	async newCredentialFromNode() {
		const empty = this.byTestId('node-credentials-empty-state');
		if (await empty.isVisible()) {
			await empty.click();
		} else {
			await this.byTestId('node-credentials-select').click();
			await this.byTestId('node-credentials-select-item-new').click();
		}
		await this.credentialModal.waitFor();
	}

	get credentialModal() {
		return this.byTestId('editCredential-modal');
	}

	/** Names of the credential fields shown, in order (n8n puts inherited OAuth2 fields first). */
	async credentialFields() {
		return this.credentialModal.locator('[data-test-id^="parameter-input-"]:visible').evaluateAll((els) =>
			els
				.map((e) => e.getAttribute('data-test-id').replace(/^parameter-input-/, ''))
				.filter((name) => name !== 'field'),
		);
	}

	/** The label of a credential field as shown, without the required marker. */
	async credentialLabel(name) {
		const text = await this.credentialModal.locator(`[data-test-id="${name}"] label span`).first().innerText();
		return text.replace(/\*\s*$/, '').trim();
	}

	/** Switches the dialog between the node's credential types ("OAuth2 (Partner App)", "API Key"). */
	async chooseCredentialMode(title) {
		const trigger = this.byTestId('credential-mode-dropdown-trigger');
		if ((await trigger.innerText()).trim() === title) return;
		await trigger.click();
		await this.page.getByRole('menuitem', { name: title }).click();
		await this.page.waitForFunction(
			([el, wanted]) => el.innerText.trim() === wanted,
			[await trigger.elementHandle(), title],
			{ timeout: WAIT.ui },
		);
	}

	credentialInput(name) {
		return this.credentialModal.locator(`[data-test-id="parameter-input-${name}"]`);
	}

	async fillCredential(name, value) {
		await this.credentialInput(name).locator('input, textarea').first().fill(value);
	}

	async chooseCredentialOption(name, title) {
		await this.chooseOption(this.credentialInput(name), title);
		await this.page.waitForTimeout(250);
	}

	/** Closes the credential dialog, discarding unsaved changes when n8n asks. */
	async closeCredentialModal() {
		await this.credentialModal.locator('.el-dialog__headerbtn').click();
		const confirm = this.page.locator('.el-message-box:visible');
		if (await confirm.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
			await confirm.getByRole('button', { name: 'Close' }).click();
		}
		await this.credentialModal.waitFor({ state: 'hidden' });
	}
}

module.exports = {
	API_KEY,
	CHROMIUM_ARGS,
	CHROMIUM_PATH,
	CLIENT_ID,
	CLIENT_SECRET,
	Editor,
	NODE_TYPE,
	REPO_ROOT,
	VIEWPORT,
	WAIT,
	assertBuilt,
	browserEnv,
	connectBrowser,
	connectedOAuthCredential,
	describeStack,
	launchBrowser,
	launchBrowserServer,
	lexofficeWorkflow,
	openSession,
	restClient,
	startStack,
};
