'use strict';

// Local lexoffice sandbox: startSandbox(options) -> running server with state and test helpers.

const { createHttpServer } = require('./server');
const { RateLimiter } = require('./rateLimiter');
const { createOAuth } = require('./oauth');
const { createFaults } = require('./faults');
const { createSeeder } = require('./seed');
const { createDocumentHandles } = require('./salesDocuments');
const { createArticleSeeder } = require('./articles');
const { createEvents } = require('./events');
const { createPrng, uuidFromPrng, formatBerlin } = require('./util');
const crypto = require('crypto');

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	rateLimit: { requestsPerSecond: 2, burst: 2 },
	apiKeys: ['sandbox-api-key'],
	oauth: {},
	searchWindow: 10000,
	seed: {},
	faults: {},
	events: {},
	logBodies: true,
	onLog: undefined,
};

function createState(randomSeed) {
	const idPrng = createPrng(randomSeed ^ 0x5eed);
	return {
		organizationId: uuidFromPrng(idPrng),
		userId: uuidFromPrng(idPrng),
		contacts: new Map(),
		invoices: new Map(),
		documents: new Map(), // every sales document type besides invoices
		articles: new Map(),
		files: new Map(),
		fileChecksums: new Map(),
		vouchers: new Map(),
		tokens: { access: new Map(), refresh: new Map() },
		oauthCodes: new Map(),
		grants: new Map(),
		counters: {
			requests: 0,
			contactsCreated: 0,
			invoicesCreated: 0,
			nextCustomerNumber: 10001,
			nextVendorNumber: 70001,
			nextInvoiceNumber: 1,
		},
		seedPrng: createPrng(randomSeed),
	};
}

async function startSandbox(userOptions = {}) {
	const options = { ...DEFAULTS, ...userOptions };
	const seedOpts = { contacts: 0, invoices: 0, random: 42, ...(options.seed || {}) };
	options.searchWindow = options.searchWindow || 10000;
	options.apiKeys = [...(options.apiKeys || [])];

	const state = createState(seedOpts.random);
	// The account's "E-Rechnung" setting: without it XML uploads are refused.
	state.eInvoicing = options.eInvoicing !== false;
	const limiter = new RateLimiter(options.rateLimit === false ? { requestsPerSecond: 2, burst: 2 } : options.rateLimit);
	if (options.rateLimit === false) limiter.configure(false);
	const oauthOpts = options.oauth || {};
	const oauth = createOAuth(state, oauthOpts);
	const faults = createFaults(options.faults);
	const seeder = createSeeder(state);
	state.events = createEvents(state, options.events);
	const log = [];

	const created = formatBerlin(Date.UTC(2023, 0, 2, 9, 0, 0));
	const apiKeyConnections = new Map();
	const app = {
		options,
		state,
		log,
		oauth,
		faults,
		limiter,
		oauthLimiter: oauthOpts.rateLimit ? new RateLimiter(oauthOpts.rateLimit) : null,
		onLog: options.onLog,
		url: null,
		closed: false,
		apiKeyConnectionId(key) {
			if (!apiKeyConnections.has(key)) {
				const h = crypto.createHash('sha256').update(`conn:${key}`).digest();
				apiKeyConnections.set(key, uuidFromPrng(createPrng(h.readUInt32BE(0))));
			}
			return apiKeyConnections.get(key);
		},
		profile(connectionId) {
			return {
				organizationId: state.organizationId,
				companyName: 'Sandbox GmbH',
				created: { userId: state.userId, userName: 'Sandra Sandbox', userEmail: 'sandbox@example.com', date: created },
				connectionId: connectionId || null,
				features: ['cashbox'],
				businessFeatures: ['INVOICING', 'INVOICING_PRO', 'BOOKKEEPING'],
				subscriptionStatus: 'active',
				taxType: 'net',
				distanceSalesPrinciple: 'ORIGIN',
				smallBusiness: false,
			};
		},
	};

	if (seedOpts.contacts) seeder.seedContacts(seedOpts.contacts);
	if (seedOpts.invoices) seeder.seedInvoices(seedOpts.invoices);

	const { server, close } = createHttpServer(app);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const addr = server.address();
	const host = addr.family === 'IPv6' || addr.family === 6 ? `[${addr.address}]` : addr.address;
	app.url = `http://${host}:${addr.port}`;

	let closing = null;
	const sb = {
		url: app.url,
		port: addr.port,
		log,
		state,
		apiKey: options.apiKeys[0],
		clientId: oauth.config.clients[0]?.clientId,
		clientSecret: oauth.config.clients[0]?.clientSecret,
		setFaults: (partial) => faults.set(partial),
		setRateLimit: (partialOrFalse) => limiter.configure(partialOrFalse),
		setAccessTokenTtl: (seconds) => oauth.setAccessTokenTtl(seconds),
		expireAllAccessTokens: () => oauth.expireAllAccessTokens(),
		setEInvoicing: (enabled) => {
			state.eInvoicing = Boolean(enabled);
		},
		seedContacts: (n, opts) => seeder.seedContacts(n, opts),
		seedInvoices: (n, opts) => seeder.seedInvoices(n, opts),
		issueToken: (args) => oauth.issueToken(args),
		...createDocumentHandles(state),
		seedArticles: createArticleSeeder(state),
		events: state.events,
		get webhookPublicKey() {
			return state.events.publicKeyPem;
		},
		clearLog: () => {
			log.length = 0;
		},
		close: () => {
			if (!closing) {
				app.closed = true;
				state.events.close();
				closing = close();
			}
			return closing;
		},
	};
	return sb;
}

module.exports = { startSandbox };
