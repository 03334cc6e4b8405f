import { checkDecimal, DECIMALS } from './decimal';
import type { DocumentRules } from './documentTypes';
import { withArticle } from './documentTypes';
import type { ProblemList } from './problems';
import { compact, hasValue } from './problems';
import type { DocumentLabels, RawPaymentConditions } from './rawDocument';
import { checkText } from './text';

/** Payment terms: label, days until due, and a cash discount (percentage and days together). */
export function readPaymentConditions(
	problems: ProblemList,
	raw: RawPaymentConditions | undefined,
	labels: DocumentLabels,
	rules: DocumentRules,
): Record<string, unknown> | undefined {
	if (!raw) return undefined;
	if (rules.paymentConditions === 'forbidden') {
		const given = (['label', 'duration', 'discountPercentage', 'discountRange'] as const).find((key) =>
			hasValue(raw[key]),
		);
		if (given) problems.add(labels.field(`payment.${given}`), `is not part of ${withArticle(rules.noun)}; leave it out`);
		return undefined;
	}
	const days = (key: 'duration' | 'discountRange') =>
		problems.take(labels.field(`payment.${key}`), checkDecimal(raw[key], { maxDecimals: 0, min: 0, max: 3650 }));
	const paymentTermLabel = problems.take(labels.field('payment.label'), checkText(raw.label, { maxLength: 255 }));
	const paymentTermDuration = days('duration');
	const discountPercentage = problems.take(
		labels.field('payment.discountPercentage'),
		checkDecimal(raw.discountPercentage, { maxDecimals: DECIMALS.percentage, min: 0, max: 100 }),
	);
	const discountRange = days('discountRange');
	if (hasValue(raw.discountPercentage) !== hasValue(raw.discountRange)) {
		const [missing, given] = hasValue(raw.discountPercentage)
			? (['payment.discountRange', 'payment.discountPercentage'] as const)
			: (['payment.discountPercentage', 'payment.discountRange'] as const);
		problems.add(labels.field(missing), `is required together with ${labels.field(given)}`);
	}
	const conditions = compact({
		paymentTermLabel,
		paymentTermDuration,
		paymentDiscountConditions:
			discountPercentage !== undefined && discountRange !== undefined ? { discountPercentage, discountRange } : undefined,
	});
	return Object.keys(conditions).length ? conditions : undefined;
}
