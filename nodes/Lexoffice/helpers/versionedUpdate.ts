import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getConnection, isVersionConflict, lexofficeBody, toNodeApiError } from '../transport';

/**
 * Writes a record back with the version it was read at (lexoffice's optimistic locking). A
 * conflict means someone changed the record in between: lexoffice refused the write, so
 * nothing was overwritten, and the user is told so. Contacts report a stale version as 406
 * with a `version` issue, other resources as 409; on a PUT that carries the version read,
 * lexoffice documents 409 for exactly that case.
 */
export async function putWithVersion(
	context: IExecuteFunctions,
	itemIndex: number,
	noun: string,
	path: string,
	body: IDataObject,
): Promise<IDataObject> {
	const { secrets } = await getConnection(context);
	return await lexofficeBody(
		context,
		{ method: 'PUT', path, body },
		{
			itemIndex,
			onError: (failure) =>
				isVersionConflict(failure) || failure.status === 409
					? toNodeApiError(context.getNode(), failure, {
							itemIndex,
							secrets,
							message: `The ${noun} was changed in lexoffice by someone else after it was read; nothing was overwritten [item ${itemIndex}]`,
							hint: `Run the item again to apply your change to the current version of the ${noun}.`,
						})
					: undefined,
		},
	);
}
