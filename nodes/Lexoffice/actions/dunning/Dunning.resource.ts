import { DOCUMENT_KINDS } from '../document/kinds';
import { documentResource } from '../document/resource';

// Dunnings always continue an invoice or down-payment invoice, stay drafts, and are never listed.
const resource = documentResource(
	DOCUMENT_KINDS.dunning,
	{
		create: { description: 'Create a dunning for an invoice or down-payment invoice (always a draft)' },
		get: { description: 'Get a dunning by ID or URL' },
		download: { description: 'Download the PDF of a dunning' },
	},
	'create',
);

export const dunningOperations = resource.operations;
export const dunningDescription = resource.description;
