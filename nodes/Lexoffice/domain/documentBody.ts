import { readDocumentAddress } from './address';
import { checkDateTime } from './dates';
import type { DocumentRules, DocumentType } from './documentTypes';
import { DOCUMENT_RULES, MAX_LINE_ITEMS, withArticle } from './documentTypes';
import { readLineItem } from './lineItems';
import { readPaymentConditions } from './payment';
import type { Outcome } from './problems';
import { compact, hasValue, ProblemList } from './problems';
import type { DocumentLabels, RawDocument } from './rawDocument';
import { readShipping } from './shipping';
import { TAX_TYPES } from './taxes';
import { checkChoice, checkText, checkUuid } from './text';
import { readTotals } from './totals';

export interface BuildOptions {
	/**
	 * For the JSON input: values that do not apply (a price on a text item, a shipping
	 * date with type none) are refused. The form hides such fields, so there they are
	 * left out instead.
	 */
	strict?: boolean;
}

/** A field that only some document types have: refused where the table forbids it. */
function onlyWhere(
	problems: ProblemList,
	rules: DocumentRules,
	presence: DocumentRules['expirationDate'],
	field: string,
	value: unknown,
): boolean {
	if (presence !== 'forbidden' || !hasValue(value)) return presence !== 'forbidden';
	problems.add(field, `is not part of ${withArticle(rules.noun)}; leave it out`);
	return false;
}

function readLineItems(
	problems: ProblemList,
	raw: RawDocument,
	labels: DocumentLabels,
	rules: DocumentRules,
	strict: boolean,
	taxType: (typeof TAX_TYPES)[number] | undefined,
): unknown[] | undefined {
	const count = raw.lineItems.length;
	if (count === 0) {
		problems.add(labels.field('lineItems'), 'needs at least one line item');
		return undefined;
	}
	if (count > MAX_LINE_ITEMS) {
		problems.add(
			labels.field('lineItems'),
			`has ${count} line items; lexoffice allows at most ${MAX_LINE_ITEMS} per ${rules.noun}`,
		);
		return undefined;
	}
	return raw.lineItems.map((item, index) =>
		readLineItem(problems, item, { position: index + 1, count, taxType, rules, labels, strict }),
	);
}

/**
 * Checks a sales document against lexoffice's rules for its type and builds the body for
 * `POST /v1/<type>`. Every problem names its field, so nothing is sent that lexoffice
 * would refuse or, worse, read differently from what the user meant.
 */
export function buildDocumentBody(
	type: DocumentType,
	raw: RawDocument,
	labels: DocumentLabels,
	options: BuildOptions = {},
): Outcome<Record<string, unknown>> {
	const rules = DOCUMENT_RULES[type];
	const strict = options.strict === true;
	const problems = new ProblemList();
	const field = labels.field;
	const voucherDate = problems.take(field('voucherDate'), checkDateTime(raw.voucherDate, true));
	const address = readDocumentAddress(problems, raw, labels);
	const taxType = problems.take(field('taxType'), checkChoice(raw.taxType, TAX_TYPES));
	const lineItems = readLineItems(problems, raw, labels, rules, strict, taxType);
	const totalPrice = readTotals(problems, raw, labels, rules);
	const language = hasValue(raw.language)
		? problems.take(field('language'), checkChoice(raw.language, ['de', 'en'] as const))
		: undefined;
	const buyerReference = onlyWhere(problems, rules, rules.xRechnung, field('xRechnungBuyerReference'), raw.xRechnungBuyerReference)
		? problems.take(field('xRechnungBuyerReference'), checkText(raw.xRechnungBuyerReference, { maxLength: 255 }))
		: undefined;
	const shippingConditions = readShipping(problems, raw, labels, rules, strict);
	const paymentConditions = readPaymentConditions(problems, raw.paymentConditions, labels, rules);
	const text = (key: 'title' | 'introduction' | 'remark', maxLength: number) =>
		problems.take(field(key), checkText(raw[key], { maxLength }));
	const title = text('title', 25);
	const introduction = text('introduction', 2000);
	const remark = text('remark', 2000);
	const printLayoutId = hasValue(raw.printLayoutId)
		? problems.take(field('printLayoutId'), checkUuid(raw.printLayoutId))
		: undefined;
	const expirationDate = onlyWhere(problems, rules, rules.expirationDate, field('expirationDate'), raw.expirationDate)
		? problems.take(field('expirationDate'), checkDateTime(raw.expirationDate, rules.expirationDate === 'required'))
		: undefined;
	const deliveryTerms = onlyWhere(problems, rules, rules.deliveryTerms, field('deliveryTerms'), raw.deliveryTerms)
		? problems.take(field('deliveryTerms'), checkText(raw.deliveryTerms, { maxLength: 255 }))
		: undefined;
	return problems.outcome(
		compact({
			voucherDate: voucherDate?.text,
			expirationDate: expirationDate?.text,
			address,
			lineItems,
			totalPrice,
			taxConditions: taxType ? { taxType } : undefined,
			shippingConditions,
			paymentConditions,
			deliveryTerms,
			title,
			introduction,
			remark,
			language,
			xRechnung: buyerReference ? { buyerReference } : undefined,
			printLayoutId,
		}),
	);
}
