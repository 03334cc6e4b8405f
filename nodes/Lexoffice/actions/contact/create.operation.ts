import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ContactInput } from '../../helpers/contactBody';
import { buildNewContact, readContactDetails } from '../../helpers/contactBody';
import { inputError } from '../../helpers/validation';
import { lexofficeBody } from '../../transport';
import { readBack, readReturnStoredRecord, returnStoredRecordOption } from '../document/stored';
import type { Operation } from '../types';
import { contactDetailFields } from './contactFields';

const show = { resource: ['contact'], operation: ['create'] };

const description: INodeProperties[] = [
	{
		displayName: 'Contact Type',
		name: 'contactType',
		type: 'options',
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Person', value: 'person' },
		],
		default: 'company',
		displayOptions: { show },
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Musterfirma GmbH',
		displayOptions: { show: { ...show, contactType: ['company'] } },
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Erika',
		displayOptions: { show: { ...show, contactType: ['person'] } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Mustermann',
		displayOptions: { show: { ...show, contactType: ['person'] } },
	},
	{
		displayName: 'Roles',
		name: 'roles',
		type: 'multiOptions',
		options: [
			{ name: 'Customer', value: 'customer', description: 'You send this contact invoices' },
			{ name: 'Vendor', value: 'vendor', description: 'This contact sends you invoices' },
		],
		default: ['customer'],
		required: true,
		description: 'At least one role; lexoffice assigns the customer or vendor number',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: contactDetailFields(false),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [returnStoredRecordOption('with the customer or vendor number lexoffice assigned')],
	},
];

interface PreparedCreate {
	body: IDataObject;
	readBack: boolean;
}

export const create: Operation<PreparedCreate> = {
	description,
	prepare(context, itemIndex) {
		const kind = context.getNodeParameter('contactType', itemIndex) as string;
		if (kind !== 'company' && kind !== 'person') {
			throw inputError(context, itemIndex, 'Contact Type', `must be company or person, not "${String(kind)}"`);
		}
		const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const input: ContactInput = readContactDetails(
			context,
			itemIndex,
			fields,
			{
				companyName: kind === 'company' ? context.getNodeParameter('companyName', itemIndex, '') : undefined,
				firstName: kind === 'person' ? context.getNodeParameter('firstName', itemIndex, '') : undefined,
				lastName: kind === 'person' ? context.getNodeParameter('lastName', itemIndex, '') : undefined,
				roles: context.getNodeParameter('roles', itemIndex, []),
			},
			'Roles',
		);
		if (kind === 'company' && !input.companyName) {
			throw inputError(context, itemIndex, 'Company Name', 'is required for a company contact');
		}
		if (kind === 'person' && !input.lastName) {
			throw inputError(context, itemIndex, 'Last Name', 'is required for a person contact');
		}
		if (input.roles.length === 0) {
			throw inputError(context, itemIndex, 'Roles', 'must contain customer, vendor or both');
		}
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return { body: buildNewContact(input, kind), readBack: readReturnStoredRecord(context, itemIndex, options) };
	},
	async execute(context, itemIndex, prepared) {
		const created = await lexofficeBody(
			context,
			{ method: 'POST', path: '/v1/contacts', body: prepared.body },
			{ itemIndex },
		);
		// The contact as saved: with its customer or vendor number, which lexoffice assigns.
		return [{ json: prepared.readBack ? await readBack(context, itemIndex, '/v1/contacts', created) : created }];
	},
};
