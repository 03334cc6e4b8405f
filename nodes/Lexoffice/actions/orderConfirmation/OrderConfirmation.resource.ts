import { DOCUMENT_KINDS } from '../document/kinds';
import { documentResource } from '../document/resource';

// Order confirmations may carry delivery terms and continue a quotation.
const resource = documentResource(
	DOCUMENT_KINDS.orderConfirmation,
	{
		create: { description: 'Create an order confirmation, on its own or from a quotation' },
		get: { description: 'Get an order confirmation by ID or URL' },
		getAll: { description: 'List order confirmations' },
		download: { description: 'Download the PDF of a finalized order confirmation' },
	},
	'create',
);

export const orderConfirmationOperations = resource.operations;
export const orderConfirmationDescription = resource.description;
