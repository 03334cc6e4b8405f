import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ContactInput } from '../../helpers/contactBody';
import { readContactDetails } from '../../helpers/contactBody';
import { applyContactChanges, findWriteLimitProblem } from '../../helpers/contactUpdate';
import { inputError } from '../../helpers/validation';
import { lexofficeBody } from '../../transport';
import { putWithVersion } from '../../helpers/versionedUpdate';
import type { Operation } from '../types';
import { contactDetailFields } from './contactFields';
import { contactLocator, readContactId } from './get.operation';

const show = { resource: ['contact'], operation: ['update'] };

const description: INodeProperties[] = [
	contactLocator('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only these fields change; everything else stays as it is in lexoffice',
		displayOptions: { show },
		options: contactDetailFields(true),
	},
];

interface PreparedUpdate {
	id: string;
	input: ContactInput;
}

function hasChanges(input: ContactInput): boolean {
	return Object.entries(input).some(([, value]) => {
		if (value === undefined) return false;
		if (Array.isArray(value)) return value.length > 0;
		if (typeof value === 'object') return Object.keys(value as object).length > 0;
		return true;
	});
}

export const update: Operation<PreparedUpdate> = {
	description,
	prepare(context, itemIndex) {
		const id = readContactId(context, itemIndex);
		const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const input = readContactDetails(
			context,
			itemIndex,
			fields,
			{
				companyName: fields.companyName,
				firstName: fields.firstName,
				lastName: fields.lastName,
				roles: fields.addRoles,
			},
			'Add Roles',
			true,
		);
		if (!hasChanges(input)) {
			throw inputError(context, itemIndex, 'Update Fields', 'is empty; add at least one field to change');
		}
		return { id, input };
	},
	async execute(context, itemIndex, { id, input }) {
		// lexoffice replaces the whole contact on PUT and checks its version, so the update
		// starts from the stored record and sends back the version it was read at.
		const stored = await lexofficeBody(context, { method: 'GET', path: `/v1/contacts/${id}` }, { itemIndex });
		const problem = findWriteLimitProblem(stored);
		if (problem) {
			throw new NodeOperationError(
				context.getNode(),
				`This contact cannot be updated through the lexoffice API: ${problem} [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'lexoffice’s API saves at most one contact person, one address of each kind and one entry per email or phone kind. Edit the contact in lexoffice itself.',
				},
			);
		}
		const body = applyContactChanges(context, itemIndex, stored, input);
		const result = await putWithVersion(context, itemIndex, 'contact', `/v1/contacts/${id}`, body);
		return [{ json: { ...body, ...result } }];
	},
};
