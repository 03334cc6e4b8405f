import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { lexofficeBody } from '../../transport';
import type { Operation } from '../types';
import type { DocumentKind } from './kinds';
import { documentLocator, readDocumentId } from './locator';
import { addLinksOption, readAddLinks, withLinks } from './stored';

interface PreparedGet {
	id: string;
	addLinks: boolean;
}

/** Get for a document type: one record by list pick, URL or ID. */
export function getOperation(kind: DocumentKind): Operation<PreparedGet> {
	const description: INodeProperties[] = [
		documentLocator(kind, 'get'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { resource: [kind.resource], operation: ['get'] } },
			options: [addLinksOption(kind.noun)],
		},
	];
	return {
		description,
		prepare(context, itemIndex) {
			const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return { id: readDocumentId(context, itemIndex, kind), addLinks: readAddLinks(context, itemIndex, options) };
		},
		async execute(context, itemIndex, { id, addLinks }) {
			const record = await lexofficeBody(context, { method: 'GET', path: `${kind.path}/${id}` }, { itemIndex });
			return [{ json: addLinks ? await withLinks(context, record, id, kind.permalink) : record }];
		},
	};
}
