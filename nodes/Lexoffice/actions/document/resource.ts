import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { createOperation } from './create';
import { downloadOperation } from './download';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import type { DocumentKind } from './kinds';

export type DocumentOperationName = 'create' | 'download' | 'get' | 'getAll';

interface OperationText {
	/** The option's description in the Operation list. */
	description: string;
}

/** The shared operations a document resource can use, with their option in the list. */
const FACTORIES: Record<DocumentOperationName, { name: string; verb: string; make: (kind: DocumentKind) => Operation<never> }> = {
	create: { name: 'Create', verb: 'Create', make: (kind) => createOperation(kind) as unknown as Operation<never> },
	download: { name: 'Download', verb: 'Download', make: (kind) => downloadOperation(kind) as unknown as Operation<never> },
	get: { name: 'Get', verb: 'Get', make: (kind) => getOperation(kind) as unknown as Operation<never> },
	getAll: { name: 'Get Many', verb: 'Get many', make: (kind) => getAllOperation(kind) as unknown as Operation<never> },
};

const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');

/**
 * A sales document resource from the shared kit: a resource file names its kind, the
 * operations it offers and their one-line descriptions; everything else is shared.
 */
export function documentResource(
	kind: DocumentKind,
	operations: Partial<Record<DocumentOperationName, OperationText>>,
	defaultOperation: DocumentOperationName,
): { operations: Record<string, Operation<never>>; description: INodeProperties[] } {
	const built: Record<string, Operation<never>> = {};
	const options = [];
	for (const [name, text] of Object.entries(operations) as Array<[DocumentOperationName, OperationText]>) {
		const factory = FACTORIES[name];
		built[name] = factory.make(kind);
		const action =
			name === 'getAll' ? `Get many ${kind.noun}s` : `${factory.verb} ${article(kind.noun)} ${kind.noun}`;
		options.push({ name: factory.name, value: name, action, description: text.description });
	}
	options.sort((a, b) => a.name.localeCompare(b.name));
	return {
		operations: built,
		description: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [kind.resource] } },
				options,
				default: defaultOperation,
			},
			...Object.values(built).flatMap((operation) => operation.description),
		],
	};
}
