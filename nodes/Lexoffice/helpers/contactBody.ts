import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkMergedContact } from './contactChecks';
import type { EmailType, PhoneType } from '../domain/contact';
import { EMAIL_TYPES, PHONE_TYPES } from '../domain/contact';
import { fixedCollectionEntries } from './parameters';
import { inputError, readBoolean, readCountryCode, readEmail, readText } from './validation';

export interface AddressInput {
	supplement?: string;
	street?: string;
	zip?: string;
	city?: string;
	countryCode?: string;
}

export interface ContactPersonInput {
	salutation?: string;
	firstName?: string;
	lastName?: string;
	emailAddress?: string;
	phoneNumber?: string;
}

/** What the user set for a contact, validated; absent keys were not set. */
export interface ContactInput {
	companyName?: string;
	firstName?: string;
	lastName?: string;
	salutation?: string;
	roles: Array<'customer' | 'vendor'>;
	billingAddress?: AddressInput;
	shippingAddress?: AddressInput;
	contactPerson?: ContactPersonInput;
	emailAddresses: Partial<Record<EmailType, string>>;
	phoneNumbers: Partial<Record<PhoneType, string>>;
	note?: string;
	taxNumber?: string;
	vatRegistrationId?: string;
	allowTaxFreeInvoices?: boolean;
	xRechnungBuyerReference?: string;
	xRechnungVendorNumberAtCustomer?: string;
}

/**
 * On update the country code is optional here: the merged address is checked against the
 * stored one before the PUT (see checkMergedContact). Parts left empty are not set.
 */
function readAddress(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	raw: unknown,
	forUpdate: boolean,
): AddressInput | undefined {
	const values = fixedCollectionEntries(raw, 'address')[0];
	if (!values) return undefined;
	const address = compact<AddressInput>({
		street: readText(context, itemIndex, `${label} → Street`, values.street, { maxLength: 255 }),
		supplement: readText(context, itemIndex, `${label} → Address Supplement`, values.supplement, { maxLength: 255 }),
		zip: readText(context, itemIndex, `${label} → ZIP Code`, values.zip, { maxLength: 20 }),
		city: readText(context, itemIndex, `${label} → City`, values.city, { maxLength: 255 }),
		countryCode: readCountryCode(context, itemIndex, `${label} → Country Code`, values.countryCode, !forUpdate),
	}) as AddressInput;
	return Object.keys(address).length ? address : undefined;
}

/** Update offers Keep / No / Yes instead of a switch, so that adding the field changes nothing by itself. */
function readAllowTaxFree(context: IExecuteFunctions, itemIndex: number, value: unknown): boolean | undefined {
	if (value === 'keep') return undefined;
	return readBoolean(context, itemIndex, 'Allow Tax-Free Invoices', value);
}

function readRoles(context: IExecuteFunctions, itemIndex: number, label: string, raw: unknown) {
	const list = raw === undefined || raw === '' ? [] : Array.isArray(raw) ? raw : String(raw).split(',');
	const roles: Array<'customer' | 'vendor'> = [];
	for (const entry of list) {
		const role = String(entry).trim().toLowerCase();
		if (role !== 'customer' && role !== 'vendor') {
			throw inputError(context, itemIndex, label, `contains "${role}"; use customer and/or vendor`);
		}
		if (!roles.includes(role)) roles.push(role);
	}
	return roles;
}

/**
 * Reads and checks every optional contact field the user set, before any request. On
 * update, rules that depend on the whole contact (a contact person's last name, the
 * XRechnung pair, an address's country) are checked later against the merged record.
 */
export function readContactDetails(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	names: { companyName?: unknown; firstName?: unknown; lastName?: unknown; roles?: unknown },
	rolesLabel: string,
	forUpdate = false,
): ContactInput {
	const input: ContactInput = {
		companyName: readText(context, itemIndex, 'Company Name', names.companyName, { maxLength: 255 }),
		firstName: readText(context, itemIndex, 'First Name', names.firstName, { maxLength: 255 }),
		lastName: readText(context, itemIndex, 'Last Name', names.lastName, { maxLength: 255 }),
		salutation: readText(context, itemIndex, 'Salutation', fields.salutation, { maxLength: 25 }),
		roles: readRoles(context, itemIndex, rolesLabel, names.roles),
		billingAddress: readAddress(context, itemIndex, 'Billing Address', fields.billingAddress, forUpdate),
		shippingAddress: readAddress(context, itemIndex, 'Shipping Address', fields.shippingAddress, forUpdate),
		emailAddresses: {},
		phoneNumbers: {},
		note: readText(context, itemIndex, 'Note', fields.note, { maxLength: 1000 }),
		taxNumber: readText(context, itemIndex, 'Tax Number', fields.taxNumber, { maxLength: 50 }),
		vatRegistrationId: readText(context, itemIndex, 'VAT Registration ID', fields.vatRegistrationId, { maxLength: 50 }),
		allowTaxFreeInvoices: readAllowTaxFree(context, itemIndex, fields.allowTaxFreeInvoices),
		xRechnungBuyerReference: readText(context, itemIndex, 'XRechnung Buyer Reference', fields.xRechnungBuyerReference),
		xRechnungVendorNumberAtCustomer: readText(
			context,
			itemIndex,
			'XRechnung Vendor Number at Customer',
			fields.xRechnungVendorNumberAtCustomer,
		),
	};
	const person = fixedCollectionEntries(fields.contactPerson, 'person')[0];
	if (person) {
		const contactPerson: ContactPersonInput = {
			salutation: readText(context, itemIndex, 'Contact Person → Salutation', person.salutation, { maxLength: 25 }),
			firstName: readText(context, itemIndex, 'Contact Person → First Name', person.firstName, { maxLength: 255 }),
			lastName: readText(context, itemIndex, 'Contact Person → Last Name', person.lastName, {
				required: !forUpdate,
				maxLength: 255,
			}),
			emailAddress: readEmail(context, itemIndex, 'Contact Person → Email', person.emailAddress),
			phoneNumber: readText(context, itemIndex, 'Contact Person → Phone', person.phoneNumber, { maxLength: 30 }),
		};
		if (Object.values(contactPerson).some((value) => value !== undefined)) input.contactPerson = contactPerson;
	}
	const emails = (fields.emailAddresses ?? {}) as IDataObject;
	for (const kind of EMAIL_TYPES) {
		const email = readEmail(context, itemIndex, `Email Addresses → ${kind}`, emails[kind]);
		if (email) input.emailAddresses[kind] = email;
	}
	const phones = (fields.phoneNumbers ?? {}) as IDataObject;
	for (const kind of PHONE_TYPES) {
		const phone = readText(context, itemIndex, `Phone Numbers → ${kind}`, phones[kind], { maxLength: 30 });
		if (phone) input.phoneNumbers[kind] = phone;
	}
	if (!forUpdate && input.xRechnungBuyerReference && !input.xRechnungVendorNumberAtCustomer) {
		throw inputError(
			context,
			itemIndex,
			'XRechnung Vendor Number at Customer',
			'is required when an XRechnung Buyer Reference is set',
		);
	}
	return input;
}

function compact<T extends object>(value: T): IDataObject {
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry !== undefined) result[key] = entry as IDataObject[keyof IDataObject];
	}
	return result;
}

function contactPersonBody(person: ContactPersonInput, primary: boolean): IDataObject {
	return compact({ ...person, primary });
}

/** The body for POST /v1/contacts. */
export function buildNewContact(input: ContactInput, kind: 'company' | 'person'): IDataObject {
	const roles: IDataObject = {};
	for (const role of input.roles) roles[role] = {};
	const body: IDataObject = { version: 0, roles };
	if (kind === 'company') {
		body.company = compact({
			name: input.companyName,
			taxNumber: input.taxNumber,
			vatRegistrationId: input.vatRegistrationId,
			allowTaxFreeInvoices: input.allowTaxFreeInvoices,
			contactPersons: input.contactPerson ? [contactPersonBody(input.contactPerson, true)] : undefined,
		});
	} else {
		body.person = compact({
			salutation: input.salutation,
			firstName: input.firstName,
			lastName: input.lastName,
		});
	}
	const addresses: IDataObject = {};
	if (input.billingAddress) addresses.billing = [compact(input.billingAddress)];
	if (input.shippingAddress) addresses.shipping = [compact(input.shippingAddress)];
	if (Object.keys(addresses).length) body.addresses = addresses;
	const emails: IDataObject = {};
	for (const [kind, email] of Object.entries(input.emailAddresses)) emails[kind] = [email];
	if (Object.keys(emails).length) body.emailAddresses = emails;
	const phones: IDataObject = {};
	for (const [kind, phone] of Object.entries(input.phoneNumbers)) phones[kind] = [phone];
	if (Object.keys(phones).length) body.phoneNumbers = phones;
	if (input.note) body.note = input.note;
	if (input.xRechnungBuyerReference) {
		body.xRechnung = {
			buyerReference: input.xRechnungBuyerReference,
			vendorNumberAtCustomer: input.xRechnungVendorNumberAtCustomer,
		};
	}
	return body;
}

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
