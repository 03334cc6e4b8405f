import { DOCUMENT_KINDS } from '../document/kinds';
import { documentResource } from '../document/resource';

const invoice = documentResource(
	DOCUMENT_KINDS.invoice,
	{
		create: { description: 'Create a draft or finalized invoice, on its own or from a quotation or order confirmation' },
		download: { description: 'Download the PDF or XRechnung XML of a finalized invoice' },
		get: { description: 'Get an invoice by ID or URL' },
		getAll: { description: 'List invoices, optionally filtered, beyond lexoffice’s 10,000-entry limit' },
	},
	'create',
);

export const invoiceOperations = invoice.operations;
export const invoiceDescription = invoice.description;
