import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ContactInput } from './contactBody';
import { compact } from './contactBody';
import { checkMergedContact } from './contactChecks';
import { inputError } from './validation';

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The body for PUT /v1/contacts/{id}: the contact exactly as lexoffice returned it, with
 * only the fields the user set changed. lexoffice replaces the whole record on PUT, so
 * everything not touched here must be sent back unchanged.
 */
export function applyContactChanges(
	context: IExecuteFunctions,
	itemIndex: number,
	stored: IDataObject,
	input: ContactInput,
): IDataObject {
	const body = clone(stored);
	const company = body.company as IDataObject | undefined;
	const person = body.person as IDataObject | undefined;
	const companyOnly: Array<[keyof ContactInput, string]> = [
		['companyName', 'Company Name'],
		['taxNumber', 'Tax Number'],
		['vatRegistrationId', 'VAT Registration ID'],
		['allowTaxFreeInvoices', 'Allow Tax-Free Invoices'],
		['contactPerson', 'Contact Person'],
	];
	const personOnly: Array<[keyof ContactInput, string]> = [
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
		['salutation', 'Salutation'],
	];
	for (const [key, label] of company ? personOnly : companyOnly) {
		if (input[key] !== undefined) {
			throw inputError(
				context,
				itemIndex,
				label,
				`cannot be set: this contact is a ${company ? 'company' : 'person'}`,
				'lexoffice does not turn a company into a person or back. Leave this field out, or create a new contact.',
			);
		}
	}
	if (company) {
		if (input.companyName !== undefined) company.name = input.companyName;
		if (input.taxNumber !== undefined) company.taxNumber = input.taxNumber;
		if (input.vatRegistrationId !== undefined) company.vatRegistrationId = input.vatRegistrationId;
		if (input.allowTaxFreeInvoices !== undefined) company.allowTaxFreeInvoices = input.allowTaxFreeInvoices;
		if (input.contactPerson) {
			const persons = Array.isArray(company.contactPersons) ? (company.contactPersons as IDataObject[]) : [];
			const first = persons[0] ?? { primary: true };
			persons[0] = { ...first, ...compact(input.contactPerson) };
			company.contactPersons = persons;
		}
	} else if (person) {
		if (input.firstName !== undefined) person.firstName = input.firstName;
		if (input.lastName !== undefined) person.lastName = input.lastName;
		if (input.salutation !== undefined) person.salutation = input.salutation;
	}
	if (input.roles.length) {
		const roles = (body.roles ?? {}) as IDataObject;
		for (const role of input.roles) if (!roles[role]) roles[role] = {};
		body.roles = roles;
	}
	for (const kind of ['billing', 'shipping'] as const) {
		const change = kind === 'billing' ? input.billingAddress : input.shippingAddress;
		if (!change) continue;
		const addresses = (body.addresses ?? {}) as IDataObject;
		const list = Array.isArray(addresses[kind]) ? (addresses[kind] as IDataObject[]) : [];
		list[0] = { ...(list[0] ?? {}), ...compact(change) };
		addresses[kind] = list;
		body.addresses = addresses;
	}
	if (Object.keys(input.emailAddresses).length) {
		const emails = (body.emailAddresses ?? {}) as IDataObject;
		for (const [kind, email] of Object.entries(input.emailAddresses)) emails[kind] = [email];
		body.emailAddresses = emails;
	}
	if (Object.keys(input.phoneNumbers).length) {
		const phones = (body.phoneNumbers ?? {}) as IDataObject;
		for (const [kind, phone] of Object.entries(input.phoneNumbers)) phones[kind] = [phone];
		body.phoneNumbers = phones;
	}
	if (input.note !== undefined) body.note = input.note;
	if (input.xRechnungBuyerReference !== undefined || input.xRechnungVendorNumberAtCustomer !== undefined) {
		body.xRechnung = {
			...((body.xRechnung as IDataObject) ?? {}),
			...compact({
				buyerReference: input.xRechnungBuyerReference,
				vendorNumberAtCustomer: input.xRechnungVendorNumberAtCustomer,
			}),
		};
	}
	checkMergedContact(context, itemIndex, body, input);
	return body;
}

/**
 * lexoffice reads contacts with several contact persons, addresses or list entries of one
 * kind, but rejects them on write. Say so before sending rather than after.
 */
export function findWriteLimitProblem(record: IDataObject): string | undefined {
	const company = record.company as IDataObject | undefined;
	const persons = company?.contactPersons;
	if (Array.isArray(persons) && persons.length > 1) {
		return `it has ${persons.length} contact persons`;
	}
	const addresses = (record.addresses ?? {}) as IDataObject;
	for (const kind of ['billing', 'shipping']) {
		const list = addresses[kind];
		if (Array.isArray(list) && list.length > 1) return `it has ${list.length} ${kind} addresses`;
	}
	for (const group of ['emailAddresses', 'phoneNumbers']) {
		const lists = (record[group] ?? {}) as IDataObject;
		for (const [kind, list] of Object.entries(lists)) {
			if (Array.isArray(list) && list.length > 1) {
				return `it has ${list.length} ${kind} ${group === 'emailAddresses' ? 'email addresses' : 'phone numbers'}`;
			}
		}
	}
	return undefined;
}
