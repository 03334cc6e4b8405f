import { DOCUMENT_KINDS } from '../document/kinds';
import { documentResource } from '../document/resource';

// Delivery notes have no totals, discounts or payment conditions; prices are optional.
const resource = documentResource(
	DOCUMENT_KINDS.deliveryNote,
	{
		create: { description: 'Create a delivery note, on its own or from a quotation, order confirmation or invoice' },
		get: { description: 'Get a delivery note by ID or URL' },
		getAll: { description: 'List delivery notes' },
		download: { description: 'Download the PDF of a finalized delivery note' },
	},
	'create',
);

export const deliveryNoteOperations = resource.operations;
export const deliveryNoteDescription = resource.description;
