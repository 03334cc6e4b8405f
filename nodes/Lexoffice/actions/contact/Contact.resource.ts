import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const contactOperations: Record<string, Operation<never>> = {
	create,
	get,
	getAll,
	update,
} as unknown as Record<string, Operation<never>>;

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a contact', description: 'Create a company or person contact' },
			{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Get a contact by ID or URL' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many contacts', description: 'List contacts, optionally filtered' },
			{ name: 'Update', value: 'update', action: 'Update a contact', description: 'Change chosen fields of a contact and keep the rest' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
