import type { INodeProperties } from 'n8n-workflow';

import type { DocumentRules } from '../../domain/documentTypes';
import { DOCUMENT_RULES } from '../../domain/documentTypes';
import type { DocumentKind } from './kinds';

export const documentAddressFields = (withName: boolean): INodeProperties[] => {
	const values: INodeProperties[] = [
		{ displayName: 'Address Supplement', name: 'supplement', type: 'string', default: '', placeholder: 'e.g. Building 10' },
		{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Berlin' },
		{ displayName: 'Street', name: 'street', type: 'string', default: '', placeholder: 'e.g. Musterstraße 42' },
		{ displayName: 'ZIP Code', name: 'zip', type: 'string', default: '', placeholder: 'e.g. 10115' },
	];
	if (withName) {
		values.push(
			{
				displayName: 'Country Code',
				name: 'countryCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. DE',
				description: 'Two-letter ISO 3166 code, such as DE, AT or CH',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Musterfirma GmbH' },
		);
	}
	return values.sort((a, b) => a.displayName.localeCompare(b.displayName));
};

const allAdditionalFields = (noun: string): INodeProperties[] => [
	{
		displayName: 'Delivery Terms',
		name: 'deliveryTerms',
		type: 'string',
		default: '',
		placeholder: 'e.g. Lieferung frei Haus',
		description: `Delivery terms printed on the ${noun}, at most 255 characters; lexoffice uses the contact’s or your default otherwise`,
	},
	{
		displayName: 'Introduction',
		name: 'introduction',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. Wir berechnen Ihnen folgende Leistungen:',
		description: 'Text above the line items, at most 2000 characters',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'English', value: 'en' },
			{ name: 'German', value: 'de' },
		],
		default: 'de',
		description: `Language of the ${noun} document`,
	},
	{
		displayName: 'Payment Conditions',
		name: 'paymentConditions',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Payment Conditions',
		options: [
			{
				displayName: 'Payment Conditions',
				name: 'conditions',
				values: [
					{
						displayName: 'Cash Discount Days',
						name: 'discountRange',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Days within which the cash discount applies; needed with a cash discount percentage',
					},
					{
						displayName: 'Cash Discount Percentage',
						name: 'discountPercentage',
						type: 'number',
						typeOptions: { numberPrecision: 2, minValue: 0, maxValue: 100 },
						default: 0,
						description: 'Cash discount (Skonto) in percent; leave 0 for none',
					},
					{
						displayName: 'Duration (Days)',
						name: 'duration',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 14,
						description: 'Days until payment is due',
					},
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						placeholder: 'e.g. Zahlbar innerhalb von 14 Tagen ohne Abzug',
						description: `Payment terms text printed on the ${noun}`,
					},
				],
			},
		],
	},
	{
		displayName: 'Print Layout ID',
		name: 'printLayoutId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
		description: 'ID of a lexoffice print layout; the default layout is used otherwise',
	},
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. Vielen Dank für Ihren Auftrag.',
		description: 'Closing text below the line items, at most 2000 characters',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Rechnung',
		description: 'Document title, at most 25 characters',
	},
	{
		displayName: 'Total Discount Absolute',
		name: 'totalDiscountAbsolute',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0 },
		default: 0,
		description: `Discount on the whole ${noun} in EUR, at most 2 decimal places; not together with a percentage`,
	},
	{
		displayName: 'Total Discount Percentage',
		name: 'totalDiscountPercentage',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0, maxValue: 100 },
		default: 0,
		description: `Discount on the whole ${noun} in percent; not together with an absolute discount`,
	},
	{
		displayName: 'XRechnung Buyer Reference',
		name: 'xRechnungBuyerReference',
		type: 'string',
		default: '',
		placeholder: 'e.g. 04011000-12345-67',
		description: 'Leitweg-ID of a public-sector customer, for an XRechnung',
	},
];

/** Which additional fields a type has, read from its rules. */
function allowed(rules: DocumentRules, name: string): boolean {
	switch (name) {
		case 'deliveryTerms':
			return rules.deliveryTerms !== 'forbidden';
		case 'paymentConditions':
			return rules.paymentConditions !== 'forbidden';
		case 'totalDiscountAbsolute':
		case 'totalDiscountPercentage':
			return rules.totals !== 'forbidden';
		case 'xRechnungBuyerReference':
			return rules.xRechnung !== 'forbidden';
		default:
			return true;
	}
}

export function additionalFields(kind: DocumentKind): INodeProperties[] {
	const rules = DOCUMENT_RULES[kind.type ?? 'invoice'];
	return allAdditionalFields(kind.noun).filter((field) => allowed(rules, field.name));
}
