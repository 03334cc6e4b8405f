import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { EMAIL_TYPES, PHONE_TYPES } from '../../domain/contact';

const countryCodeField: INodeProperties = {
	displayName: 'Country Code',
	name: 'countryCode',
	type: 'string',
	default: 'DE',
	placeholder: 'e.g. DE',
	description: 'Two-letter ISO 3166 code, such as DE, AT or CH',
};

function addressValues(): INodeProperties[] {
	return [
		{ displayName: 'Street', name: 'street', type: 'string', default: '', placeholder: 'e.g. Musterstraße 1' },
		{ displayName: 'Address Supplement', name: 'supplement', type: 'string', default: '', placeholder: 'e.g. 2nd floor' },
		{ displayName: 'ZIP Code', name: 'zip', type: 'string', default: '', placeholder: 'e.g. 10115' },
		{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Berlin' },
		countryCodeField,
	];
}

function addressField(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		placeholder: `Add ${displayName}`,
		description: 'lexoffice accepts one address of each kind through its API',
		options: [{ displayName, name: 'address', values: addressValues() }],
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
		addressField('billingAddress', 'Billing Address'),
		addressField('shippingAddress', 'Shipping Address'),
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
		{
			displayName: 'Allow Tax-Free Invoices',
			name: 'allowTaxFreeInvoices',
			type: 'boolean',
			default: false,
			description: 'Whether invoices to this company may be free of VAT (e.g. intra-community supply)',
			...onlyFor(companyOnly),
		},
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

