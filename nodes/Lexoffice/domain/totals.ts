import { checkDecimal, DECIMALS } from './decimal';
import type { DocumentRules } from './documentTypes';
import { withArticle } from './documentTypes';
import type { ProblemList } from './problems';
import { compact, hasValue } from './problems';
import type { DocumentLabels, RawDocument } from './rawDocument';

/**
 * `totalPrice`: the currency (EUR, the only one lexoffice has) and at most one total
 * discount. lexoffice computes the amounts itself. Documents without totals (delivery
 * notes) refuse a discount.
 */
export function readTotals(
	problems: ProblemList,
	raw: RawDocument,
	labels: DocumentLabels,
	rules: DocumentRules,
): Record<string, unknown> | undefined {
	if (rules.totals === 'forbidden') {
		const given = (['totalDiscountAbsolute', 'totalDiscountPercentage'] as const).find((key) => hasValue(raw[key]));
		if (given) problems.add(labels.field(given), `is not part of ${withArticle(rules.noun)}, which has no totals`);
		return undefined;
	}
	const totalDiscountAbsolute = problems.take(
		labels.field('totalDiscountAbsolute'),
		checkDecimal(raw.totalDiscountAbsolute, { maxDecimals: DECIMALS.amount, min: 0 }),
	);
	const totalDiscountPercentage = problems.take(
		labels.field('totalDiscountPercentage'),
		checkDecimal(raw.totalDiscountPercentage, { maxDecimals: DECIMALS.percentage, min: 0, max: 100 }),
	);
	if (totalDiscountAbsolute !== undefined && totalDiscountPercentage !== undefined) {
		problems.add(
			labels.field('totalDiscountPercentage'),
			`cannot be combined with ${labels.field('totalDiscountAbsolute')}; lexoffice takes one total discount or the other`,
		);
	}
	return compact({ currency: 'EUR', totalDiscountAbsolute, totalDiscountPercentage });
}
