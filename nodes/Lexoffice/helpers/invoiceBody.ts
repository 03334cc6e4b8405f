import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseDateTime, formatDateTime } from './invoiceDates';
import { inputError, readCountryCode, readText, readUuid } from './validation';

export {
	berlinOffsetMinutes,
	formatDateTime,
	parseDateTime,
	toLexofficeDate,
	toLexofficeDateTime,
} from './invoiceDates';

export const TAX_TYPES = [
	'net',
	'gross',
	'vatfree',
	'intraCommunitySupply',
	'constructionService13b',
	'externalService13b',
	'thirdPartyCountryService',
	'thirdPartyCountryDelivery',
	'photovoltaicEquipment',
] as const;
export type TaxType = (typeof TAX_TYPES)[number];

export const LINE_ITEM_TYPES = ['custom', 'material', 'service', 'text'] as const;
export const SHIPPING_TYPES = ['service', 'serviceperiod', 'delivery', 'deliveryperiod', 'none'] as const;
export const MAX_LINE_ITEMS = 300;

/**
 * Decimal places lexoffice keeps. Unit prices and quantities take 4 (lexoffice reference:
 * "can contain up to 4 decimals"); discounts, percentages and tax rates take 2.
 */
export const DECIMALS = { unitPrice: 4, quantity: 4, amount: 2, percentage: 2 } as const;

// ---------------------------------------------------------------------------------------
// Exact decimals

export type DecimalResult = { ok: true; value: number; text: string } | { ok: false; problem: string };

/** Writes "1.5e-7" style numbers out in plain digits, so decimals can be counted. */
function expandExponent(text: string): string | undefined {
	const match = /^([+-]?)(\d*)(?:\.(\d*))?e([+-]?\d+)$/i.exec(text);
	if (!match) return text;
	const exponent = Number(match[4]);
	if (Math.abs(exponent) > 40) return undefined;
	const intDigits = match[2] ?? '';
	const fracDigits = match[3] ?? '';
	let digits = intDigits + fracDigits;
	let point = intDigits.length + exponent;
	if (point < 0) {
		digits = '0'.repeat(-point) + digits;
		point = 0;
	}
	if (point > digits.length) digits = digits.padEnd(point, '0');
	const fraction = digits.slice(point);
	return `${match[1]}${digits.slice(0, point) || '0'}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Reads a number as an exact decimal. Numbers lose their binary artefacts first
 * (0.1 + 0.2 gives 0.30000000000000004, which is 0.3 at 15 significant digits); then more
 * decimals than `maxDecimals` are refused rather than rounded, so no amount changes
 * silently. The result is built from the decimal text, so it serialises without noise.
 */
export function normalizeDecimal(value: unknown, maxDecimals: number): DecimalResult | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let text: string | undefined;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { ok: false, problem: 'must be a number' };
		text = expandExponent(String(Number(value.toPrecision(15))));
	} else if (typeof value === 'string') {
		const trimmed = value.trim();
		if (!trimmed) return undefined;
		// A lone decimal comma ("12,50") is how German users type amounts.
		const dotted = /^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
		text = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(dotted) ? expandExponent(dotted) : undefined;
	}
	const shown = typeof value === 'object' ? 'an object or a list' : `"${String(value).slice(0, 40)}"`;
	if (text === undefined) return { ok: false, problem: `must be a number, not ${shown}` };
	const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match) return { ok: false, problem: `must be a number, not ${shown}` };
	const integer = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
	const fraction = (match[3] ?? '').replace(/0+$/, '');
	if (fraction.length > maxDecimals) {
		return {
			ok: false,
			problem: `has ${fraction.length} decimal places (${text}); lexoffice allows at most ${maxDecimals}${maxDecimals === 0 ? ', a whole number' : ''}. Round it before it reaches this node`,
		};
	}
	if (!Number.isSafeInteger(Number(integer + fraction.padEnd(maxDecimals, '0')))) {
		return { ok: false, problem: `is too large (${text})` };
	}
	const negative = match[1] === '-' && (integer !== '0' || fraction !== '');
	const normalized = `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
	return { ok: true, value: Number(normalized), text: normalized };
}

/** The decimal as an integer count of 10^-decimals units, for exact comparisons. */
function scaled(text: string, decimals: number): number {
	const negative = text.startsWith('-');
	const [integer, fraction = ''] = text.replace('-', '').split('.');
	const units = Number(integer + fraction.padEnd(decimals, '0'));
	return negative ? -units : units;
}

interface DecimalRule {
	maxDecimals: number;
	required?: boolean;
	/** Inclusive lower bound unless `above` is set. */
	min?: number;
	/** Exclusive lower bound. */
	above?: number;
	max?: number;
}

export function readDecimal(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	rule: DecimalRule,
): number | undefined {
	const result = normalizeDecimal(value, rule.maxDecimals);
	if (result === undefined) {
		if (rule.required) throw inputError(context, itemIndex, label, 'is required');
		return undefined;
	}
	if (!result.ok) throw inputError(context, itemIndex, label, result.problem);
	const units = scaled(result.text, rule.maxDecimals);
	const bound = (limit: number) => scaled(String(limit), rule.maxDecimals);
	const range =
		rule.max !== undefined
			? rule.above !== undefined
				? `greater than ${rule.above} and at most ${rule.max}`
				: `between ${rule.min ?? 0} and ${rule.max}`
			: rule.above !== undefined
				? `greater than ${rule.above}`
				: `at least ${rule.min ?? 0}`;
	const tooLow =
		(rule.above !== undefined && units <= bound(rule.above)) || (rule.min !== undefined && units < bound(rule.min));
	const tooHigh = rule.max !== undefined && units > bound(rule.max);
	if (tooLow || tooHigh) throw inputError(context, itemIndex, label, `must be ${range}, not ${result.text}`);
	return result.value;
}

// ---------------------------------------------------------------------------------------
// What the user entered, before validation

export type RecipientKind = 'contact' | 'oneTimeAddress';

export interface RawAddress {
	contactId?: unknown;
	name?: unknown;
	supplement?: unknown;
	street?: unknown;
	zip?: unknown;
	city?: unknown;
	countryCode?: unknown;
}

export interface RawLineItem {
	type?: unknown;
	id?: unknown;
	name?: unknown;
	description?: unknown;
	quantity?: unknown;
	unitName?: unknown;
	/** Net or gross, as the tax type says. */
	unitPrice?: unknown;
	taxRate?: unknown;
	discountPercentage?: unknown;
}

export interface RawPaymentConditions {
	label?: unknown;
	duration?: unknown;
	discountPercentage?: unknown;
	discountRange?: unknown;
}

export interface RawInvoice {
	recipient: RecipientKind;
	address: RawAddress;
	voucherDate?: unknown;
	taxType?: unknown;
	lineItems: RawLineItem[];
	shippingType?: unknown;
	shippingDate?: unknown;
	shippingEndDate?: unknown;
	title?: unknown;
	introduction?: unknown;
	remark?: unknown;
	language?: unknown;
	paymentConditions?: RawPaymentConditions;
	totalDiscountAbsolute?: unknown;
	totalDiscountPercentage?: unknown;
	xRechnungBuyerReference?: unknown;
	printLayoutId?: unknown;
}

export type InvoiceFieldKey =
	| 'voucherDate'
	| 'contactId'
	| `address.${Exclude<keyof RawAddress, 'contactId'>}`
	| 'lineItems'
	| 'taxType'
	| 'shippingType'
	| 'shippingDate'
	| 'shippingEndDate'
	| 'title'
	| 'introduction'
	| 'remark'
	| 'language'
	| `payment.${keyof RawPaymentConditions}`
	| 'totalDiscountAbsolute'
	| 'totalDiscountPercentage'
	| 'xRechnungBuyerReference'
	| 'printLayoutId';

/** How fields are named in messages: UI labels, or JSON paths for the JSON input. */
export interface InvoiceLabels {
	field(key: InvoiceFieldKey): string;
	/** `position` counts from 1. */
	lineItem(position: number, count: number, key: keyof RawLineItem): string;
}

const FIELD_LABELS: Record<InvoiceFieldKey, string> = {
	voucherDate: 'Voucher Date',
	contactId: 'Contact',
	'address.name': 'Recipient Name',
	'address.supplement': 'Address Details → Address Supplement',
	'address.street': 'Address Details → Street',
	'address.zip': 'Address Details → ZIP Code',
	'address.city': 'Address Details → City',
	'address.countryCode': 'Country Code',
	lineItems: 'Line Items',
	taxType: 'Tax Type',
	shippingType: 'Shipping Type',
	shippingDate: 'Shipping Date',
	shippingEndDate: 'Shipping End Date',
	title: 'Title',
	introduction: 'Introduction',
	remark: 'Remark',
	language: 'Language',
	'payment.label': 'Payment Conditions → Label',
	'payment.duration': 'Payment Conditions → Duration (Days)',
	'payment.discountPercentage': 'Payment Conditions → Cash Discount Percentage',
	'payment.discountRange': 'Payment Conditions → Cash Discount Days',
	totalDiscountAbsolute: 'Total Discount Absolute',
	totalDiscountPercentage: 'Total Discount Percentage',
	xRechnungBuyerReference: 'XRechnung Buyer Reference',
	printLayoutId: 'Print Layout ID',
};

const OVERRIDE_LABELS: Partial<Record<InvoiceFieldKey, string>> = {
	'address.name': 'Address Override → Name',
	'address.supplement': 'Address Override → Address Supplement',
	'address.street': 'Address Override → Street',
	'address.zip': 'Address Override → ZIP Code',
	'address.city': 'Address Override → City',
	'address.countryCode': 'Address Override → Country Code',
};

const LINE_ITEM_LABELS: Record<keyof RawLineItem, string> = {
	type: 'Type',
	id: 'Article ID',
	name: 'Name',
	description: 'Description',
	quantity: 'Quantity',
	unitName: 'Unit Name',
	unitPrice: 'Unit Price',
	taxRate: 'Tax Rate',
	discountPercentage: 'Discount Percentage',
};

/** Labels of the node's own fields; the address fields depend on the recipient kind. */
export function fieldLabels(recipient: RecipientKind): InvoiceLabels {
	return {
		field: (key) => (recipient === 'contact' ? OVERRIDE_LABELS[key] : undefined) ?? FIELD_LABELS[key],
		lineItem: (position, count, key) => `Line Items → #${position} (of ${count}) → ${LINE_ITEM_LABELS[key]}`,
	};
}

const JSON_PATHS: Record<InvoiceFieldKey, string> = {
	voucherDate: 'voucherDate',
	contactId: 'address.contactId',
	'address.name': 'address.name',
	'address.supplement': 'address.supplement',
	'address.street': 'address.street',
	'address.zip': 'address.zip',
	'address.city': 'address.city',
	'address.countryCode': 'address.countryCode',
	lineItems: 'lineItems',
	taxType: 'taxConditions.taxType',
	shippingType: 'shippingConditions.shippingType',
	shippingDate: 'shippingConditions.shippingDate',
	shippingEndDate: 'shippingConditions.shippingEndDate',
	title: 'title',
	introduction: 'introduction',
	remark: 'remark',
	language: 'language',
	'payment.label': 'paymentConditions.paymentTermLabel',
	'payment.duration': 'paymentConditions.paymentTermDuration',
	'payment.discountPercentage': 'paymentConditions.paymentDiscountConditions.discountPercentage',
	'payment.discountRange': 'paymentConditions.paymentDiscountConditions.discountRange',
	totalDiscountAbsolute: 'totalPrice.totalDiscountAbsolute',
	totalDiscountPercentage: 'totalPrice.totalDiscountPercentage',
	xRechnungBuyerReference: 'xRechnung.buyerReference',
	printLayoutId: 'printLayoutId',
};

export const JSON_LABEL = 'Invoice JSON';

/** Labels for the JSON input: the lexoffice field path. */
export function jsonLabels(gross: boolean): InvoiceLabels {
	const lineKeys: Record<keyof RawLineItem, string> = {
		type: 'type',
		id: 'id',
		name: 'name',
		description: 'description',
		quantity: 'quantity',
		unitName: 'unitName',
		unitPrice: gross ? 'unitPrice.grossAmount' : 'unitPrice.netAmount',
		taxRate: 'unitPrice.taxRatePercentage',
		discountPercentage: 'discountPercentage',
	};
	return {
		field: (key) => `${JSON_LABEL} → ${JSON_PATHS[key]}`,
		lineItem: (position, count, key) =>
			`${JSON_LABEL} → lineItems[${position - 1}] (line item ${position} of ${count}) → ${lineKeys[key]}`,
	};
}

// ---------------------------------------------------------------------------------------
// Validation and the request body

function readChoice<T extends string>(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	choices: readonly T[],
): T {
	const text = readText(context, itemIndex, label, value, { required: true }) as string;
	const match = choices.find((choice) => choice.toLowerCase() === text.toLowerCase());
	if (!match) {
		throw inputError(context, itemIndex, label, `must be one of ${choices.join(', ')}, not "${text.slice(0, 40)}"`);
	}
	return match;
}

/** A date-time as lexoffice wants it, plus the instant for comparisons. */
export function readDateTime(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	required: boolean,
): { text: string; epochMs: number } | undefined {
	const parsed = parseDateTime(value);
	if (!parsed) {
		if (required) throw inputError(context, itemIndex, label, 'is required');
		return undefined;
	}
	if (!parsed.ok) {
		throw inputError(
			context,
			itemIndex,
			label,
			parsed.problem,
			'Use a date such as 2024-03-15, a date and time such as 2024-03-15T10:30:00+01:00, or map a date from an expression.',
		);
	}
	return { text: formatDateTime(parsed.value), epochMs: parsed.value.epochMs };
}

function compact(value: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry !== undefined) result[key] = entry;
	}
	return result;
}

export interface BuildOptions {
	/**
	 * For the JSON input: values that do not apply (a price on a text item, a shipping
	 * date with type none) are refused. The form hides such fields, so there they are
	 * left out instead.
	 */
	strict?: boolean;
}

function hasValue(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function readAddress(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: RawInvoice,
	labels: InvoiceLabels,
): IDataObject {
	const input = raw.address;
	const oneTime = raw.recipient === 'oneTimeAddress';
	const address: IDataObject = {};
	if (!oneTime) {
		address.contactId = readUuid(context, itemIndex, labels.field('contactId'), input.contactId);
	}
	address.name = readText(context, itemIndex, labels.field('address.name'), input.name, {
		required: oneTime,
		maxLength: 255,
	});
	address.supplement = readText(context, itemIndex, labels.field('address.supplement'), input.supplement, {
		maxLength: 255,
	});
	address.street = readText(context, itemIndex, labels.field('address.street'), input.street, { maxLength: 255 });
	address.zip = readText(context, itemIndex, labels.field('address.zip'), input.zip, { maxLength: 20 });
	address.city = readText(context, itemIndex, labels.field('address.city'), input.city, { maxLength: 255 });
	address.countryCode = readCountryCode(
		context,
		itemIndex,
		labels.field('address.countryCode'),
		input.countryCode,
		oneTime,
	);
	return compact(address);
}

function readLineItem(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: RawLineItem,
	position: number,
	count: number,
	taxType: TaxType,
	labels: InvoiceLabels,
	strict: boolean,
): IDataObject {
	const label = (key: keyof RawLineItem) => labels.lineItem(position, count, key);
	const type = readChoice(context, itemIndex, label('type'), raw.type, LINE_ITEM_TYPES);
	const name = readText(context, itemIndex, label('name'), raw.name, { required: true, maxLength: 255 });
	const description = readText(context, itemIndex, label('description'), raw.description, { maxLength: 2000 });
	const needsArticle = type === 'material' || type === 'service';
	if (strict && !needsArticle && hasValue(raw.id)) {
		throw inputError(context, itemIndex, label('id'), `is only for material and service items, not for ${type} items`);
	}
	if (type === 'text') {
		if (strict) {
			const priced = (['quantity', 'unitName', 'unitPrice', 'taxRate', 'discountPercentage'] as const).find((key) =>
				hasValue(raw[key]),
			);
			if (priced) {
				throw inputError(context, itemIndex, label(priced), 'is not allowed on a text item, which carries only a name and a description');
			}
		}
		return compact({ type, name, description });
	}
	const id = needsArticle ? readUuid(context, itemIndex, label('id'), raw.id) : undefined;
	const quantity = readDecimal(context, itemIndex, label('quantity'), raw.quantity, {
		maxDecimals: DECIMALS.quantity,
		required: true,
		above: 0,
	});
	const unitName = readText(context, itemIndex, label('unitName'), raw.unitName, { required: true, maxLength: 255 });
	const unitPrice = readDecimal(context, itemIndex, label('unitPrice'), raw.unitPrice, {
		maxDecimals: DECIMALS.unitPrice,
		required: true,
	});
	const taxRate = readDecimal(context, itemIndex, label('taxRate'), raw.taxRate, {
		maxDecimals: DECIMALS.percentage,
		required: true,
		min: 0,
		max: 100,
	}) as number;
	if (taxType !== 'net' && taxType !== 'gross' && taxRate !== 0) {
		throw inputError(
			context,
			itemIndex,
			label('taxRate'),
			`must be 0 for tax type "${taxType}", not ${taxRate}`,
			'Only the tax types net and gross carry VAT; every other tax type needs a tax rate of 0 on each line item.',
		);
	}
	const discountPercentage = readDecimal(context, itemIndex, label('discountPercentage'), raw.discountPercentage, {
		maxDecimals: DECIMALS.percentage,
		min: 0,
		max: 100,
	});
	return compact({
		type,
		id,
		name,
		description,
		quantity,
		unitName,
		unitPrice: {
			currency: 'EUR',
			// lexoffice takes the gross price for gross invoices and the net price otherwise.
			[taxType === 'gross' ? 'grossAmount' : 'netAmount']: unitPrice,
			taxRatePercentage: taxRate,
		},
		discountPercentage,
	});
}

function readShipping(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: RawInvoice,
	labels: InvoiceLabels,
	strict: boolean,
): IDataObject {
	const shippingType = readChoice(
		context,
		itemIndex,
		labels.field('shippingType'),
		hasValue(raw.shippingType) ? raw.shippingType : 'none',
		SHIPPING_TYPES,
	);
	const isPeriod = shippingType === 'serviceperiod' || shippingType === 'deliveryperiod';
	if (shippingType === 'none') {
		if (strict && (hasValue(raw.shippingDate) || hasValue(raw.shippingEndDate))) {
			throw inputError(context, itemIndex, labels.field('shippingDate'), 'must be left out for shipping type none');
		}
		return { shippingType };
	}
	if (strict && !isPeriod && hasValue(raw.shippingEndDate)) {
		throw inputError(
			context,
			itemIndex,
			labels.field('shippingEndDate'),
			`is only for the shipping types serviceperiod and deliveryperiod, not ${shippingType}`,
		);
	}
	const start = readDateTime(context, itemIndex, labels.field('shippingDate'), raw.shippingDate, false);
	if (!start) {
		throw inputError(context, itemIndex, labels.field('shippingDate'), `is required for shipping type ${shippingType}`);
	}
	if (!isPeriod) return { shippingType, shippingDate: start.text };
	const end = readDateTime(context, itemIndex, labels.field('shippingEndDate'), raw.shippingEndDate, false);
	if (!end) {
		throw inputError(context, itemIndex, labels.field('shippingEndDate'), `is required for shipping type ${shippingType}`);
	}
	if (end.epochMs < start.epochMs) {
		throw inputError(
			context,
			itemIndex,
			labels.field('shippingEndDate'),
			`(${end.text}) must not be before the ${labels.field('shippingDate')} (${start.text})`,
		);
	}
	return { shippingType, shippingDate: start.text, shippingEndDate: end.text };
}

function readPaymentConditions(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: RawPaymentConditions | undefined,
	labels: InvoiceLabels,
): IDataObject | undefined {
	if (!raw) return undefined;
	const paymentTermLabel = readText(context, itemIndex, labels.field('payment.label'), raw.label, { maxLength: 255 });
	const paymentTermDuration = readDecimal(context, itemIndex, labels.field('payment.duration'), raw.duration, {
		maxDecimals: 0,
		min: 0,
		max: 3650,
	});
	const discountPercentage = readDecimal(
		context,
		itemIndex,
		labels.field('payment.discountPercentage'),
		raw.discountPercentage,
		{ maxDecimals: DECIMALS.percentage, min: 0, max: 100 },
	);
	const discountRange = readDecimal(context, itemIndex, labels.field('payment.discountRange'), raw.discountRange, {
		maxDecimals: 0,
		min: 0,
		max: 3650,
	});
	if ((discountPercentage === undefined) !== (discountRange === undefined)) {
		const missing = discountPercentage === undefined ? 'payment.discountPercentage' : 'payment.discountRange';
		const given = discountPercentage === undefined ? 'payment.discountRange' : 'payment.discountPercentage';
		throw inputError(context, itemIndex, labels.field(missing), `is required together with ${labels.field(given)}`);
	}
	const conditions = compact({
		paymentTermLabel,
		paymentTermDuration,
		paymentDiscountConditions:
			discountPercentage !== undefined ? { discountPercentage, discountRange } : undefined,
	});
	return Object.keys(conditions).length ? conditions : undefined;
}

/**
 * Checks an invoice against lexoffice's rules and builds the body for POST /v1/invoices.
 * Every problem names the field it is about, before anything is sent.
 */
export function buildInvoiceBody(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: RawInvoice,
	labels: InvoiceLabels,
	options: BuildOptions = {},
): IDataObject {
	const strict = options.strict === true;
	const voucherDate = readDateTime(context, itemIndex, labels.field('voucherDate'), raw.voucherDate, true);
	const address = readAddress(context, itemIndex, raw, labels);
	const taxType = readChoice(context, itemIndex, labels.field('taxType'), raw.taxType, TAX_TYPES);

	const count = raw.lineItems.length;
	if (count === 0) {
		throw inputError(context, itemIndex, labels.field('lineItems'), 'needs at least one line item');
	}
	if (count > MAX_LINE_ITEMS) {
		throw inputError(
			context,
			itemIndex,
			labels.field('lineItems'),
			`has ${count} line items; lexoffice allows at most ${MAX_LINE_ITEMS} per invoice`,
		);
	}
	const lineItems = raw.lineItems.map((item, index) =>
		readLineItem(context, itemIndex, item, index + 1, count, taxType, labels, strict),
	);

	const totalDiscountAbsolute = readDecimal(
		context,
		itemIndex,
		labels.field('totalDiscountAbsolute'),
		raw.totalDiscountAbsolute,
		{ maxDecimals: DECIMALS.amount, min: 0 },
	);
	const totalDiscountPercentage = readDecimal(
		context,
		itemIndex,
		labels.field('totalDiscountPercentage'),
		raw.totalDiscountPercentage,
		{ maxDecimals: DECIMALS.percentage, min: 0, max: 100 },
	);
	if (totalDiscountAbsolute !== undefined && totalDiscountPercentage !== undefined) {
		throw inputError(
			context,
			itemIndex,
			labels.field('totalDiscountPercentage'),
			`cannot be combined with ${labels.field('totalDiscountAbsolute')}; lexoffice takes one total discount or the other`,
		);
	}

	const language = hasValue(raw.language)
		? readChoice(context, itemIndex, labels.field('language'), raw.language, ['de', 'en'] as const)
		: undefined;
	const buyerReference = readText(
		context,
		itemIndex,
		labels.field('xRechnungBuyerReference'),
		raw.xRechnungBuyerReference,
		{ maxLength: 255 },
	);

	return compact({
		voucherDate: voucherDate?.text,
		address,
		lineItems,
		totalPrice: compact({ currency: 'EUR', totalDiscountAbsolute, totalDiscountPercentage }),
		taxConditions: { taxType },
		shippingConditions: readShipping(context, itemIndex, raw, labels, strict),
		paymentConditions: readPaymentConditions(context, itemIndex, raw.paymentConditions, labels),
		title: readText(context, itemIndex, labels.field('title'), raw.title, { maxLength: 25 }),
		introduction: readText(context, itemIndex, labels.field('introduction'), raw.introduction, { maxLength: 2000 }),
		remark: readText(context, itemIndex, labels.field('remark'), raw.remark, { maxLength: 2000 }),
		language,
		xRechnung: buyerReference ? { buyerReference } : undefined,
		printLayoutId: hasValue(raw.printLayoutId)
			? readUuid(context, itemIndex, labels.field('printLayoutId'), raw.printLayoutId)
			: undefined,
	});
}

// ---------------------------------------------------------------------------------------
// The JSON input

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
const READ_ONLY_TOTALS = ['totalNetAmount', 'totalGrossAmount', 'totalTaxAmount'];

/** Keys each nested object may hold; anything else is most likely a typo. */
const ALLOWED_KEYS: Record<string, string[]> = {
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

/** Top-level keys the validated body rebuilds; any other top-level key is passed on as given. */
const MODELLED_KEYS = [
	'voucherDate',
	'address',
	'lineItems',
	'totalPrice',
	'taxConditions',
	'shippingConditions',
	'paymentConditions',
	'title',
	'introduction',
	'remark',
	'language',
	'xRechnung',
	'printLayoutId',
];

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface JsonInvoice {
	raw: RawInvoice;
	/** Extra top-level fields to send unchanged (e.g. newer lexoffice fields). */
	passThrough: IDataObject;
	/** taxSubType / taxTypeNote, which are sent as given. */
	taxConditionExtras: IDataObject;
	paymentConditionExtras: IDataObject;
	gross: boolean;
}

/**
 * Reads a whole lexoffice invoice body given as JSON, for power users and AI agents.
 * It goes through the same checks as the form afterwards; here only its shape is checked:
 * no read-only fields, no unknown keys inside known objects, EUR only.
 */
export function readInvoiceJson(context: IExecuteFunctions, itemIndex: number, value: unknown): JsonInvoice {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) throw inputError(context, itemIndex, JSON_LABEL, 'is empty');
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw inputError(context, itemIndex, JSON_LABEL, `is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (!isPlainObject(parsed)) {
		throw inputError(context, itemIndex, JSON_LABEL, 'must be a JSON object with the lexoffice invoice fields');
	}
	const body = parsed;
	const at = (path: string) => `${JSON_LABEL} → ${path}`;
	const object = (path: string, raw: unknown, kind: string): IDataObject | undefined => {
		if (raw === undefined || raw === null) return undefined;
		if (!isPlainObject(raw)) throw inputError(context, itemIndex, at(path), 'must be an object');
		const unknown = Object.keys(raw).filter((key) => !ALLOWED_KEYS[kind].includes(key));
		const readOnly = unknown.find((key) => key === 'lineItemAmount' || READ_ONLY_TOTALS.includes(key));
		if (readOnly) {
			throw inputError(context, itemIndex, at(`${path}.${readOnly}`), 'is read-only: lexoffice computes it; remove it');
		}
		if (unknown.length) {
			throw inputError(
				context,
				itemIndex,
				at(`${path}.${unknown[0]}`),
				`is not a field lexoffice accepts here; use ${ALLOWED_KEYS[kind].join(', ')}`,
			);
		}
		return raw;
	};
	const euro = (path: string, currency: unknown) => {
		if (currency !== undefined && currency !== null && currency !== 'EUR') {
			throw inputError(context, itemIndex, at(path), `must be EUR, the only currency lexoffice supports, not "${String(currency)}"`);
		}
	};

	const readOnly = READ_ONLY_FIELDS.find((key) => key in body);
	if (readOnly) {
		throw inputError(
			context,
			itemIndex,
			at(readOnly),
			'is read-only: lexoffice sets it itself; remove it from the JSON',
			'A body copied from a fetched invoice carries such fields; a new invoice must leave them out.',
		);
	}

	const address = object('address', body.address, 'address') ?? {};
	const taxConditions = object('taxConditions', body.taxConditions, 'taxConditions') ?? {};
	const shipping = object('shippingConditions', body.shippingConditions, 'shippingConditions') ?? {};
	const totalPrice = object('totalPrice', body.totalPrice, 'totalPrice') ?? {};
	euro('totalPrice.currency', totalPrice.currency);
	const payment = object('paymentConditions', body.paymentConditions, 'paymentConditions');
	const paymentDiscount = payment
		? object('paymentConditions.paymentDiscountConditions', payment.paymentDiscountConditions, 'paymentDiscountConditions')
		: undefined;
	const xRechnung = object('xRechnung', body.xRechnung, 'xRechnung');
	const gross = typeof taxConditions.taxType === 'string' && taxConditions.taxType.toLowerCase() === 'gross';

	if (body.lineItems !== undefined && !Array.isArray(body.lineItems)) {
		throw inputError(context, itemIndex, at('lineItems'), 'must be a list of line items');
	}
	const items = (body.lineItems ?? []) as unknown[];
	const lineItems = items.map((entry, index): RawLineItem => {
		const path = `lineItems[${index}]`;
		const item = object(path, entry, 'lineItem');
		if (!item) throw inputError(context, itemIndex, at(path), 'must be a line item object');
		const unitPrice = object(`${path}.unitPrice`, item.unitPrice, 'unitPrice') ?? {};
		euro(`${path}.unitPrice.currency`, unitPrice.currency);
		const [used, unused] = gross ? ['grossAmount', 'netAmount'] : ['netAmount', 'grossAmount'];
		if (hasValue(unitPrice[unused])) {
			throw inputError(
				context,
				itemIndex,
				at(`${path}.unitPrice.${unused}`),
				`does not go with tax type ${gross ? 'gross' : String(taxConditions.taxType ?? 'net')}; send unitPrice.${used} only`,
			);
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
		};
	});

	const passThrough: IDataObject = {};
	for (const [key, entry] of Object.entries(body)) {
		if (!MODELLED_KEYS.includes(key)) passThrough[key] = entry;
	}
	return {
		raw: {
			recipient: hasValue(address.contactId) ? 'contact' : 'oneTimeAddress',
			address,
			voucherDate: body.voucherDate,
			taxType: taxConditions.taxType,
			lineItems,
			shippingType: shipping.shippingType,
			shippingDate: shipping.shippingDate,
			shippingEndDate: shipping.shippingEndDate,
			title: body.title,
			introduction: body.introduction,
			remark: body.remark,
			language: body.language,
			paymentConditions: payment
				? {
						label: payment.paymentTermLabel,
						duration: payment.paymentTermDuration,
						discountPercentage: paymentDiscount?.discountPercentage,
						discountRange: paymentDiscount?.discountRange,
					}
				: undefined,
			totalDiscountAbsolute: totalPrice.totalDiscountAbsolute,
			totalDiscountPercentage: totalPrice.totalDiscountPercentage,
			xRechnungBuyerReference: xRechnung?.buyerReference,
			printLayoutId: body.printLayoutId,
		},
		passThrough,
		taxConditionExtras: compact({ taxSubType: taxConditions.taxSubType, taxTypeNote: taxConditions.taxTypeNote }),
		paymentConditionExtras: compact({ paymentTermLabelTemplate: payment?.paymentTermLabelTemplate }),
		gross,
	};
}

/** Validates a JSON invoice like the form and returns the body to send. */
export function buildInvoiceBodyFromJson(context: IExecuteFunctions, itemIndex: number, value: unknown): IDataObject {
	const json = readInvoiceJson(context, itemIndex, value);
	const body = buildInvoiceBody(context, itemIndex, json.raw, jsonLabels(json.gross), { strict: true });
	if (Object.keys(json.taxConditionExtras).length) {
		body.taxConditions = { ...(body.taxConditions as IDataObject), ...json.taxConditionExtras };
	}
	if (Object.keys(json.paymentConditionExtras).length) {
		body.paymentConditions = { ...((body.paymentConditions as IDataObject) ?? {}), ...json.paymentConditionExtras };
	}
	return { ...json.passThrough, ...body };
}
