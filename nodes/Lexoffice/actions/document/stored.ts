import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isUuid, readBoolean } from '../../helpers/validation';
import { getConnection, lexofficeBody } from '../../transport';

/** The create option that reads the record back (named as on the article create). */
export const returnStoredRecordOption = (what: string): INodeProperties => ({
	displayName: 'Return Stored Record',
	name: 'returnStoredRecord',
	type: 'boolean',
	default: true,
	description: `Whether to read the record back after creating it and return it as lexoffice stored it (${what}). This costs one more request per item, which halves throughput under lexoffice’s limit of 2 requests per second; off returns only ID, resource URI and version.`,
});

export function readReturnStoredRecord(context: IExecuteFunctions, itemIndex: number, options: IDataObject): boolean {
	return readBoolean(context, itemIndex, 'Options → Return Stored Record', options.returnStoredRecord) !== false;
}

/**
 * The record as lexoffice stored it, merged over the create answer (which keeps its
 * resourceUri). A failing read does not hide that the record was created: the create
 * answer is returned with the reason.
 */
export async function readBack(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	created: IDataObject,
): Promise<IDataObject> {
	// The ID comes from lexoffice's answer and goes into a request path: only a real ID is read.
	if (typeof created?.id !== 'string' || !isUuid(created.id)) return created;
	try {
		const record = await lexofficeBody(context, { method: 'GET', path: `${path}/${String(created.id)}` }, { itemIndex });
		return { ...record, resourceUri: created.resourceUri };
	} catch (error) {
		return { ...created, readBackError: (error as Error).message };
	}
}

export const addLinksOption = (noun: string): INodeProperties => ({
	displayName: 'Add Links',
	name: 'addLinks',
	type: 'boolean',
	default: false,
	description: `Whether to add viewUrl and editUrl, links that open the ${noun} in the lexoffice web app`,
});

export function readAddLinks(context: IExecuteFunctions, itemIndex: number, options: IDataObject): boolean {
	return readBoolean(context, itemIndex, 'Options → Add Links', options.addLinks) === true;
}

/** Adds the web app's permalinks to a document (or to lexoffice's create response). */
export async function withLinks(
	context: IExecuteFunctions,
	json: IDataObject,
	id: string,
	permalink: string,
): Promise<IDataObject> {
	// The ID comes from lexoffice's answer and goes into a URL: only a real ID gets links.
	if (!isUuid(id)) return json;
	const { appBaseUrl } = await getConnection(context);
	return {
		...json,
		viewUrl: `${appBaseUrl}/permalink/${permalink}/view/${id}`,
		editUrl: `${appBaseUrl}/permalink/${permalink}/edit/${id}`,
	};
}
