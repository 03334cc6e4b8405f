#!/usr/bin/env node
'use strict';

/**
 * Regenerates the editor screenshots in docs/ from the real n8n editor and the sandbox:
 *
 *   npm run build && node test/tooling/screenshots.js [--out docs]
 *
 *   docs/credential-dialog.png    the Lexoffice OAuth2 credential, connected (Environment: Custom)
 *   docs/node-create-invoice.png  the node panel for Invoice → Create, after a run
 *   docs/node-create-quotation.png  the node panel for Quotation → Create, after a run
 *
 * SCREENSHOTS=quotation,invoice takes only those (names: credential-dialog, invoice,
 * quotation, output-panel, workflow-dark).
 *   docs/output-panel.png         Contact → Get Many: the contacts in the output panel (JSON view)
 *   docs/workflow-dark.png        the demo workflow on the canvas in the dark theme
 *   docs/trigger.png              the Lexoffice Trigger's panel with events chosen
 *   docs/receipts-upload.png      File → Upload behind a Read/Write Files node: the binary field
 *   docs/node-create-article.png  the node panel for Article → Create, after a run
 *
 * `--only a.png,b.png` makes only the pictures named. A further node panel is one row in
 * NODE_PANELS (e.g. Quotation → Create once the node has it).
 *
 * n8n and the sandbox use ports 5678 and 5680 when free, so the URLs in the pictures stay the
 * same from run to run. Everything started is stopped at the end, also on failure or Ctrl-C.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	Editor,
	REPO_ROOT,
	connectedOAuthCredential,
	describeStack,
	launchBrowser,
	lexofficeWorkflow,
	restClient,
	startStack,
	WAIT,
} = require('../browser/editor');
const { exampleWorkflow } = require('./demo-workflow');
const { nodes: n8nNodes, chain } = require('./n8n-rest');

const say = (line) => process.stdout.write(`${line}\n`);

/** The pictures to make: all, or those named by `--only a.png,b.png`. */
function wanted(file) {
	const at = process.argv.indexOf('--only');
	if (at < 0 || !process.argv[at + 1]) return true;
	return process.argv[at + 1].split(',').includes(file);
}

function outDir() {
	const at = process.argv.indexOf('--out');
	return path.resolve(REPO_ROOT, at > 0 && process.argv[at + 1] ? process.argv[at + 1] : 'docs');
}

/** Hides n8n's toasts and the blinking caret, which only add noise to the pictures. */
async function calm(editor) {
	await editor.page.addStyleTag({
		content: '.el-notification, .el-message { display: none !important; } * { caret-color: transparent !important; }',
	});
}

async function shoot(locator, file) {
	await locator.screenshot({ path: file, animations: 'disabled' });
	say(`wrote ${path.relative(REPO_ROOT, file)}`);
}

async function credentialDialog(editor, api, env, credential, file) {
	const workflow = await api.createWorkflow(
		lexofficeWorkflow('Credential', credential, [{ name: 'Lexoffice', parameters: { resource: 'contact', operation: 'getAll' } }]),
	);
	await editor.openWorkflow(workflow.id);
	await editor.openNode('Lexoffice');
	await editor.byTestId('credential-edit-button').click();
	await editor.credentialModal.waitFor();
	await editor.byTestId('oauth-connect-success-banner').waitFor();
	await calm(editor);
	// The dialog is at most 750 px high and scrolls; let it grow so the picture shows every field.
	await editor.page.addStyleTag({
		content: [
			'[data-test-id="editCredential-modal"], [data-test-id="editCredential-modal"] .el-dialog__body,',
			'[data-test-id="editCredential-modal"] .modal-content, [data-test-id="credential-edit-dialog"],',
			'[data-test-id="credential-edit-dialog"] > div { height: auto !important; max-height: none !important; overflow: visible !important; }',
		].join(' '),
	});
	await editor.page.mouse.move(0, 0);
	await shoot(editor.credentialModal, file);
	await editor.closeCredentialModal();
	await editor.closeNdv();
}

async function createInvoicePanel(editor, api, env, credential, file) {
	const customer = env.contacts.find((c) => c.customer && c.name.includes(' KG')) || env.contacts.find((c) => c.customer);
	const workflow = await api.createWorkflow(
		lexofficeWorkflow('Create an invoice', credential, [
			{
				name: 'Create an invoice',
				parameters: {
					resource: 'invoice',
					operation: 'create',
					recipient: 'contact',
					contactId: { __rl: true, mode: 'list', value: customer.id, cachedResultName: `${customer.name} (${customer.number})` },
					taxType: 'net',
					lineItems: {
						item: [
							{ type: 'custom', name: 'Beratung', description: 'Workshop Buchhaltung', quantity: 3, unitName: 'Stunde', unitPrice: 120, taxRate: '19' },
						],
					},
					shippingType: 'service',
					shippingDate: '={{ $now }}',
					finalize: true,
					additionalFields: { title: 'Rechnung', remark: 'Vielen Dank für Ihren Auftrag.' },
					options: { addLinks: true },
				},
			},
		]),
	);
	await editor.openWorkflow(workflow.id);
	await editor.openNode('Create an invoice');
	await editor.executeStep();
	await editor.showOutputAs('json');
	await calm(editor);
	await editor.page.mouse.move(0, 0);
	await shoot(editor.ndv, file);
	await editor.closeNdv();
}

async function createQuotationPanel(editor, api, env, credential, file) {
	const customer = env.contacts.find((c) => c.customer);
	const workflow = await api.createWorkflow(
		lexofficeWorkflow('Create a quotation', credential, [
			{
				name: 'Create a quotation',
				parameters: {
					resource: 'quotation',
					operation: 'create',
					recipient: 'contact',
					contactId: { __rl: true, mode: 'list', value: customer.id, cachedResultName: `${customer.name} (${customer.number})` },
					expirationDate: "={{ $now.plus({ days: 30 }) }}",
					taxType: 'net',
					lineItems: {
						item: [
							{ type: 'custom', name: 'Beratung', description: 'Workshop Buchhaltung', quantity: 3, unitName: 'Stunde', unitPrice: 120, taxRate: '19' },
							{ type: 'custom', name: 'Nachbetreuung', quantity: 2, unitName: 'Stunde', unitPrice: 120, taxRate: '19', optional: true },
						],
					},
					finalize: true,
					additionalFields: { title: 'Angebot', remark: 'Wir freuen uns auf Ihren Auftrag.' },
					options: {},
				},
			},
		]),
	);
	await editor.openWorkflow(workflow.id);
	await editor.openNode('Create a quotation');
	await editor.executeStep();
	await editor.showOutputAs('json');
	await calm(editor);
	await editor.page.mouse.move(0, 0);
	await shoot(editor.ndv, file);
	await editor.closeNdv();
}

/**
 * Node panels of one Lexoffice node each: `parameters` as a user would fill them, `execute`
 * to run the step against the sandbox and show its output as JSON, `before` for nodes ahead
 * of it (n8n node JSON, chained in front, not run), `height` for a taller picture (default 900).
 */
const NODE_PANELS = [
	{
		file: 'node-create-article.png',
		name: 'Create an article',
		execute: true,
		height: 1000,
		parameters: {
			resource: 'article',
			operation: 'create',
			title: 'Beratungsstunde',
			type: 'SERVICE',
			unitName: 'Stunde',
			leadingPrice: 'NET',
			price: 120,
			taxRate: 19,
			additionalFields: { articleNumber: 'ART-1001', description: 'Workshop Buchhaltung, je angefangene Stunde' },
		},
	},
	{
		file: 'receipts-upload.png',
		name: 'Upload receipt',
		parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
		before: [
			{
				name: 'Read receipt',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				parameters: { operation: 'read', fileSelector: '/home/node/receipts/*.pdf', options: {} },
			},
		],
	},
];

/** One node panel from NODE_PANELS (see there). */
async function nodePanel(editor, api, credential, panel, file) {
	const workflow = lexofficeWorkflow(panel.name, credential, [{ name: panel.name, parameters: panel.parameters }]);
	if (panel.before) {
		const [trigger, ...rest] = workflow.nodes;
		const before = panel.before.map((node, index) => ({ id: `before-${index}`, position: [260 * (index + 1), 0], ...node }));
		rest.forEach((node, index) => {
			node.position = [260 * (before.length + index + 1), 0];
		});
		workflow.nodes = [trigger, ...before, ...rest];
		workflow.connections = chain(workflow.nodes.map((node) => node.name));
	}
	const created = await api.createWorkflow(workflow);
	const viewport = editor.page.viewportSize();
	if (panel.height) await editor.page.setViewportSize({ width: viewport.width, height: panel.height });
	await editor.openWorkflow(created.id);
	await editor.openNode(panel.name);
	if (panel.execute) {
		await editor.executeStep();
		await editor.showOutputAs('json');
	}
	await calm(editor);
	await editor.page.mouse.move(0, 0);
	await shoot(editor.ndv, file);
	await editor.closeNdv();
	await editor.page.setViewportSize(viewport);
}

/** The Lexoffice Trigger's panel with a few events chosen (not activated: no HTTPS here). */
async function triggerPanel(editor, api, credential, file) {
	const workflow = await api.createWorkflow({
		name: 'Lexoffice Trigger',
		nodes: [
			{
				id: 'lexoffice-trigger',
				name: 'Lexoffice Trigger',
				type: 'n8n-nodes-lexoffice.lexofficeTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'b6f1f0c2-3c1e-4f5e-9d7a-2f4c8e1a0b3d',
				parameters: {
					authentication: 'oAuth2',
					events: ['invoice.created', 'invoice.status.changed', 'payment.changed'],
					options: { fetchResource: true },
				},
				credentials: { lexofficeOAuth2Api: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await editor.openWorkflow(workflow.id);
	await editor.openNode('Lexoffice Trigger');
	await calm(editor);
	await editor.page.mouse.move(0, 0);
	await shoot(editor.ndv, file);
	await editor.closeNdv();
}

async function outputPanel(editor, api, env, credential, file) {
	const workflow = await api.createWorkflow(
		lexofficeWorkflow('Contacts', credential, [
			{ name: 'Get many contacts', parameters: { resource: 'contact', operation: 'getAll', returnAll: true } },
		]),
	);
	await editor.openWorkflow(workflow.id);
	await editor.executeWorkflow('Get many contacts');
	await editor.openNode('Get many contacts');
	await editor.showOutputAs('json');
	await calm(editor);
	await editor.page.mouse.move(0, 0);
	await shoot(editor.ndv, file);
	await editor.closeNdv();
}

async function darkWorkflow(browser, env, credential, file) {
	const editor = await Editor.open(browser, env, { theme: 'dark', viewport: { width: 1280, height: 620 } });
	try {
		await editor.signIn();
		const api = await restClient(env);
		const workflow = await api.createWorkflow(exampleWorkflow(credential, n8nNodes.manualTrigger));
		await editor.openWorkflow(workflow.id);
		await editor.executeWorkflow('Download PDF');
		await editor.byTestId('zoom-to-fit').click();
		await calm(editor);
		await editor.page.mouse.move(0, 0);
		await editor.page.waitForTimeout(500);
		await editor.page.screenshot({ path: file, animations: 'disabled' });
		say(`wrote ${path.relative(REPO_ROOT, file)}`);
	} finally {
		await editor.close();
	}
}

async function main() {
	const dir = outDir();
	fs.mkdirSync(dir, { recursive: true });
	let stack;
	let browser;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		if (browser) await browser.close().catch(() => {});
		if (stack) await stack.stop();
	};
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			stop().finally(() => process.exit(130));
		});
	}
	try {
		say('Starting the sandbox and n8n with the packed package…');
		// Berlin time, as a lexoffice user's n8n would show it (n8n's default is America/New_York).
		stack = await startStack({ n8nPort: 5678, sandboxPort: 5680, n8nEnv: { GENERIC_TIMEZONE: 'Europe/Berlin' } });
		const env = describeStack(stack);
		browser = await launchBrowser();
		const api = await restClient(env);
		const credential = await connectedOAuthCredential(api, env, 'Lexoffice account');

		const editor = await Editor.open(browser, env, { viewport: { width: 1440, height: 2150 } });
		editor.page.setDefaultTimeout(WAIT.ui);
		await editor.signIn();
		const at = (file) => path.join(dir, file);
		if (wanted('credential-dialog.png')) await credentialDialog(editor, api, env, credential, at('credential-dialog.png'));
		if (wanted('node-create-invoice.png')) await createInvoicePanel(editor, api, env, credential, at('node-create-invoice.png'));
		if (wanted('node-create-quotation.png')) await createQuotationPanel(editor, api, env, credential, at('node-create-quotation.png'));
		await editor.page.setViewportSize({ width: 1440, height: 900 });
		if (wanted('output-panel.png')) await outputPanel(editor, api, env, credential, at('output-panel.png'));
		if (wanted('trigger.png')) await triggerPanel(editor, api, credential, at('trigger.png'));
		for (const panel of NODE_PANELS) {
			if (wanted(panel.file)) await nodePanel(editor, api, credential, panel, at(panel.file));
		}
		await editor.close();
		if (wanted('workflow-dark.png')) await darkWorkflow(browser, env, credential, at('workflow-dark.png'));
	} finally {
		await stop();
	}
}

main().catch((error) => {
	process.stderr.write(`screenshots failed: ${error.stack || error}\n`);
	process.exitCode = 1;
});
