'use strict';
// The example workflow the demo imports: a new customer, an invoice for it, and its PDF.
const crypto = require('node:crypto');

const NODE_TYPE = 'n8n-nodes-lexoffice.lexoffice';

function exampleWorkflow(credential, manualTrigger) {
	const lexoffice = (name, position, parameters) => ({
		id: crypto.randomUUID(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: { lexofficeOAuth2Api: credential },
	});
	const nodes = [
		manualTrigger('When clicking "Execute workflow"', [0, 0]),
		lexoffice('Create Contact', [240, 0], {
			resource: 'contact',
			operation: 'create',
			contactType: 'company',
			companyName: 'Demo Kunde GmbH',
			roles: ['customer'],
			additionalFields: {
				billingAddress: { address: { street: 'Musterstraße 1', zip: '10115', city: 'Berlin', countryCode: 'DE' } },
				emailAddresses: { business: 'rechnung@demo-kunde.example' },
			},
		}),
		lexoffice('Create Invoice', [480, 0], {
			resource: 'invoice',
			operation: 'create',
			recipient: 'contact',
			contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			voucherDate: '={{ $now.toISODate() }}',
			taxType: 'net',
			lineItems: {
				item: [
					{ type: 'custom', name: 'Beratung', quantity: 3, unitName: 'Stunde', unitPrice: 120, taxRate: '19', discountPercentage: 0 },
					{ type: 'custom', name: 'Reisekosten', quantity: 1, unitName: 'Pauschale', unitPrice: 49.9, taxRate: '19', discountPercentage: 0 },
				],
			},
			shippingType: 'service',
			shippingDate: '={{ $now.toISODate() }}',
			finalize: true,
			additionalFields: { title: 'Rechnung', remark: 'Vielen Dank für Ihren Auftrag.' },
			options: { addLinks: true },
		}),
		lexoffice('Download PDF', [720, 0], {
			resource: 'invoice',
			operation: 'download',
			invoiceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			fileFormat: 'pdf',
			binaryPropertyName: 'data',
		}),
	];
	const connections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		name: 'lexoffice demo: new contact → invoice → PDF',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { exampleWorkflow };
