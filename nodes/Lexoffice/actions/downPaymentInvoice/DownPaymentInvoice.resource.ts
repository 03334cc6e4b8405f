import { DOCUMENT_KINDS } from '../document/kinds';
import { documentResource } from '../document/resource';

// lexoffice creates down-payment invoices in its app; the API only reads them.
const resource = documentResource(
	DOCUMENT_KINDS.downPaymentInvoice,
	{
		get: { description: 'Get a down-payment invoice by ID or URL' },
		getAll: { description: 'List down-payment invoices' },
		download: { description: 'Download the PDF of a finalized down-payment invoice' },
	},
	'get',
);

export const downPaymentInvoiceOperations = resource.operations;
export const downPaymentInvoiceDescription = resource.description;
