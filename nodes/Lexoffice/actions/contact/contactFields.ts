import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { EMAIL_TYPES, PHONE_TYPES } from '../../domain/contact';

/**
 * On create a new address gets DE unless the user says otherwise. On update the field is
 * empty by default: n8n fills in a default for every field of an added address, and a
 * default must never replace the stored country.
 */
function countryCodeField(forUpdate: boolean): INodeProperties {
	if (forUpdate) {
		return {
			displayName: 'Country Code',
			name: 'countryCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. DE',
			description:
				'Two-letter ISO 3166 code, such as DE, AT or CH. Leave empty to keep the stored one; required if the contact has no such address yet.',
		};
	}
	return {
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: 'DE',
		placeholder: 'e.g. DE',
		description: 'Two-letter ISO 3166 code, such as DE, AT or CH',
	};
}

function contactAddressFields(forUpdate: boolean): INodeProperties[] {
	return [
		{ displayName: 'Street', name: 'street', type: 'string', default: '', placeholder: 'e.g. Musterstraße 1' },
		{ displayName: 'Address Supplement', name: 'supplement', type: 'string', default: '', placeholder: 'e.g. 2nd floor' },
		{ displayName: 'ZIP Code', name: 'zip', type: 'string', default: '', placeholder: 'e.g. 10115' },
		{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Berlin' },
		countryCodeField(forUpdate),
	];
}

function addressField(name: string, displayName: string, forUpdate: boolean): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		placeholder: `Add ${displayName}`,
		description: forUpdate
			? 'Only the parts set here change; empty parts keep the stored value'
			: 'lexoffice accepts one address of each kind through its API',
		options: [{ displayName, name: 'address', values: contactAddressFields(forUpdate) }],
	};
}

function title(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

const emailField: INodeProperties = {
	displayName: 'Email Addresses',
	name: 'emailAddresses',
	type: 'collection',
	default: {},
	placeholder: 'Add Email Address',
	description: 'One address per kind; lexoffice stores a list per kind but accepts one entry through its API',
	options: EMAIL_TYPES.map((kind) => ({
		displayName: title(kind),
		name: kind,
		type: 'string' as const,
		placeholder: 'e.g. name@example.com',
		default: '',
	})),
};

const phoneField: INodeProperties = {
	displayName: 'Phone Numbers',
	name: 'phoneNumbers',
	type: 'collection',
	default: {},
	placeholder: 'Add Phone Number',
	description: 'One number per kind; lexoffice accepts one entry per kind through its API',
	options: PHONE_TYPES.map((kind) => ({
		displayName: title(kind),
		name: kind,
		type: 'string' as const,
		placeholder: 'e.g. +49 30 1234567',
		default: '',
	})),
};

const allowTaxFreeSwitch: INodeProperties = {
	displayName: 'Allow Tax-Free Invoices',
	name: 'allowTaxFreeInvoices',
	type: 'boolean',
	default: false,
	description: 'Whether invoices to this company may be free of VAT (e.g. intra-community supply)',
};

/** On update a switch would default to off and clear a stored "on"; the user picks explicitly. */
const allowTaxFreeChoice: INodeProperties = {
	displayName: 'Allow Tax-Free Invoices',
	name: 'allowTaxFreeInvoices',
	type: 'options',
	default: 'keep',
	description: 'Whether invoices to this company may be free of VAT (e.g. intra-community supply)',
	options: [
		{ name: 'Keep Stored Value', value: 'keep' },
		{ name: 'No', value: 'false' },
		{ name: 'Yes', value: 'true' },
	],
};

const companyOnly = { show: { '/contactType': ['company'] } };
const personOnly = { show: { '/contactType': ['person'] } };

const contactPersonField: INodeProperties = {
	displayName: 'Contact Person',
	name: 'contactPerson',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Contact Person',
	description: 'The company’s contact person; lexoffice accepts one through its API',
	options: [
		{
			displayName: 'Contact Person',
			name: 'person',
			values: [
				{ displayName: 'Email', name: 'emailAddress', type: 'string', placeholder: 'e.g. name@example.com', default: '' },
				{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', placeholder: 'e.g. Erika' },
				{
					displayName: 'Last Name',
					name: 'lastName',
					type: 'string',
					default: '',
					placeholder: 'e.g. Mustermann',
					description: 'Required by lexoffice for a contact person',
				},
				{ displayName: 'Phone', name: 'phoneNumber', type: 'string', default: '', placeholder: 'e.g. +49 30 1234567' },
				{ displayName: 'Salutation', name: 'salutation', type: 'string', default: '', placeholder: 'e.g. Frau' },
			],
		} as INodePropertyCollection,
	],
};

/**
 * The optional fields of a contact. `forUpdate` adds the name fields, which are
 * top-level parameters on create, and shows company- or person-only fields regardless
 * of the kind (the update checks them against the stored contact).
 */
export function contactDetailFields(forUpdate: boolean): INodeProperties[] {
	const onlyFor = (display: typeof companyOnly) => (forUpdate ? {} : { displayOptions: display });
	const fields: INodeProperties[] = [
		addressField('billingAddress', 'Billing Address', forUpdate),
		addressField('shippingAddress', 'Shipping Address', forUpdate),
		{ ...contactPersonField, ...onlyFor(companyOnly) },
		emailField,
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'e.g. Prefers invoices by email',
			description: 'Internal note, at most 1000 characters',
		},
		{ ...phoneField },
		{
			displayName: 'Salutation',
			name: 'salutation',
			type: 'string',
			default: '',
			placeholder: 'e.g. Herr',
			description: 'Salutation of a person contact, at most 25 characters',
			...onlyFor(personOnly),
		},
		{
			displayName: 'Tax Number',
			name: 'taxNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. 12/345/67890',
			...onlyFor(companyOnly),
		},
		{
			displayName: 'VAT Registration ID',
			name: 'vatRegistrationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. DE123456789',
			...onlyFor(companyOnly),
		},
		forUpdate ? allowTaxFreeChoice : { ...allowTaxFreeSwitch, ...onlyFor(companyOnly) },
		{
			displayName: 'XRechnung Buyer Reference',
			name: 'xRechnungBuyerReference',
			type: 'string',
			default: '',
			placeholder: 'e.g. 04011000-12345-67',
			description: 'Leitweg-ID of a public-sector customer; needs the vendor number at customer too',
		},
		{
			displayName: 'XRechnung Vendor Number at Customer',
			name: 'xRechnungVendorNumberAtCustomer',
			type: 'string',
			default: '',
			placeholder: 'e.g. 70001',
			description: 'Your supplier number at the customer; required with a buyer reference',
		},
	];
	if (forUpdate) {
		fields.push(
			{
				displayName: 'Company Name',
				name: 'companyName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Musterfirma GmbH',
				description: 'Only for company contacts',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Erika',
				description: 'Only for person contacts',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Mustermann',
				description: 'Only for person contacts',
			},
			{
				displayName: 'Add Roles',
				name: 'addRoles',
				type: 'multiOptions',
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Vendor', value: 'vendor' },
				],
				default: [],
				description: 'Roles to give the contact in addition to its current ones. lexoffice does not remove roles.',
			},
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

