import type { ProblemList } from './problems';
import { compact } from './problems';
import type { DocumentLabels, RawDocument } from './rawDocument';
import { checkCountryCode, checkText, checkUuid } from './text';

/**
 * The recipient: an existing contact (its stored address, optionally overridden for this
 * document) or a one-time address, which needs a name and a country.
 */
export function readDocumentAddress(problems: ProblemList, raw: RawDocument, labels: DocumentLabels): Record<string, unknown> {
	const input = raw.address;
	const oneTime = raw.recipient === 'oneTimeAddress';
	const text = (key: 'name' | 'supplement' | 'street' | 'zip' | 'city', maxLength: number, required = false) =>
		problems.take(labels.field(`address.${key}`), checkText(input[key], { required, maxLength }));
	return compact({
		contactId: oneTime ? undefined : problems.take(labels.field('contactId'), checkUuid(input.contactId)),
		name: text('name', 255, oneTime),
		supplement: text('supplement', 255),
		street: text('street', 255),
		zip: text('zip', 20),
		city: text('city', 255),
		countryCode: problems.take(labels.field('address.countryCode'), checkCountryCode(input.countryCode, oneTime)),
	});
}
