import type { INodeProperties } from 'n8n-workflow';

import { DOCUMENT_RULES } from '../../domain/documentTypes';
import type { DocumentKind } from './kinds';

/** The fields of one line item, as far as the document type has them. */
const TAX_RATE_OPTIONS = [
	{ name: '19 %', value: '19' },
	{ name: '7 %', value: '7' },
	{ name: '0 %', value: '0' },
	{ name: 'Custom', value: 'custom', description: 'Enter the rate below' },
];

const notText = { hide: { type: ['text'] } };

const baseLineItemValues: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom', description: 'A free line item, not linked to an article' },
			{ name: 'Material (Article)', value: 'material', description: 'A product from the lexoffice article list' },
			{ name: 'Service (Article)', value: 'service', description: 'A service from the lexoffice article list' },
			{ name: 'Text', value: 'text', description: 'A text line without a price' },
		],
		default: 'custom',
	},
	{
		displayName: 'Article',
		name: 'articleId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The lexoffice article, picked from the list or by ID; required for material and service items',
		displayOptions: { show: { type: ['material', 'service'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchArticles', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
			},
		],
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Consulting',
		description: 'At most 255 characters',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Workshop on 12 March, 9:00–17:00',
		description: 'At most 2000 characters',
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { numberPrecision: 4 },
		default: 1,
		description: 'Greater than 0, at most 4 decimal places',
		displayOptions: notText,
	},
	{
		displayName: 'Unit Name',
		name: 'unitName',
		type: 'string',
		default: 'Stück',
		placeholder: 'e.g. Stunde',
		description: 'Unit of the quantity; lexoffice adds unknown unit names to its list',
		displayOptions: notText,
	},
	{
		displayName: 'Unit Price',
		name: 'unitPrice',
		type: 'number',
		typeOptions: { numberPrecision: 4 },
		default: 0,
		description:
			'Price of one unit in EUR, at most 4 decimal places. Gross (VAT included) when the tax type is Gross, otherwise net.',
		displayOptions: notText,
	},
	{
		displayName: 'Tax Rate',
		name: 'taxRate',
		type: 'options',
		options: TAX_RATE_OPTIONS,
		default: '19',
		description: 'VAT rate in percent; every tax type except Net and Gross needs 0 %',
		displayOptions: notText,
	},
	{
		displayName: 'Custom Tax Rate',
		name: 'customTaxRate',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0, maxValue: 100 },
		default: 0,
		description: 'VAT rate in percent',
		displayOptions: { show: { taxRate: ['custom'] }, hide: { type: ['text'] } },
	},
	{
		displayName: 'Discount Percentage',
		name: 'discountPercentage',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0, maxValue: 100 },
		default: 0,
		description: 'Discount on this line item in percent, 0 to 100',
		displayOptions: notText,
	},
];

const PRICE_FIELDS = ['unitPrice', 'taxRate', 'customTaxRate'];

export function lineItemValues(kind: DocumentKind): INodeProperties[] {
	const rules = DOCUMENT_RULES[kind.type ?? 'invoice'];
	const values = baseLineItemValues
		.filter((value) => value.name !== 'discountPercentage' || rules.lineItemDiscounts)
		.map((value) =>
			PRICE_FIELDS.includes(value.name) && rules.prices === 'optional'
				? { ...value, description: `${value.description ?? ''} Optional on a ${rules.noun}.`.trim() }
				: value,
		);
	if (rules.optionalLineItems) {
		values.push({
			displayName: 'Optional',
			name: 'optional',
			type: 'boolean',
			default: false,
			description:
				'Whether the customer may leave this item out. lexoffice cannot continue a quotation with optional items into another document.',
			displayOptions: { hide: { type: ['text'] } },
		});
	}
	return values;
}
