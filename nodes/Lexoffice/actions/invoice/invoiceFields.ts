import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isUuid, readBoolean, readUuid } from '../../helpers/validation';
import { getConnection } from '../../transport';
import { recordLocator } from '../common.descriptions';

/** The invoice locator of the get and download operations. */
export const invoiceLocator = (operation: string): INodeProperties => ({
	...recordLocator({
		name: 'invoiceId',
		displayName: 'Invoice',
		searchMethod: 'searchInvoices',
		urlSegment: 'invoices',
		description: 'The invoice, picked from the list, by lexoffice URL or by ID',
	}),
	displayOptions: { show: { resource: ['invoice'], operation: [operation] } },
});

export function readInvoiceId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('invoiceId', itemIndex, '', { extractValue: true });
	return readUuid(context, itemIndex, 'Invoice', value);
}

export const addLinksOption: INodeProperties = {
	displayName: 'Add Links',
	name: 'addLinks',
	type: 'boolean',
	default: false,
	description: 'Whether to add viewUrl and editUrl, links that open the invoice in the lexoffice web app',
};

export function readAddLinks(context: IExecuteFunctions, itemIndex: number, options: IDataObject): boolean {
	return readBoolean(context, itemIndex, 'Options → Add Links', options.addLinks) === true;
}

/** Adds the web app's permalinks to an invoice (or to lexoffice's create response). */
export async function withLinks(context: IExecuteFunctions, json: IDataObject, id: string): Promise<IDataObject> {
	// The ID comes from lexoffice's answer and goes into a URL: only a real ID gets links.
	if (!isUuid(id)) return json;
	const { appBaseUrl } = await getConnection(context);
	return {
		...json,
		viewUrl: `${appBaseUrl}/permalink/invoices/view/${id}`,
		editUrl: `${appBaseUrl}/permalink/invoices/edit/${id}`,
	};
}

// ---------------------------------------------------------------------------------------
// Create

const show = { resource: ['invoice'], operation: ['create'] };
const showFields = { ...show, defineInvoice: ['fields'] };

const TAX_RATE_OPTIONS = [
	{ name: '19 %', value: '19' },
	{ name: '7 %', value: '7' },
	{ name: '0 %', value: '0' },
	{ name: 'Custom', value: 'custom', description: 'Enter the rate below' },
];

const notText = { hide: { type: ['text'] } };

const lineItemValues: INodeProperties[] = [
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
		displayName: 'Article ID',
		name: 'articleId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
		description: 'ID of the lexoffice article; required for material and service items',
		displayOptions: { show: { type: ['material', 'service'] } },
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

const addressValues = (withName: boolean): INodeProperties[] => {
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

const additionalFields: INodeProperties[] = [
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
		description: 'Language of the invoice document',
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
						description: 'Payment terms text printed on the invoice',
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
		description: 'Discount on the whole invoice in EUR, at most 2 decimal places; not together with a percentage',
	},
	{
		displayName: 'Total Discount Percentage',
		name: 'totalDiscountPercentage',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0, maxValue: 100 },
		default: 0,
		description: 'Discount on the whole invoice in percent; not together with an absolute discount',
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

const EXAMPLE_JSON = `{
  "voucherDate": "2024-03-15",
  "address": { "name": "Musterfirma GmbH", "countryCode": "DE" },
  "lineItems": [
    {
      "type": "custom",
      "name": "Consulting",
      "quantity": 1,
      "unitName": "Stunde",
      "unitPrice": { "currency": "EUR", "netAmount": 100, "taxRatePercentage": 19 }
    }
  ],
  "totalPrice": { "currency": "EUR" },
  "taxConditions": { "taxType": "net" },
  "shippingConditions": { "shippingType": "none" }
}`;

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Define Invoice',
		name: 'defineInvoice',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: 'Using JSON',
				value: 'json',
				description: 'The whole lexoffice invoice body, checked by the same rules as the fields',
			},
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Invoice JSON',
		name: 'invoiceJson',
		type: 'json',
		default: EXAMPLE_JSON,
		required: true,
		description:
			'The invoice as lexoffice’s API defines it (POST /v1/invoices). Dates in any common format are converted; read-only fields such as the ID or voucherNumber are refused.',
		displayOptions: { show: { ...show, defineInvoice: ['json'] } },
	},
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'options',
		options: [
			{ name: 'Existing Contact', value: 'contact', description: 'A lexoffice contact with the customer role' },
			{ name: 'One-Time Address', value: 'oneTimeAddress', description: 'An address for this invoice only' },
		],
		default: 'contact',
		displayOptions: { show: showFields },
	},
	{
		...recordLocator({
			name: 'contactId',
			displayName: 'Contact',
			searchMethod: 'searchCustomers',
			urlSegment: 'contacts',
			description: 'The customer, picked from the list, by lexoffice URL or by ID. It needs the customer role.',
		}),
		displayOptions: { show: { ...showFields, recipient: ['contact'] } },
	},
	{
		displayName: 'Address Override',
		name: 'addressOverride',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Address fields to print on this invoice instead of the contact’s; the contact stays unchanged',
		displayOptions: { show: { ...showFields, recipient: ['contact'] } },
		options: addressValues(true),
	},
	{
		displayName: 'Recipient Name',
		name: 'addressName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Musterfirma GmbH',
		displayOptions: { show: { ...showFields, recipient: ['oneTimeAddress'] } },
	},
	{
		displayName: 'Country Code',
		name: 'addressCountryCode',
		type: 'string',
		default: 'DE',
		required: true,
		placeholder: 'e.g. DE',
		description: 'Two-letter ISO 3166 code, such as DE, AT or CH',
		displayOptions: { show: { ...showFields, recipient: ['oneTimeAddress'] } },
	},
	{
		displayName: 'Address Details',
		name: 'addressDetails',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...showFields, recipient: ['oneTimeAddress'] } },
		options: addressValues(false),
	},
	{
		displayName: 'Voucher Date',
		name: 'voucherDate',
		type: 'dateTime',
		// Most invoices are dated the day they are written; $now (not $today) so the day is
		// today's in Berlin even when n8n runs in another time zone.
		default: '={{ $now }}',
		required: true,
		description:
			'Invoice date, now by default. A date without time means 00:00 in Europe/Berlin; any ISO date, date-time or epoch milliseconds work.',
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Tax Type',
		name: 'taxType',
		type: 'options',
		options: [
			{ name: 'Construction Service (§13b UStG)', value: 'constructionService13b' },
			{ name: 'External Service (§13b UStG)', value: 'externalService13b' },
			{ name: 'Gross', value: 'gross', description: 'Unit prices include VAT' },
			{ name: 'Intra-Community Supply', value: 'intraCommunitySupply' },
			{ name: 'Net', value: 'net', description: 'Unit prices exclude VAT' },
			{ name: 'Photovoltaic Equipment', value: 'photovoltaicEquipment' },
			{ name: 'Third-Country Delivery', value: 'thirdPartyCountryDelivery' },
			{ name: 'Third-Country Service', value: 'thirdPartyCountryService' },
			{ name: 'VAT-Free', value: 'vatfree' },
		],
		default: 'net',
		description: 'How VAT applies. Every type except Net and Gross needs a tax rate of 0 % on all line items.',
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Line Items',
		name: 'lineItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		required: true,
		placeholder: 'Add Line Item',
		description: 'Between 1 and 300 line items',
		displayOptions: { show: showFields },
		options: [{ displayName: 'Line Item', name: 'item', values: lineItemValues }],
	},
	{
		displayName: 'Shipping Type',
		name: 'shippingType',
		type: 'options',
		options: [
			{ name: 'Delivery', value: 'delivery', description: 'Delivery on one date' },
			{ name: 'Delivery Period', value: 'deliveryperiod', description: 'Delivery over a period' },
			{ name: 'None', value: 'none', description: 'No service or delivery date on the invoice' },
			{ name: 'Service', value: 'service', description: 'Service on one date' },
			{ name: 'Service Period', value: 'serviceperiod', description: 'Service over a period' },
		],
		default: 'none',
		description: 'The service or delivery date (Leistungsdatum) printed on the invoice',
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Shipping Date',
		name: 'shippingDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Service or delivery date, or the start of the period',
		displayOptions: { show: showFields, hide: { shippingType: ['none'] } },
	},
	{
		displayName: 'Shipping End Date',
		name: 'shippingEndDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'End of the service or delivery period; not before the shipping date',
		displayOptions: { show: { ...showFields, shippingType: ['serviceperiod', 'deliveryperiod'] } },
	},
	{
		displayName: 'Finalize',
		name: 'finalize',
		type: 'boolean',
		default: false,
		description:
			'Whether to finalize the invoice right away (status open, with a voucher number) instead of saving a draft. A finalized invoice cannot be changed.',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFields },
		options: additionalFields,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			addLinksOption,
			{
				displayName: 'Preceding Voucher ID',
				name: 'precedingSalesVoucherId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
				description:
					'ID of a quotation, order confirmation or delivery note this invoice continues (pursue); lexoffice links the two',
			},
		],
	},
];
