import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact as compactSet } from '../domain/problems';
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
function readContactAddress(
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
		billingAddress: readContactAddress(context, itemIndex, 'Billing Address', fields.billingAddress, forUpdate),
		shippingAddress: readContactAddress(context, itemIndex, 'Shipping Address', fields.shippingAddress, forUpdate),
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

/** The set fields of a part of the contact, as lexoffice takes them. */
export function compact<T extends object>(value: T): IDataObject {
	return compactSet(value as Record<string, unknown>) as IDataObject;
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
