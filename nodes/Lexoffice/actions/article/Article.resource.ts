import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const articleOperations: Record<string, Operation<never>> = {
	create,
	delete: remove,
	get,
	getAll,
	update,
} as unknown as Record<string, Operation<never>>;

export const articleDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['article'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an article', description: 'Add a product or service to the article catalogue' },
			{ name: 'Delete', value: 'delete', action: 'Delete an article', description: 'Delete an article for good' },
			{ name: 'Get', value: 'get', action: 'Get an article', description: 'Get an article by ID or from the list' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many articles', description: 'List articles, optionally filtered' },
			{ name: 'Update', value: 'update', action: 'Update an article', description: 'Change chosen fields of an article and keep the rest' },
		],
		default: 'create',
	},
	...create.description,
	...remove.description,
	...get.description,
	...getAll.description,
	...update.description,
];
