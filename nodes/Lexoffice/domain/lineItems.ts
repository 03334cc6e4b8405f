import { checkDecimal, DECIMALS } from './decimal';
import type { DocumentRules } from './documentTypes';
import { withArticle } from './documentTypes';
import type { ProblemList } from './problems';
import { compact, hasValue } from './problems';
import type { DocumentLabels, RawLineItem } from './rawDocument';
import type { TaxType } from './taxes';
import { carriesVat, priceField } from './taxes';
import { checkBoolean, checkChoice, checkText, checkUuid } from './text';

export const LINE_ITEM_TYPES = ['custom', 'material', 'service', 'text'] as const;

const PRICED_KEYS = ['quantity', 'unitName', 'unitPrice', 'taxRate', 'discountPercentage'] as const;

export interface LineItemContext {
	position: number;
	count: number;
	/** Undefined when the tax type itself was refused; tax-dependent checks then wait. */
	taxType: TaxType | undefined;
	rules: DocumentRules;
	labels: DocumentLabels;
	/** JSON input: values that do not apply are refused; the form hides them instead. */
	strict: boolean;
}

/** One line item's body, or undefined when a problem was recorded. */
export function readLineItem(
	problems: ProblemList,
	raw: RawLineItem,
	at: LineItemContext,
): Record<string, unknown> | undefined {
	const before = problems.problems.length;
	const label = (key: keyof RawLineItem) => at.labels.lineItem(at.position, at.count, key);
	const type = problems.take(label('type'), checkChoice(raw.type, LINE_ITEM_TYPES));
	if (type === undefined) return undefined;
	const name = problems.take(label('name'), checkText(raw.name, { required: true, maxLength: 255 }));
	const description = problems.take(label('description'), checkText(raw.description, { maxLength: 2000 }));
	const needsArticle = type === 'material' || type === 'service';
	if (at.strict && !needsArticle && hasValue(raw.id)) {
		problems.add(label('id'), `is only for material and service items, not for ${type} items`);
	}
	const optional = readOptionalFlag(problems, raw, at, label('optional'));
	if (type === 'text') {
		const priced = at.strict ? PRICED_KEYS.find((key) => hasValue(raw[key])) : undefined;
		if (priced) {
			problems.add(label(priced), 'is not allowed on a text item, which carries only a name and a description');
		}
		return problems.problems.length === before ? compact({ type, name, description, optional }) : undefined;
	}
	const id = needsArticle ? problems.take(label('id'), checkUuid(raw.id)) : undefined;
	const quantity = problems.take(
		label('quantity'),
		checkDecimal(raw.quantity, { maxDecimals: DECIMALS.quantity, required: true, above: 0 }),
	);
	const unitName = problems.take(label('unitName'), checkText(raw.unitName, { required: true, maxLength: 255 }));
	const unitPrice = readUnitPrice(problems, raw, at, label);
	const discountPercentage = readLineDiscount(problems, raw, at, label('discountPercentage'));
	if (problems.problems.length !== before) return undefined;
	return compact({ type, id, name, description, quantity, unitName, unitPrice, discountPercentage, optional });
}

function readOptionalFlag(
	problems: ProblemList,
	raw: RawLineItem,
	at: LineItemContext,
	field: string,
): boolean | undefined {
	if (!hasValue(raw.optional)) return undefined;
	if (!at.rules.optionalLineItems) {
		problems.add(field, `is not available on ${withArticle(at.rules.noun)}; only quotations have optional line items`);
		return undefined;
	}
	return problems.take(field, checkBoolean(raw.optional)) || undefined;
}

function readUnitPrice(
	problems: ProblemList,
	raw: RawLineItem,
	at: LineItemContext,
	label: (key: keyof RawLineItem) => string,
): Record<string, unknown> | undefined {
	const required = at.rules.prices === 'required';
	// A delivery note may leave the price out entirely; then no tax rate is needed either.
	if (!required && !hasValue(raw.unitPrice) && !hasValue(raw.taxRate)) return undefined;
	const price = problems.take(
		label('unitPrice'),
		checkDecimal(raw.unitPrice, { maxDecimals: DECIMALS.unitPrice, required: true }),
	);
	const taxRate = problems.take(
		label('taxRate'),
		checkDecimal(raw.taxRate, { maxDecimals: DECIMALS.percentage, required: true, min: 0, max: 100 }),
	);
	if (at.taxType === undefined || price === undefined || taxRate === undefined) return undefined;
	if (!carriesVat(at.taxType) && taxRate !== 0) {
		problems.add(
			label('taxRate'),
			`must be 0 for tax type "${at.taxType}", not ${taxRate}`,
			'Only the tax types net and gross carry VAT; every other tax type needs a tax rate of 0 on each line item.',
		);
		return undefined;
	}
	return { currency: 'EUR', [priceField(at.taxType)]: price, taxRatePercentage: taxRate };
}

function readLineDiscount(
	problems: ProblemList,
	raw: RawLineItem,
	at: LineItemContext,
	field: string,
): number | undefined {
	if (!at.rules.lineItemDiscounts) {
		const given = problems.take(field, checkDecimal(raw.discountPercentage, { maxDecimals: DECIMALS.percentage }));
		if (given) problems.add(field, `is not available on ${withArticle(at.rules.noun)}, which has no line item discounts`);
		return undefined;
	}
	return problems.take(
		field,
		checkDecimal(raw.discountPercentage, { maxDecimals: DECIMALS.percentage, min: 0, max: 100 }),
	);
}
