import type { INodeProperties } from 'n8n-workflow';

import { readUuid } from '../../helpers/validation';
import { lexofficeBody } from '../../transport';
import { recordLocator } from '../common.descriptions';
import type { Operation } from '../types';

export const contactLocator = (operation: string): INodeProperties => ({
	...recordLocator({
		name: 'contactId',
		displayName: 'Contact',
		searchMethod: 'searchContacts',
		urlSegment: 'contacts',
		description: 'The contact, picked from the list, by lexoffice URL or by ID',
	}),
	displayOptions: { show: { resource: ['contact'], operation: [operation] } },
});

export function readContactId(context: Parameters<Operation['prepare']>[0], itemIndex: number): string {
	const value = context.getNodeParameter('contactId', itemIndex, '', { extractValue: true });
	return readUuid(context, itemIndex, 'Contact', value);
}

export const get: Operation<{ id: string }> = {
	description: [contactLocator('get')],
	prepare(context, itemIndex) {
		return { id: readContactId(context, itemIndex) };
	},
	async execute(context, itemIndex, { id }) {
		const contact = await lexofficeBody(
			context,
			{ method: 'GET', path: `/v1/contacts/${id}` },
			{ itemIndex },
		);
		return [{ json: contact }];
	},
};
