import { z } from 'zod';

import type { BuildOptions } from './documentBody';
import { buildDocumentBody } from './documentBody';
import type { DocumentRules, DocumentType } from './documentTypes';
import { DOCUMENT_RULES } from './documentTypes';
import { jsonLabels } from './labels';
import type { Outcome, Problem } from './problems';
import { compact, hasValue } from './problems';
import type { RawDocument, RawLineItem } from './rawDocument';

/**
 * A whole lexoffice document body given as JSON, for power users and AI agents. Its shape
 * is checked here (no read-only fields, no unknown keys inside known objects, EUR only);
 * its values then go through the same builder as the form.
 */

/** Fields lexoffice computes or manages itself; a create body must not carry them. */
const READ_ONLY_FIELDS = [
	'id',
	'organizationId',
	'createdDate',
	'updatedDate',
	'version',
	'voucherStatus',
	'voucherNumber',
	'dueDate',
	'archived',
	'relatedVouchers',
	'electronicDocumentProfile',
	'files',
	'taxAmounts',
];
const READ_ONLY_NESTED = ['lineItemAmount', 'totalNetAmount', 'totalGrossAmount', 'totalTaxAmount'];

/** Keys each nested object may hold; anything else is most likely a typo. */
const ALLOWED_KEYS = {
	address: ['contactId', 'name', 'supplement', 'street', 'zip', 'city', 'countryCode'],
	lineItem: ['type', 'id', 'name', 'description', 'quantity', 'unitName', 'unitPrice', 'discountPercentage'],
	unitPrice: ['currency', 'netAmount', 'grossAmount', 'taxRatePercentage'],
	totalPrice: ['currency', 'totalDiscountAbsolute', 'totalDiscountPercentage'],
	taxConditions: ['taxType', 'taxSubType', 'taxTypeNote'],
	shippingConditions: ['shippingType', 'shippingDate', 'shippingEndDate'],
	paymentConditions: ['paymentTermLabel', 'paymentTermLabelTemplate', 'paymentTermDuration', 'paymentDiscountConditions'],
	paymentDiscountConditions: ['discountPercentage', 'discountRange'],
	xRechnung: ['buyerReference'],
};
type ObjectKind = keyof typeof ALLOWED_KEYS;

/** Top-level keys the builder rebuilds; any other top-level key is passed on as given. */
const MODELLED_KEYS = [
	'voucherDate',
	'expirationDate',
	'address',
	'lineItems',
	'totalPrice',
	'taxConditions',
	'shippingConditions',
	'paymentConditions',
	'deliveryTerms',
	'title',
	'introduction',
	'remark',
	'language',
	'xRechnung',
	'printLayoutId',
];

/** EUR is the only currency lexoffice has; checked by hand so the message can show the value. */
function euroProblem(field: string, currency: unknown): Problem | undefined {
	if (currency === undefined || currency === null || currency === 'EUR') return undefined;
	return { field, problem: `must be EUR, the only currency lexoffice supports, not "${String(currency).slice(0, 20)}"` };
}

function shape(keys: readonly string[], extra: Record<string, z.ZodTypeAny> = {}) {
	return z.object({ ...Object.fromEntries(keys.map((key) => [key, z.unknown()])), ...extra }).strict();
}

function lineItemKeys(rules: DocumentRules): string[] {
	return rules.optionalLineItems ? [...ALLOWED_KEYS.lineItem, 'optional'] : ALLOWED_KEYS.lineItem;
}

function documentSchema(rules: DocumentRules) {
	const unitPrice = shape(ALLOWED_KEYS.unitPrice).nullish();
	const lineItem = shape(lineItemKeys(rules), { unitPrice });
	return z
		.object({
			address: shape(ALLOWED_KEYS.address).nullish(),
			taxConditions: shape(ALLOWED_KEYS.taxConditions).nullish(),
			shippingConditions: shape(ALLOWED_KEYS.shippingConditions).nullish(),
			totalPrice: shape(ALLOWED_KEYS.totalPrice).nullish(),
			paymentConditions: shape(ALLOWED_KEYS.paymentConditions, {
				paymentDiscountConditions: shape(ALLOWED_KEYS.paymentDiscountConditions).nullish(),
			}).nullish(),
			xRechnung: shape(ALLOWED_KEYS.xRechnung).nullish(),
			lineItems: z.array(lineItem).nullish(),
		})
		.passthrough();
}

/** The kind of object a zod path points into, to name the keys it allows. */
function kindAt(path: Array<string | number>, rules: DocumentRules): { kind: ObjectKind; keys: string[] } {
	const last = [...path].reverse().find((part) => typeof part === 'string') as string | undefined;
	if (last === 'lineItems') return { kind: 'lineItem', keys: lineItemKeys(rules) };
	const kind = (last ?? 'address') as ObjectKind;
	return { kind, keys: ALLOWED_KEYS[kind] ?? [] };
}

function pathText(path: Array<string | number>): string {
	return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');
}

function shapeProblems(issues: z.ZodIssue[], rules: DocumentRules): Problem[] {
	const at = (path: Array<string | number>) => `${rules.jsonLabel} → ${pathText(path)}`;
	return issues.flatMap((issue): Problem[] => {
		if (issue.code === 'unrecognized_keys') {
			const { keys } = kindAt(issue.path, rules);
			return issue.keys.map((key) =>
				READ_ONLY_NESTED.includes(key)
					? { field: at([...issue.path, key]), problem: 'is read-only: lexoffice computes it; remove it' }
					: { field: at([...issue.path, key]), problem: `is not a field lexoffice accepts here; use ${keys.join(', ')}` },
			);
		}
		if (issue.code === 'invalid_type') {
			const last = issue.path[issue.path.length - 1];
			const problem =
				last === 'lineItems'
					? 'must be a list of line items'
					: typeof last === 'number' && issue.path[issue.path.length - 2] === 'lineItems'
						? 'must be a line item object'
						: 'must be an object';
			return [{ field: at(issue.path), problem }];
		}
		return [{ field: at(issue.path), problem: issue.message }];
	});
}

type Json = Record<string, unknown>;

export interface JsonDocument {
	raw: RawDocument;
	/** Extra top-level fields to send unchanged (e.g. newer lexoffice fields). */
	passThrough: Json;
	/** taxSubType / taxTypeNote, which are sent as given. */
	taxConditionExtras: Json;
	paymentConditionExtras: Json;
	gross: boolean;
}

function parseJsonText(value: unknown, rules: DocumentRules): Outcome<Json> {
	const fail = (problem: string, hint?: string): Outcome<Json> => ({
		ok: false,
		problems: [{ field: rules.jsonLabel, problem, ...(hint ? { hint } : {}) }],
	});
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) return fail('is empty');
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return fail(`is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return fail(`must be a JSON object with the lexoffice ${rules.noun} fields`);
	}
	return { ok: true, value: parsed as Json };
}

/** Reads a JSON body into the builder's input, checking its shape; no value checks yet. */
export function readDocumentJson(type: DocumentType, value: unknown): Outcome<JsonDocument> {
	const rules = DOCUMENT_RULES[type];
	const parsed = parseJsonText(value, rules);
	if (!parsed.ok) return parsed;
	const body = parsed.value;
	const readOnly = READ_ONLY_FIELDS.find((key) => key in body);
	if (readOnly) {
		return {
			ok: false,
			problems: [
				{
					field: `${rules.jsonLabel} → ${readOnly}`,
					problem: 'is read-only: lexoffice sets it itself; remove it from the JSON',
					hint: `A body copied from a fetched ${rules.noun} carries such fields; a new ${rules.noun} must leave them out.`,
				},
			],
		};
	}
	const checked = documentSchema(rules).safeParse(body);
	if (!checked.success) return { ok: false, problems: shapeProblems(checked.error.issues, rules) };

	const object = (entry: unknown) => (entry ?? {}) as Json;
	const address = object(body.address);
	const taxConditions = object(body.taxConditions);
	const shipping = object(body.shippingConditions);
	const totalPrice = object(body.totalPrice);
	const payment = body.paymentConditions ? object(body.paymentConditions) : undefined;
	const paymentDiscount = object(payment?.paymentDiscountConditions);
	const gross = typeof taxConditions.taxType === 'string' && taxConditions.taxType.toLowerCase() === 'gross';
	const [used, unused] = gross ? ['grossAmount', 'netAmount'] : ['netAmount', 'grossAmount'];

	const problems: Problem[] = [];
	const totalCurrency = euroProblem(`${rules.jsonLabel} → totalPrice.currency`, totalPrice.currency);
	if (totalCurrency) problems.push(totalCurrency);
	const lineItems = ((body.lineItems ?? []) as Json[]).map((item, index): RawLineItem => {
		const unitPrice = object(item.unitPrice);
		const currency = euroProblem(`${rules.jsonLabel} → lineItems[${index}].unitPrice.currency`, unitPrice.currency);
		if (currency) problems.push(currency);
		if (hasValue(unitPrice[unused])) {
			problems.push({
				field: `${rules.jsonLabel} → lineItems[${index}].unitPrice.${unused}`,
				problem: `does not go with tax type ${gross ? 'gross' : String(taxConditions.taxType ?? 'net')}; send unitPrice.${used} only`,
			});
		}
		return {
			type: item.type,
			id: item.id,
			name: item.name,
			description: item.description,
			quantity: item.quantity,
			unitName: item.unitName,
			unitPrice: unitPrice[used],
			taxRate: unitPrice.taxRatePercentage,
			discountPercentage: item.discountPercentage,
			optional: item.optional,
		};
	});
	if (problems.length) return { ok: false, problems };

	const passThrough: Json = {};
	for (const [key, entry] of Object.entries(body)) {
		if (!MODELLED_KEYS.includes(key)) passThrough[key] = entry;
	}
	return {
		ok: true,
		value: {
			raw: {
				recipient: hasValue(address.contactId) ? 'contact' : 'oneTimeAddress',
				address,
				voucherDate: body.voucherDate,
				expirationDate: body.expirationDate,
				taxType: taxConditions.taxType,
				lineItems,
				shippingType: shipping.shippingType,
				shippingDate: shipping.shippingDate,
				shippingEndDate: shipping.shippingEndDate,
				title: body.title,
				introduction: body.introduction,
				remark: body.remark,
				language: body.language,
				deliveryTerms: body.deliveryTerms,
				paymentConditions: payment
					? {
							label: payment.paymentTermLabel,
							duration: payment.paymentTermDuration,
							discountPercentage: paymentDiscount.discountPercentage,
							discountRange: paymentDiscount.discountRange,
						}
					: undefined,
				totalDiscountAbsolute: totalPrice.totalDiscountAbsolute,
				totalDiscountPercentage: totalPrice.totalDiscountPercentage,
				xRechnungBuyerReference: object(body.xRechnung).buyerReference,
				printLayoutId: body.printLayoutId,
			},
			passThrough,
			taxConditionExtras: compact({ taxSubType: taxConditions.taxSubType, taxTypeNote: taxConditions.taxTypeNote }),
			paymentConditionExtras: compact({ paymentTermLabelTemplate: payment?.paymentTermLabelTemplate }),
			gross,
		},
	};
}

/** Checks a JSON body like the form and returns the body to send. */
export function buildDocumentBodyFromJson(
	type: DocumentType,
	value: unknown,
	options: BuildOptions = { strict: true },
): Outcome<Record<string, unknown>> {
	const json = readDocumentJson(type, value);
	if (!json.ok) return json;
	const { raw, gross, passThrough, taxConditionExtras, paymentConditionExtras } = json.value;
	const built = buildDocumentBody(type, raw, jsonLabels(DOCUMENT_RULES[type].jsonLabel, gross), options);
	if (!built.ok) return built;
	const body = built.value;
	if (Object.keys(taxConditionExtras).length) {
		body.taxConditions = { ...(body.taxConditions as Json), ...taxConditionExtras };
	}
	if (Object.keys(paymentConditionExtras).length) {
		body.paymentConditions = { ...((body.paymentConditions as Json) ?? {}), ...paymentConditionExtras };
	}
	return { ok: true, value: { ...passThrough, ...body } };
}
