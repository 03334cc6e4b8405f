import { DOCUMENT_KINDS } from '../document/kinds';
import { documentResource } from '../document/resource';

// Credit notes have no shipping or payment conditions and no line discounts.
const resource = documentResource(
	DOCUMENT_KINDS.creditNote,
	{
		create: { description: 'Create a credit note, on its own or against an invoice' },
		get: { description: 'Get a credit note by ID or URL' },
		getAll: { description: 'List credit notes' },
		download: { description: 'Download the PDF of a finalized credit note' },
	},
	'create',
);

export const creditNoteOperations = resource.operations;
export const creditNoteDescription = resource.description;
