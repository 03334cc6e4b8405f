'use strict';

/**
 * End-to-end: the packed package (npm pack of this repo; dist/ must be built) installed into
 * a real n8n (default 2.41.1; env N8N_VERSION) the way the Community Nodes screen installs
 * it, driven through n8n's REST API against the local lexoffice sandbox. One n8n boot for
 * the whole file (N8N_LOG_LEVEL=debug, so the secret scan of its log is strict).
 *
 *   npx jest --testMatch '**\/test/e2e/**\/*.e2e.js' --runInBand
 *
 * The first run installs n8n under .cache/ (~6 min); later runs boot n8n in ~15 s.
 * Tests run in order and build on each other (the connected credential, created records).
 */

const {
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
	connectOAuth,
	isConnected,
	entriesSince,
	apiEntries,
	duplicateProblems,
	refreshChain,
	secretNeedles,
	scan,
} = require('./support/stack');

jest.setTimeout(120 * 1000);

const BOOT_TIMEOUT = 15 * 60 * 1000; // covers a first-time install of n8n

describe(`${PKG} (packed) in a real n8n`, () => {
	let S;
	/** The main OAuth2 credential, connected in the login test and used by the operation tests. */
	let main;
	/** Records created along the way. */
	const made = {};
	beforeAll(async () => {
		S = await startStack({ logLevel: 'debug' });
	}, BOOT_TIMEOUT);

	afterAll(async () => {
		if (S) await S.stop();
	}, 60 * 1000);

	const run = (wf) => S.api.runWorkflow(wf);
	const mark = () => S.sb.state.counters.requests;
	const tokenEntries = (entries) => entries.filter((e) => e.method === 'POST' && e.path === '/oauth2/token');

	// ------------------------------------------------------------------------------------
	test('loads the node and both credential types, without warnings or errors about the package', async () => {
		const nodeTypes = await S.api.getNodeTypes();
		const node = nodeTypes.find((t) => t.name === NODE_TYPE);
		expect(node).toBeDefined();
		expect(node.credentials.map((c) => c.name).sort()).toEqual(['lexofficeApi', 'lexofficeOAuth2Api']);
		const credTypes = await S.api.getCredentialTypes();
		const oauth = credTypes.find((t) => t.name === 'lexofficeOAuth2Api');
		expect(oauth).toBeDefined();
		expect(oauth.extends).toEqual(['oAuth2Api']);
		expect(credTypes.find((t) => t.name === 'lexofficeApi')).toBeDefined();

		const lines = S.bootLog.split('\n');
		const loaded = lines.find((l) => /Loaded all credentials and nodes from n8n-nodes-lexoffice/.test(l));
		expect(loaded).toMatch(/"credentials": 2, "nodes": 2/);
		const complaints = lines.filter((l) => /\b(warn|error)\b/i.test(l) && /lexoffice/i.test(l));
		expect(complaints).toEqual([]);
	});

	// ------------------------------------------------------------------------------------
	test('Connect my account: PKCE (S256) verified by the server, client secret sent as HTTP Basic', async () => {
		const { cred, conn, entries } = await connectOAuth(S, 'lexoffice (e2e main)');
		main = { cred, conn };
		expect({ success: conn.success, error: conn.errorMessage }).toEqual({ success: true, error: null });

		const authorize = entries.filter((e) => e.path === '/oauth2/authorize');
		expect(authorize).toHaveLength(1);
		expect(authorize[0].query).toMatchObject({
			response_type: 'code',
			client_id: S.secrets.clientId,
			code_challenge_method: 'S256',
		});
		expect(authorize[0].query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

		const token = tokenEntries(entries);
		expect(token).toHaveLength(1);
		expect(token[0].status).toBe(200);
		expect(token[0].requestBody.grant_type).toBe('authorization_code');
		expect(token[0].requestBody.code_verifier).toBe('[redacted]'); // present (the log redacts it)
		// Client authentication: HTTP Basic carrying the client ID, no secret in the form.
		expect(token[0].requestBody).not.toHaveProperty('client_secret');
		expect(token[0].authorization).toBe(`Basic ${Buffer.from(`${S.secrets.clientId}:`).toString('base64').slice(0, 6)}…`);
		expect(token[0].clientId).toBe(S.secrets.clientId);

		// The sandbox marks a code used only after the verifier hashed to its challenge.
		const code = [...S.sb.state.oauthCodes.values()].find((c) => c.codeChallenge === conn.authParams.code_challenge);
		expect(code).toMatchObject({ used: true, codeChallengeMethod: 'S256' });
		const grant = S.sb.state.grants.get(code.grantId);
		expect(grant).toMatchObject({ clientId: S.secrets.clientId });
		expect(grant.revoked).toBeFalsy();
		main.grantId = grant.id;

		expect(await isConnected(S.api, cred.id)).toBe(true);
	});

	// ------------------------------------------------------------------------------------
	test('a replayed callback URL is refused by n8n; no second code exchange, the connection stays', async () => {
		expect(main && main.conn.success).toBe(true);
		const before = mark();
		const u = new URL(main.conn.redirectUrl);
		const res = await S.api.request('GET', u.pathname + u.search, { responseType: 'text' });
		S.pages.push({ where: 'replayed callback page', text: String(res.data) });
		expect(String(res.data)).toMatch(/<h4>Error: The OAuth callback state is invalid!<\/h4>/);
		expect(tokenEntries(entriesSince(S.sb, before))).toHaveLength(0);
		expect(await isConnected(S.api, main.cred.id)).toBe(true);
		expect(S.sb.state.grants.get(main.grantId).revoked).toBeFalsy();
	});

	// ------------------------------------------------------------------------------------
	test('a tampered code_verifier makes the login fail with a readable message; the credential stays unconnected', async () => {
		const { cred, conn, entries } = await connectOAuth(S, 'lexoffice (e2e tampered verifier)', {
			tokenUrl: S.proxy.tokenUrl('tamper'),
		});
		expect(conn.success).toBe(false);
		expect(conn.callbackStatus).toBe(200);
		expect(conn.callbackBody).toMatch(/Failed to connect/);
		// n8n shows the OAuth error code; readable text, not an object dump or a stack.
		expect(conn.errorMessage).toBeTruthy();
		expect(conn.errorMessage).not.toMatch(/\[object|at .+\.js:\d+/);
		expect(`${conn.errorMessage} ${conn.errorReason || ''}`).toMatch(/invalid_grant/);

		const rec = S.proxy.records.filter((r) => r.mode === 'tamper').pop();
		expect(rec.forwarded).toHaveLength(1);
		expect(rec.forwarded[0].form.code_verifier).not.toBe(rec.form.code_verifier);
		expect(rec.forwarded[0]).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'PKCE verification failed' } });
		const token = tokenEntries(entries);
		expect(token.map((e) => e.status)).toEqual([400]);
		expect(await isConnected(S.api, cred.id)).toBe(false);

		// Control: n8n's own verifier was right. The code is still unused (a PKCE failure does
		// not consume it), and the untampered request redeems it.
		const control = await fetch(`${S.sb.url}/oauth2/token`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `Basic ${Buffer.from(`${S.secrets.clientId}:${S.secrets.clientSecret}`).toString('base64')}`,
			},
			body: new URLSearchParams(rec.form).toString(),
		});
		expect(control.status).toBe(200);
	});

	// ------------------------------------------------------------------------------------
	test('a replayed authorization code is rejected (and revokes its grant); n8n reports the failure', async () => {
		const { cred, conn, entries } = await connectOAuth(S, 'lexoffice (e2e replayed code)', {
			tokenUrl: S.proxy.tokenUrl('replay'),
		});
		expect(conn.success).toBe(false);
		expect(conn.callbackBody).toMatch(/Failed to connect/);
		expect(`${conn.errorMessage} ${conn.errorReason || ''}`).toMatch(/invalid_grant/);

		const rec = S.proxy.records.filter((r) => r.mode === 'replay').pop();
		expect(rec.forwarded.map((f) => f.status)).toEqual([200, 400]);
		expect(rec.forwarded[1].body).toEqual({ error: 'invalid_grant', error_description: 'Authorization code already used' });
		expect(tokenEntries(entries).map((e) => e.status)).toEqual([200, 400]);
		const grant = [...S.sb.state.grants.values()].find((g) => g.code === rec.form.code);
		expect(grant.revoked).toBe(true);
		expect(await isConnected(S.api, cred.id)).toBe(false);
	});

	// ------------------------------------------------------------------------------------
	test('contact → create: one POST per item; the contacts are in lexoffice as sent', async () => {
		expect(main && main.conn.success).toBe(true);
		const companies = [
			{ name: 'E2E Company Alpha GmbH', email: 'alpha@e2e.example', note: 'first' },
			{ name: 'E2E Company Beta & Söhne KG', email: 'beta@e2e.example', note: 'second' },
			{ name: 'E2E Company Gamma AG', email: 'gamma@e2e.example', note: 'third' },
		];
		const rows = rowsNodes('Companies', companies);
		const before = mark();
		const ex = await run({
			name: 'e2e contact create',
			nodes: [
				nodes.manualTrigger('Start'),
				...rows.nodes,
				lexNode(
					'Create Companies',
					{
						resource: 'contact',
						operation: 'create',
						contactType: 'company',
						companyName: '={{ $json.name }}',
						roles: ['customer'],
						additionalFields: {
							emailAddresses: { business: '={{ $json.email }}' },
							note: '={{ $json.note }}',
							// lexoffice invoices a contact only when it has a billing address.
							billingAddress: { address: { street: 'Hauptstraße 5', zip: '80331', city: 'München', countryCode: 'DE' } },
						},
					},
					main.cred,
					{ position: [660, 0] },
				),
				nodes.set('Person row', { first: 'Erika', last: 'E2E-Mustermann' }, [220, 200]),
				lexNode(
					'Create Person',
					{
						resource: 'contact',
						operation: 'create',
						contactType: 'person',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						roles: ['customer', 'vendor'],
						additionalFields: {
							billingAddress: { address: { street: 'Musterstraße 1', zip: '10115', city: 'Berlin', countryCode: 'DE' } },
						},
					},
					main.cred,
					{ position: [440, 200] },
				),
			],
			connections: connect([
				['Start', rows.names[0]],
				[rows.names[0], rows.names[1]],
				[rows.names[1], 'Create Companies'],
				['Start', 'Person row'],
				['Person row', 'Create Person'],
			]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });

		const out = ex.nodes['Create Companies'].items;
		expect(out).toHaveLength(3);
		made.companies = out.map((it, i) => {
			const rec = S.sb.state.contacts.get(it.json.id);
			expect(rec).toBeDefined();
			expect(rec.company.name).toBe(companies[i].name);
			expect(rec.emailAddresses).toEqual({ business: [companies[i].email] });
			expect(rec.note).toBe(companies[i].note);
			expect(Object.keys(rec.roles)).toEqual(['customer']);
			// The contact as saved (read back after the create), with lexoffice's resource URI.
			expect(it.json).toEqual({ ...publicView(rec), resourceUri: `${S.sb.url}/v1/contacts/${rec.id}` });
			expect(it.json.roles.customer.number).toEqual(expect.any(Number));
			return rec.id;
		});
		const person = ex.nodes['Create Person'].items;
		expect(person).toHaveLength(1);
		const p = S.sb.state.contacts.get(person[0].json.id);
		expect(p.person).toEqual({ firstName: 'Erika', lastName: 'E2E-Mustermann' });
		expect(p.addresses.billing).toEqual([{ street: 'Musterstraße 1', zip: '10115', city: 'Berlin', countryCode: 'DE' }]);
		expect(Object.keys(p.roles).sort()).toEqual(['customer', 'vendor']);
		made.person = p.id;

		const sent = apiEntries(entriesSince(S.sb, before));
		const writes = sent.filter((e) => e.method !== 'GET');
		expect(writes.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(Array(4).fill('POST /v1/contacts 201'));
		// One read-back per created contact, nothing else.
		const createdIds = [...made.companies, made.person];
		expect(sent.filter((e) => e.method === 'GET').map((e) => e.path).sort()).toEqual(createdIds.map((id) => `/v1/contacts/${id}`).sort());
		expect(sent.filter((e) => e.method === 'GET')).toHaveLength(4);
		expect(duplicateProblems(writes)).toEqual([]);
	});

	// ------------------------------------------------------------------------------------
	test('contact → get (by ID and by URL) returns the stored contact; update changes only the chosen fields', async () => {
		expect(made.companies && made.person).toBeTruthy();
		const companyId = made.companies[0];
		const expectedCompany = publicView(S.sb.state.contacts.get(companyId));
		const expectedPerson = publicView(S.sb.state.contacts.get(made.person));
		const before = mark();
		const ex = await run({
			name: 'e2e contact get/update',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode('Get by ID', { resource: 'contact', operation: 'get', contactId: byId(companyId) }, main.cred, { position: [220, 0] }),
				lexNode(
					'Get by URL',
					{ resource: 'contact', operation: 'get', contactId: byUrl(`https://app.lexware.de/permalink/contacts/view/${made.person}`) },
					main.cred,
					{ position: [440, 0] },
				),
				lexNode(
					'Update',
					{
						resource: 'contact',
						operation: 'update',
						contactId: byId(companyId),
						updateFields: { note: 'Updated by the e2e suite', addRoles: ['vendor'], phoneNumbers: { business: '+49 30 1234567' } },
					},
					main.cred,
					{ position: [660, 0] },
				),
			],
			connections: connect([
				['Start', 'Get by ID'],
				['Get by ID', 'Get by URL'],
				['Get by URL', 'Update'],
			]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });
		expect(ex.nodes['Get by ID'].items.map((i) => i.json)).toEqual([expectedCompany]);
		expect(ex.nodes['Get by URL'].items.map((i) => i.json)).toEqual([expectedPerson]);

		const after = S.sb.state.contacts.get(companyId);
		expect(after.version).toBe(expectedCompany.version + 1);
		expect(after.note).toBe('Updated by the e2e suite');
		expect(after.phoneNumbers).toEqual({ business: ['+49 30 1234567'] });
		expect(Object.keys(after.roles).sort()).toEqual(['customer', 'vendor']);
		// Everything else kept.
		expect(after.company).toEqual(expectedCompany.company);
		expect(after.emailAddresses).toEqual(expectedCompany.emailAddresses);
		const upd = ex.nodes.Update.items;
		expect(upd).toHaveLength(1);
		expect(upd[0].json).toMatchObject({ id: companyId, version: after.version, note: 'Updated by the e2e suite' });

		const sent = apiEntries(entriesSince(S.sb, before));
		expect(sent.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`GET /v1/contacts/${companyId} 200`,
			`GET /v1/contacts/${made.person} 200`,
			`GET /v1/contacts/${companyId} 200`,
			`PUT /v1/contacts/${companyId} 200`,
		]);
	});

	// ------------------------------------------------------------------------------------
	test('contact → get many returns every contact lexoffice holds (and a name filter narrows it)', async () => {
		const ex = await run({
			name: 'e2e contact getAll',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode('All', { resource: 'contact', operation: 'getAll', returnAll: true }, main.cred, { position: [220, 0] }),
				lexNode(
					'Filtered',
					{ resource: 'contact', operation: 'getAll', returnAll: true, filters: { name: 'E2E Company' } },
					main.cred,
					{ position: [220, 200] },
				),
			],
			connections: connect([
				['Start', 'All'],
				['Start', 'Filtered'],
			]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });
		const all = ex.nodes.All.items.map((i) => i.json);
		const stored = [...S.sb.state.contacts.values()];
		expect(all.map((c) => c.id).sort()).toEqual(stored.map((c) => c.id).sort());
		for (const c of all) expect(c).toEqual(publicView(S.sb.state.contacts.get(c.id)));
		expect(ex.nodes.Filtered.items.map((i) => i.json.id).sort()).toEqual([...made.companies].sort());
	});

	// ------------------------------------------------------------------------------------
	test('invoice → create (finalized) → get → download: stored as sent, PDF bytes exactly as served', async () => {
		expect(made.person).toBeTruthy();
		// The person has a billing address; lexoffice refuses an invoice recipient without one.
		const contactId = made.person;
		const before = mark();
		const ex = await run({
			name: 'e2e invoice create/get/download',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode(
					'Create Invoice',
					{
						resource: 'invoice',
						operation: 'create',
						defineInvoice: 'fields',
						recipient: 'contact',
						contactId: byId(contactId),
						voucherDate: '2025-03-14',
						taxType: 'net',
						lineItems: {
							item: [
								{ type: 'custom', name: 'Beratung', description: 'e2e', quantity: 2, unitName: 'Stunde', unitPrice: 120.5, taxRate: '19' },
								{ type: 'custom', name: 'Reisekosten', quantity: 1, unitName: 'Pauschale', unitPrice: 50, taxRate: '7' },
							],
						},
						shippingType: 'service',
						shippingDate: '2025-03-14',
						finalize: true,
						additionalFields: { title: 'Rechnung', introduction: 'Vielen Dank für Ihren Auftrag.', remark: 'e2e remark' },
						options: {},
					},
					main.cred,
					{ position: [220, 0] },
				),
				lexNode('Get Invoice', { resource: 'invoice', operation: 'get', invoiceId: byId('={{ $json.id }}') }, main.cred, {
					position: [440, 0],
				}),
				lexNode(
					'Download',
					{ resource: 'invoice', operation: 'download', invoiceId: byId('={{ $json.id }}'), fileFormat: 'pdf', binaryPropertyName: 'invoice' },
					main.cred,
					{ position: [660, 0] },
				),
			],
			connections: connect([
				['Start', 'Create Invoice'],
				['Create Invoice', 'Get Invoice'],
				['Get Invoice', 'Download'],
			]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });

		const created = ex.nodes['Create Invoice'].items;
		expect(created).toHaveLength(1);
		const id = created[0].json.id;
		const inv = S.sb.state.invoices.get(id);
		expect(inv).toBeDefined();
		made.invoice = id;
		expect(inv.voucherStatus).toBe('open');
		expect(inv.address.contactId).toBe(contactId);
		expect(inv.lineItems.map((l) => [l.name, l.quantity, l.unitName, l.unitPrice.netAmount, l.unitPrice.taxRatePercentage])).toEqual([
			['Beratung', 2, 'Stunde', 120.5, 19],
			['Reisekosten', 1, 'Pauschale', 50, 7],
		]);
		expect(inv.totalPrice).toMatchObject({ totalNetAmount: 291, totalTaxAmount: 49.29, totalGrossAmount: 340.29 });
		expect(inv.title).toBe('Rechnung');
		expect(created[0].json).toMatchObject({ id, resourceUri: `${S.sb.url}/v1/invoices/${id}`, voucherStatus: 'open', voucherNumber: expect.any(String) });

		expect(ex.nodes['Get Invoice'].items.map((i) => i.json)).toEqual([publicView(inv)]);

		const dl = ex.nodes.Download.items;
		expect(dl).toHaveLength(1);
		const served = await sandboxGet(S.sb, S.secrets.directKey, `/v1/invoices/${id}/file`, { accept: 'application/pdf' });
		expect(served.status).toBe(200);
		const bin = dl[0].binary.invoice;
		expect(bin.mimeType).toBe('application/pdf');
		const bytes = await S.api.getBinaryData(bin);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(bytes.equals(served.bytes)).toBe(true);
		expect(dl[0].json).toMatchObject({ id, mimeType: 'application/pdf', size: served.bytes.length });
		expect(bin.fileName).toBe(dl[0].json.fileName);

		const sent = apiEntries(entriesSince(S.sb, before));
		expect(sent.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /v1/invoices 201',
			// The create's read-back of the stored invoice, then the Get node.
			`GET /v1/invoices/${id} 200`,
			`GET /v1/invoices/${id} 200`,
			`GET /v1/invoices/${id}/file 200`,
		]);
		expect(sent[0].query).toEqual({ finalize: 'true' });
	});

	// ------------------------------------------------------------------------------------
	test('invoice → get many returns every invoice lexoffice holds, newest voucher date first', async () => {
		const ex = await run({
			name: 'e2e invoice getAll',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode('Invoices', { resource: 'invoice', operation: 'getAll', returnAll: true }, main.cred, { position: [220, 0] }),
			],
			connections: connect([['Start', 'Invoices']]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });
		const items = ex.nodes.Invoices.items.map((i) => i.json);
		const stored = [...S.sb.state.invoices.values()];
		expect(items.map((i) => i.id).sort()).toEqual(stored.map((i) => i.id).sort());
		expect(items.map((i) => i.id)).toContain(made.invoice);
		for (const it of items) {
			const inv = S.sb.state.invoices.get(it.id);
			expect(it).toMatchObject({
				voucherType: 'invoice',
				voucherStatus: inv.voucherStatus,
				voucherNumber: inv.voucherNumber ?? null,
				voucherDate: inv.voucherDate,
				contactId: inv.address.contactId ?? null,
				totalAmount: inv.totalPrice.totalGrossAmount,
				archived: inv.archived,
			});
		}
		const dates = items.map((i) => Date.parse(i.voucherDate));
		expect(dates).toEqual([...dates].sort((a, b) => b - a));
	});

	// ------------------------------------------------------------------------------------
	test('the searchable lists: the invoice recipient list offers customers only', async () => {
		const vendor = [...S.sb.state.contacts.values()].find((contact) => contact.company);
		vendor.roles = { vendor: { number: 79999 } };
		const name = vendor.company.name;
		const search = async (methodName, path) => {
			const answer = await S.api.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
				path,
				methodName,
				nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
				currentNodeParameters: { authentication: 'oAuth2', resource: 'invoice', operation: 'create' },
				credentials: { lexofficeOAuth2Api: { id: main.cred.id, name: main.cred.name } },
				filter: name,
			});
			return (answer.results ?? answer.data?.results ?? []).map((result) => result.value);
		};
		const contacts = await search('searchContacts', 'contactId');
		expect(contacts).toContain(vendor.id);
		const customers = await search('searchCustomers', 'contactId');
		expect(customers).not.toContain(vendor.id);
		for (const id of customers) expect(S.sb.state.contacts.get(id).roles.customer).toBeDefined();
	});

	// ------------------------------------------------------------------------------------
	test('API key credential: reads and a PDF download work; a 404 fails with a readable message', async () => {
		expect(made.invoice).toBeTruthy();
		const cred = await S.api.createCredential({
			name: 'lexoffice (e2e API key)',
			type: 'lexofficeApi',
			data: { apiKey: S.secrets.apiKey, environment: 'custom', customApiBaseUrl: `${S.sb.url}/v1/`, requestsPerSecond: 10 },
		});
		const opts = (position) => ({ auth: 'apiKey', position });
		const before = mark();
		const ex = await run({
			name: 'e2e api key',
			nodes: [
				nodes.manualTrigger('Start'),
				lexNode('Two Contacts', { resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 }, cred, opts([220, 0])),
				lexNode('Invoice', { resource: 'invoice', operation: 'get', invoiceId: byId(made.invoice) }, cred, opts([220, 200])),
				lexNode('PDF', { resource: 'invoice', operation: 'download', invoiceId: byId(made.invoice) }, cred, opts([440, 200])),
			],
			connections: connect([
				['Start', 'Two Contacts'],
				['Start', 'Invoice'],
				['Invoice', 'PDF'],
			]),
		});
		expect({ status: ex.status, error: ex.error && ex.error.message }).toEqual({ status: 'success', error: null });
		const two = ex.nodes['Two Contacts'].items.map((i) => i.json);
		expect(two).toHaveLength(2);
		for (const c of two) expect(c).toEqual(publicView(S.sb.state.contacts.get(c.id)));
		expect(ex.nodes.Invoice.items.map((i) => i.json)).toEqual([publicView(S.sb.state.invoices.get(made.invoice))]);
		const served = await sandboxGet(S.sb, S.secrets.directKey, `/v1/invoices/${made.invoice}/file`, { accept: 'application/pdf' });
		const bytes = await S.api.getBinaryData(ex.nodes.PDF.items[0].binary.data);
		expect(bytes.equals(served.bytes)).toBe(true);
		const sent = apiEntries(entriesSince(S.sb, before));
		expect(sent.length).toBeGreaterThan(0);
		expect(new Set(sent.map((e) => e.clientId))).toEqual(new Set(['api-key#1']));
		expect(duplicateProblems(sent)).toEqual([]);

		// Both runs first, then the checks (so the secret scan gets both error executions even
		// if a message check fails).
		const missing = '3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c';
		const failures = {};
		for (const [c, auth] of [
			[cred, 'apiKey'],
			[main.cred, 'oAuth2'],
		]) {
			failures[auth] = await run({
				name: `e2e 404 (${auth})`,
				nodes: [
					nodes.manualTrigger('Start'),
					lexNode('Get Missing', { resource: 'contact', operation: 'get', contactId: byId(missing) }, c, { auth, position: [220, 0] }),
				],
				connections: connect([['Start', 'Get Missing']]),
			});
		}
		for (const fail of Object.values(failures)) {
			expect(fail.status).toBe('error');
			const err = fail.nodes['Get Missing'].error;
			expect(err.message).toMatch(/not found/i);
			expect(err.httpCode).toBe('404');
			expect(err.message).not.toMatch(/\[object|Bearer/);
			// lexoffice's own reason and its request ID (for support) reach the user.
			expect(err.message).toMatch(/id: missing_entity/);
			expect(err.description).toMatch(/lexoffice reference: [0-9a-f-]{36}/);
		}
	});

	// ------------------------------------------------------------------------------------
	test('refresh: a run past token expiry keeps working, the rotated refresh token is stored and used next time, nothing is sent twice', async () => {
		S.sb.setAccessTokenTtl(2);
		try {
			const grantsBefore = new Set(S.sb.state.grants.keys());
			const { cred, conn } = await connectOAuth(S, 'lexoffice (e2e refresh)', { requestsPerSecond: 2 });
			expect(conn.success).toBe(true);
			const newGrants = [...S.sb.state.grants.keys()].filter((g) => !grantsBefore.has(g));
			expect(newGrants).toHaveLength(1);
			const grantId = newGrants[0];
			expect(grantId).toBeDefined();

			// Run 1: eight creates at 2 requests/s take >= 3.5 s; tokens live 2 s.
			const names = Array.from({ length: 8 }, (_, i) => `E2E Refresh ${i + 1} GmbH`);
			const rows = rowsNodes('Refresh', names.map((name) => ({ name })));
			const start1 = mark();
			const ex1 = await run({
				name: 'e2e refresh run 1',
				nodes: [
					nodes.manualTrigger('Start'),
					...rows.nodes,
					lexNode(
						'Create',
						{ resource: 'contact', operation: 'create', contactType: 'company', companyName: '={{ $json.name }}', roles: ['customer'] },
						cred,
						{ position: [660, 0] },
					),
				],
				connections: connect([
					['Start', rows.names[0]],
					[rows.names[0], rows.names[1]],
					[rows.names[1], 'Create'],
				]),
			});
			const end1 = mark();
			expect({ status: ex1.status, error: ex1.error && ex1.error.message }).toEqual({ status: 'success', error: null });
			expect(ex1.nodes.Create.items).toHaveLength(8);
			const createdNames = ex1.nodes.Create.items.map((i) => S.sb.state.contacts.get(i.json.id).company.name);
			expect(createdNames).toEqual(names);

			const run1 = entriesSince(S.sb, start1).filter((e) => e.seq <= end1);
			const api1 = apiEntries(run1);
			expect(api1.filter((e) => e.status === 201)).toHaveLength(8);
			// Creates, and each create's read-back of the contact as saved.
			const writes1 = api1.filter((e) => e.method !== 'GET');
			expect(writes1.every((e) => e.method === 'POST' && e.path === '/v1/contacts' && [201, 401].includes(e.status))).toBe(true);
			expect(api1.filter((e) => e.method === 'GET').every((e) => e.path.startsWith('/v1/contacts/') && [200, 401].includes(e.status))).toBe(true);
			expect(duplicateProblems(writes1)).toEqual([]);
			// Expired mid-run: a 401 after the first successful create.
			const firstOk = api1.find((e) => e.status === 201).seq;
			expect(api1.some((e) => e.status === 401 && e.seq > firstOk)).toBe(true);
			const refreshes1 = tokenEntries(run1);
			expect(refreshes1.length).toBeGreaterThanOrEqual(1);
			expect(refreshes1.every((e) => e.requestBody.grant_type === 'refresh_token' && e.status === 200)).toBe(true);
			expect(refreshes1.every((e) => e.authorization && e.authorization.startsWith('Basic '))).toBe(true);

			// Run 2, in a new execution (credentials read from n8n's database) after another expiry.
			S.sb.expireAllAccessTokens();
			const start2 = mark();
			const ex2 = await run({
				name: 'e2e refresh run 2',
				nodes: [
					nodes.manualTrigger('Start'),
					lexNode(
						'List',
						{ resource: 'contact', operation: 'getAll', returnAll: true, filters: { name: 'E2E Refresh' } },
						cred,
						{ position: [220, 0] },
					),
				],
				connections: connect([['Start', 'List']]),
			});
			const end2 = mark();
			expect({ status: ex2.status, error: ex2.error && ex2.error.message }).toEqual({ status: 'success', error: null });
			expect(ex2.nodes.List.items.map((i) => i.json.company.name).sort()).toEqual([...names].sort());
			const run2 = entriesSince(S.sb, start2).filter((e) => e.seq <= end2);
			const api2 = apiEntries(run2);
			expect(api2[0].status).toBe(401);
			expect(duplicateProblems(api2)).toEqual([]);
			const refreshes2 = tokenEntries(run2);
			expect(refreshes2.length).toBeGreaterThanOrEqual(1);
			expect(refreshes2.every((e) => e.requestBody.grant_type === 'refresh_token' && e.status === 200)).toBe(true);

			// The chain, from the sandbox's token store: each refresh presented exactly the token
			// the previous exchange issued (the old one is deleted on use, so anything else would
			// have failed), all different, and the last issued one is the grant's current token.
			const chain = refreshChain(S.tokens, grantId);
			expect(chain.length).toBe(refreshes1.length + refreshes2.length);
			expect(chain.length).toBeGreaterThanOrEqual(2);
			const codeSnap = S.tokens.snapshots.find((s) => s.grantType === 'authorization_code' && [...s.refresh.values()].includes(grantId));
			let expected = [...codeSnap.refresh].filter(([, g]) => g === grantId).map(([t]) => t);
			expect(expected).toHaveLength(1);
			const presented = [];
			for (const link of chain) {
				expect(link.status).toBe(200);
				expect(link.presented).toEqual(expected);
				expect(link.issued).toHaveLength(1);
				presented.push(link.presented[0]);
				expected = link.issued;
			}
			expect(new Set(presented).size).toBe(presented.length);
			const current = [...S.sb.state.tokens.refresh].filter(([, r]) => r.grantId === grantId).map(([t]) => t);
			expect(current).toEqual(expected);
			// One refresh in run 2 used the token rotated in run 1: n8n had stored it.
			const firstOfRun2 = chain.find((l) => l.seq > end1);
			expect(firstOfRun2.presented).toEqual(chain.filter((l) => l.seq <= end1).pop().issued);
			// No refresh was ever refused (an old token presented again would be).
			expect(tokenEntries(entriesSince(S.sb, start1)).filter((e) => e.status !== 200)).toEqual([]);
		} finally {
			S.sb.setAccessTokenTtl(3600);
		}
	});

	// ------------------------------------------------------------------------------------
	test('no access token, refresh token, client secret or API key in executions, errors, callback pages, credential reads or the n8n log', async () => {
		// Self-check of the scan: a value a node outputs must be found in its execution's data.
		const canary = `canary-${require('node:crypto').randomBytes(12).toString('base64url')}`;
		const canaryRun = await run({
			name: 'e2e scan canary',
			nodes: [nodes.manualTrigger('Start'), nodes.set('Canary', { value: canary })],
			connections: connect([['Start', 'Canary']]),
		});
		expect(canaryRun.status).toBe('success');

		const needles = secretNeedles(S);
		expect(S.tokens.access.size).toBeGreaterThanOrEqual(5);
		expect(S.tokens.refresh.size).toBeGreaterThanOrEqual(5);
		const hits = [];

		const list = await S.api.listExecutions({ limit: 100 }); // n8n's maximum page
		const execs = list.results || [];
		expect(execs.length).toBeGreaterThanOrEqual(10);
		expect(execs.length).toBe(list.count); // all of them on one page
		let errors = 0;
		const canaryHits = [];
		for (const e of execs) {
			const raw = await S.api.rest('GET', `/executions/${e.id}`);
			if (raw.status === 'error') errors++;
			const text = JSON.stringify(raw);
			hits.push(...scan(text, needles, `execution ${e.id} (${raw.status})`));
			if (scan(text, [{ kind: 'canary', value: canary }], e.id).length) canaryHits.push(e.id);
		}
		expect(errors).toBeGreaterThanOrEqual(2);
		expect(canaryHits).toEqual([canaryRun.id]);

		for (const page of S.pages) hits.push(...scan(page.text, needles, page.where));

		const creds = await S.api.rest('GET', '/credentials');
		for (const c of creds) {
			const full = await S.api.getCredential(c.id);
			hits.push(...scan(JSON.stringify(full), needles, `GET /rest/credentials/${c.id}?includeData=true`));
		}

		const log = S.n8n.logs;
		expect(log).toMatch(/\bdebug\b/); // the scan ran against a debug-level log
		hits.push(...scan(log, needles, 'n8n log'));
		hits.push(...scan(stripAnsi(log), needles, 'n8n log'));
		expect([...new Set(hits)]).toEqual([]);
	});
});
