import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildDocumentBody } from '../domain/documentBody';
import { buildDocumentBodyFromJson } from '../domain/documentJson';
import type { DocumentType } from '../domain/documentTypes';
import { DOCUMENT_RULES } from '../domain/documentTypes';
import { fieldLabels } from '../domain/labels';
import type { RawDocument, RawLineItem, RecipientKind } from '../domain/rawDocument';
import { fixedCollectionEntries } from './parameters';
import { inputError, valueOrThrow } from './validation';

/**
 * Reads a sales document from the node's form (the parameters every document resource
 * shares) and hands it to the domain builder. The domain decides; this file only knows
 * where n8n keeps the values.
 */

/** The form's zero defaults mean "not set" for discounts, which lexoffice treats as optional. */
function unlessZero(value: unknown): unknown {
	return value === 0 || value === '0' ? undefined : value;
}

/** The article picker keeps a resource locator; older workflows hold the ID as plain text. */
function articleId(value: unknown): unknown {
	return value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
}

function readLineItems(context: IExecuteFunctions, itemIndex: number): RawLineItem[] {
	const entries = fixedCollectionEntries(context.getNodeParameter('lineItems', itemIndex, {}), 'item');
	return entries.map((entry) => ({
		type: entry.type ?? 'custom',
		id: articleId(entry.articleId),
		name: entry.name,
		description: entry.description,
		quantity: entry.quantity,
		unitName: entry.unitName,
		unitPrice: entry.unitPrice,
		taxRate: entry.taxRate === 'custom' ? entry.customTaxRate : entry.taxRate,
		discountPercentage: entry.discountPercentage,
		optional: entry.optional,
	}));
}

function readRecipient(context: IExecuteFunctions, itemIndex: number): Pick<RawDocument, 'recipient' | 'address'> {
	const recipient = context.getNodeParameter('recipient', itemIndex, 'contact') as RecipientKind;
	if (recipient !== 'contact' && recipient !== 'oneTimeAddress') {
		throw inputError(context, itemIndex, 'Recipient', `must be contact or oneTimeAddress, not "${String(recipient)}"`);
	}
	const address =
		recipient === 'contact'
			? {
					...(context.getNodeParameter('addressOverride', itemIndex, {}) as IDataObject),
					contactId: context.getNodeParameter('contactId', itemIndex, '', { extractValue: true }),
				}
			: {
					...(context.getNodeParameter('addressDetails', itemIndex, {}) as IDataObject),
					name: context.getNodeParameter('addressName', itemIndex, ''),
					countryCode: context.getNodeParameter('addressCountryCode', itemIndex, ''),
				};
	return { recipient, address };
}

/** The shared form parameters of a document type, as entered. */
export function readFormDocument(context: IExecuteFunctions, itemIndex: number, type: DocumentType): RawDocument {
	const rules = DOCUMENT_RULES[type];
	const hasShipping = rules.shippingConditions !== 'forbidden';
	const shippingType = hasShipping ? (context.getNodeParameter('shippingType', itemIndex, 'none') as string) : undefined;
	const isPeriod = shippingType === 'serviceperiod' || shippingType === 'deliveryperiod';
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const [payment] = fixedCollectionEntries(fields.paymentConditions, 'conditions');
	const cashDiscount = payment ? unlessZero(payment.discountPercentage) : undefined;
	return {
		...readRecipient(context, itemIndex),
		voucherDate: context.getNodeParameter('voucherDate', itemIndex, ''),
		expirationDate:
			rules.expirationDate === 'forbidden' ? undefined : context.getNodeParameter('expirationDate', itemIndex, ''),
		taxType: context.getNodeParameter('taxType', itemIndex, 'net'),
		lineItems: readLineItems(context, itemIndex),
		shippingType,
		shippingDate:
			shippingType && shippingType !== 'none' ? context.getNodeParameter('shippingDate', itemIndex, '') : undefined,
		shippingEndDate: isPeriod ? context.getNodeParameter('shippingEndDate', itemIndex, '') : undefined,
		title: fields.title,
		introduction: fields.introduction,
		remark: fields.remark,
		language: fields.language,
		deliveryTerms: fields.deliveryTerms,
		paymentConditions: payment
			? {
					label: payment.label,
					duration: payment.duration,
					// Days without a percentage are meaningless; the form's 0 % means no cash discount.
					discountPercentage: cashDiscount,
					discountRange: cashDiscount === undefined ? undefined : payment.discountRange,
				}
			: undefined,
		totalDiscountAbsolute: unlessZero(fields.totalDiscountAbsolute),
		totalDiscountPercentage: unlessZero(fields.totalDiscountPercentage),
		xRechnungBuyerReference: fields.xRechnungBuyerReference,
		printLayoutId: fields.printLayoutId,
	};
}

/** Where a resource keeps its "fields or JSON" switch and its JSON input. */
export interface DocumentInputParameters {
	mode: string;
	json: string;
}

/** The checked body of a document, from the form or from the JSON input. */
export function readDocumentBody(
	context: IExecuteFunctions,
	itemIndex: number,
	type: DocumentType,
	parameters: DocumentInputParameters,
): IDataObject {
	const mode = context.getNodeParameter(parameters.mode, itemIndex, 'fields') as string;
	if (mode === 'json') {
		const json = context.getNodeParameter(parameters.json, itemIndex, '');
		return valueOrThrow(context, itemIndex, buildDocumentBodyFromJson(type, json)) as IDataObject;
	}
	const raw = readFormDocument(context, itemIndex, type);
	return valueOrThrow(context, itemIndex, buildDocumentBody(type, raw, fieldLabels(raw.recipient))) as IDataObject;
}
