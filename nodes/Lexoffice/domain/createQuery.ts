import type { DocumentType } from './documentTypes';
import { DOCUMENT_RULES, voucherNoun, withArticle } from './documentTypes';
import type { Outcome } from './problems';
import { hasValue, ProblemList } from './problems';
import { checkBoolean, checkUuid } from './text';

export interface RawCreateQuery {
	finalize?: unknown;
	precedingSalesVoucherId?: unknown;
}

/**
 * The query of a create request: `finalize` where the type can be finalized (a dunning is
 * always a draft, so asking to finalize one is refused rather than ignored), and the
 * voucher it is created from where the type takes or needs one.
 */
export function buildCreateQuery(
	type: DocumentType,
	raw: RawCreateQuery,
	labels: { finalize: string; precedingSalesVoucherId: string },
): Outcome<Record<string, unknown>> {
	const rules = DOCUMENT_RULES[type];
	const problems = new ProblemList();
	const query: Record<string, unknown> = {};
	const finalize = problems.take(labels.finalize, checkBoolean(raw.finalize));
	if (finalize && rules.finalize === 'never') {
		problems.add(labels.finalize, `is not available: lexoffice always creates ${withArticle(rules.noun)} as a draft`);
	} else if (finalize) {
		query.finalize = true;
	}
	const preceding = raw.precedingSalesVoucherId;
	if (hasValue(preceding) && String(preceding).trim() !== '') {
		if (rules.precedingVoucher === 'forbidden') {
			problems.add(labels.precedingSalesVoucherId, `is not available: ${withArticle(rules.noun)} is not created from another voucher`);
		} else {
			query.precedingSalesVoucherId = problems.take(labels.precedingSalesVoucherId, checkUuid(preceding));
		}
	} else if (rules.precedingVoucher === 'required') {
		problems.add(
			labels.precedingSalesVoucherId,
			`is required: ${withArticle(rules.noun)} is always created from ${rules.pursuedFrom.map((type) => withArticle(voucherNoun(type))).join(' or ')}`,
		);
	}
	return problems.outcome(query);
}
