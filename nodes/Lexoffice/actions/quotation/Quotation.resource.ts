import { DOCUMENT_KINDS } from '../document/kinds';
import { documentResource } from '../document/resource';

// Quotations have an expiration date and optional line items (domain/documentTypes.ts).
const resource = documentResource(
	DOCUMENT_KINDS.quotation,
	{
		create: { description: 'Create a draft or finalized quotation with an expiration date' },
		get: { description: 'Get a quotation by ID or URL' },
		getAll: { description: 'List quotations of any status, including accepted and rejected' },
		download: { description: 'Download the PDF of a finalized quotation' },
	},
	'create',
);

export const quotationOperations = resource.operations;
export const quotationDescription = resource.description;
