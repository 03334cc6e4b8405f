import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { lexofficeApiRequest } from '../../transport';
import type { Operation } from '../types';
import { addLinksOption, invoiceLocator, readAddLinks, readInvoiceId, withLinks } from './invoiceFields';

const show = { resource: ['invoice'], operation: ['get'] };

const description: INodeProperties[] = [
	invoiceLocator('get'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [addLinksOption],
	},
];

interface PreparedGet {
	id: string;
	addLinks: boolean;
}

export const get: Operation<PreparedGet> = {
	description,
	prepare(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return { id: readInvoiceId(context, itemIndex), addLinks: readAddLinks(context, itemIndex, options) };
	},
	async execute(context, itemIndex, { id, addLinks }) {
		const invoice = await lexofficeApiRequest(context, { method: 'GET', path: `/v1/invoices/${id}` }, { itemIndex });
		return [{ json: addLinks ? await withLinks(context, invoice, id) : invoice }];
	},
};
