import { checkDateTime } from './dates';
import type { DocumentRules } from './documentTypes';
import { withArticle } from './documentTypes';
import type { ProblemList } from './problems';
import { hasValue } from './problems';
import type { DocumentLabels, RawDocument } from './rawDocument';
import { checkChoice } from './text';

export const SHIPPING_TYPES = ['service', 'serviceperiod', 'delivery', 'deliveryperiod', 'none'] as const;

/**
 * Shipping conditions: a type, a date unless the type is none, and an end date (not
 * before the start) for the two period types. Documents without shipping conditions
 * (quotations, credit notes) refuse any shipping value.
 */
export function readShipping(
	problems: ProblemList,
	raw: RawDocument,
	labels: DocumentLabels,
	rules: DocumentRules,
	strict: boolean,
): Record<string, unknown> | undefined {
	if (rules.shippingConditions === 'forbidden') {
		const given = (['shippingType', 'shippingDate', 'shippingEndDate'] as const).find((key) => hasValue(raw[key]));
		if (given) problems.add(labels.field(given), `is not part of ${withArticle(rules.noun)}; leave it out`);
		return undefined;
	}
	const shippingType = problems.take(
		labels.field('shippingType'),
		checkChoice(hasValue(raw.shippingType) ? raw.shippingType : 'none', SHIPPING_TYPES),
	);
	if (shippingType === undefined) return undefined;
	const isPeriod = shippingType === 'serviceperiod' || shippingType === 'deliveryperiod';
	if (shippingType === 'none') {
		if (strict && (hasValue(raw.shippingDate) || hasValue(raw.shippingEndDate))) {
			problems.add(labels.field('shippingDate'), 'must be left out for shipping type none');
		}
		return { shippingType };
	}
	if (strict && !isPeriod && hasValue(raw.shippingEndDate)) {
		problems.add(
			labels.field('shippingEndDate'),
			`is only for the shipping types serviceperiod and deliveryperiod, not ${shippingType}`,
		);
	}
	const start = problems.take(labels.field('shippingDate'), checkDateTime(raw.shippingDate, false));
	if (!start) {
		if (!hasValue(raw.shippingDate)) {
			problems.add(labels.field('shippingDate'), `is required for shipping type ${shippingType}`);
		}
		return undefined;
	}
	if (!isPeriod) return { shippingType, shippingDate: start.text };
	const end = problems.take(labels.field('shippingEndDate'), checkDateTime(raw.shippingEndDate, false));
	if (!end) {
		if (!hasValue(raw.shippingEndDate)) {
			problems.add(labels.field('shippingEndDate'), `is required for shipping type ${shippingType}`);
		}
		return undefined;
	}
	if (end.epochMs < start.epochMs) {
		problems.add(
			labels.field('shippingEndDate'),
			`(${end.text}) must not be before the ${labels.field('shippingDate')} (${start.text})`,
		);
		return undefined;
	}
	return { shippingType, shippingDate: start.text, shippingEndDate: end.text };
}
