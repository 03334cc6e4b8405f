import type { INodeProperties } from 'n8n-workflow';

import { DOCUMENT_RULES } from '../../domain/documentTypes';
import { recordLocator } from '../common.descriptions';
import { additionalFields, documentAddressFields } from './additional.description';
import type { DocumentKind } from './kinds';
import { predecessorNouns } from './kinds';
import { lineItemValues } from './lineItems.description';
import { predecessorLocator } from './locator';
import { addLinksOption, returnStoredRecordOption } from './stored';

const INVOICE_EXAMPLE = `{
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


/** The Create parameters of a document type: what its rules allow, named as for invoices. */
export function createFields(kind: DocumentKind): INodeProperties[] {
	const rules = DOCUMENT_RULES[kind.type ?? 'invoice'];
	const show = { resource: [kind.resource], operation: ['create'] };
	const showFields = { ...show, [kind.modeParam]: ['fields'] };
	const noun = kind.noun;
	const fields: INodeProperties[] = [
	{
		displayName: `Define ${kind.title}`,
		name: kind.modeParam,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: 'Using JSON',
				value: 'json',
				description: `The whole lexoffice ${noun} body, checked by the same rules as the fields`,
			},
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: `${kind.title} JSON`,
		name: kind.jsonParam,
		type: 'json',
		default: exampleJson(kind),
		required: true,
		description:
			`The ${noun} as lexoffice’s API defines it (POST ${kind.path}). Dates in any common format are converted; read-only fields such as the ID or voucherNumber are refused.`,
		displayOptions: { show: { ...show, [kind.modeParam]: ['json'] } },
	},
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'options',
		options: [
			{ name: 'Existing Contact', value: 'contact', description: 'A lexoffice contact with the customer role' },
			{ name: 'One-Time Address', value: 'oneTimeAddress', description: `An address for this ${noun} only` },
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
		description: `Address fields to print on this ${noun} instead of the contact’s; the contact stays unchanged`,
		displayOptions: { show: { ...showFields, recipient: ['contact'] } },
		options: documentAddressFields(true),
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
		options: documentAddressFields(false),
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
			`${kind.title === 'Invoice' ? 'Invoice' : 'Document'} date, now by default. A date without time means 00:00 in Europe/Berlin; any ISO date, date-time or epoch milliseconds work.`,
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
		options: [{ displayName: 'Line Item', name: 'item', values: lineItemValues(kind) }],
	},
	{
		displayName: 'Shipping Type',
		name: 'shippingType',
		type: 'options',
		options: [
			{ name: 'Delivery', value: 'delivery', description: 'Delivery on one date' },
			{ name: 'Delivery Period', value: 'deliveryperiod', description: 'Delivery over a period' },
			{ name: 'None', value: 'none', description: `No service or delivery date on the ${noun}` },
			{ name: 'Service', value: 'service', description: 'Service on one date' },
			{ name: 'Service Period', value: 'serviceperiod', description: 'Service over a period' },
		],
		default: 'none',
		description: `The service or delivery date (Leistungsdatum) printed on the ${noun}`,
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
	},	];
	const shipping = ['shippingType', 'shippingDate', 'shippingEndDate'];
	const result = fields.filter((field) => rules.shippingConditions !== 'forbidden' || !shipping.includes(field.name));
	if (rules.expirationDate !== 'forbidden') {
		const at = result.findIndex((field) => field.name === 'voucherDate') + 1;
		result.splice(at, 0, {
			displayName: 'Expiration Date',
			name: 'expirationDate',
			type: 'dateTime',
			default: '',
			required: rules.expirationDate === 'required',
			description: `Until when the ${noun} is valid; not before the voucher date`,
			displayOptions: { show: showFields },
		});
	}
	// What the document continues comes first: it decides what the rest should say.
	return [...createFromFields(kind, show), ...result, ...createTail(kind, show, showFields)];
}

function createFromFields(kind: DocumentKind, show: Record<string, string[]>): INodeProperties[] {
	const rules = DOCUMENT_RULES[kind.type ?? 'invoice'];
	if (rules.precedingVoucher === 'forbidden' || rules.pursuedFrom.length === 0) return [];
	const nouns = predecessorNouns(kind).join(' or ');
	if (rules.precedingVoucher === 'required') return [predecessorLocator(kind, show)];
	return [
		{
			displayName: 'Create From',
			name: 'createFrom',
			type: 'options',
			options: [
				{ name: 'Nothing (Standalone)', value: 'none', description: `A new ${kind.noun} of its own` },
				{
					name: 'Preceding Voucher',
					value: 'voucher',
					description: `Continue a ${nouns} (pursue); lexoffice links the two`,
				},
			],
			default: 'none',
			displayOptions: { show },
		},
		predecessorLocator(kind, { ...show, createFrom: ['voucher'] }),
	];
}

function createTail(
	kind: DocumentKind,
	show: Record<string, string[]>,
	showFields: Record<string, string[]>,
): INodeProperties[] {
	const rules = DOCUMENT_RULES[kind.type ?? 'invoice'];
	const options: INodeProperties[] = [addLinksOption(kind.noun)];
	if (kind.key === 'invoice') {
		options.push({
			displayName: 'Preceding Voucher ID',
			name: 'precedingSalesVoucherId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c',
			description:
				'ID of a quotation, order confirmation or delivery note this invoice continues (pursue); lexoffice links the two. Create From does the same with a list to pick from.',
		});
	}
	options.push(returnStoredRecordOption('voucher number, status, totals'));
	const tail: INodeProperties[] = [];
	if (rules.finalize !== 'never') {
		tail.push({
			displayName: 'Finalize',
			name: 'finalize',
			type: 'boolean',
			default: false,
			description: `Whether to finalize the ${kind.noun} right away (status open, with a voucher number) instead of saving a draft. A finalized ${kind.noun} cannot be changed.`,
			displayOptions: { show },
		});
	}
	tail.push(
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showFields },
			options: additionalFields(kind),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options,
		},
	);
	return tail;
}

/** The JSON input's starting value: a valid minimal body of the type. */
function exampleJson(kind: DocumentKind): string {
	const rules = DOCUMENT_RULES[kind.type ?? 'invoice'];
	if (kind.key === 'invoice') return INVOICE_EXAMPLE;
	const example: Record<string, unknown> = JSON.parse(INVOICE_EXAMPLE);
	if (rules.expirationDate !== 'forbidden') example.expirationDate = '2024-04-15';
	if (rules.shippingConditions === 'forbidden') delete example.shippingConditions;
	if (rules.totals === 'forbidden') delete example.totalPrice;
	return JSON.stringify(example, null, 2);
}
