import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ContactInput } from './contactBody';
import { inputError } from './validation';

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

function first(list: unknown): IDataObject | undefined {
	return Array.isArray(list) ? (list[0] as IDataObject | undefined) : undefined;
}

/**
 * An update sends the stored contact with the user's changes, so lexoffice's rules apply
 * to that merged record, not to the fields the user typed: a contact person whose last
 * name is stored needs none in the input, a buyer reference next to a stored vendor number
 * needs no new vendor number. Only parts the user touched are checked, so a stored record
 * lexoffice itself accepted is never blocked by a change elsewhere.
 */
export function checkMergedContact(
	context: IExecuteFunctions,
	itemIndex: number,
	merged: IDataObject,
	input: ContactInput,
): void {
	if (input.contactPerson) {
		const person = first((merged.company as IDataObject | undefined)?.contactPersons);
		if (person && blank(person.lastName)) {
			throw inputError(
				context,
				itemIndex,
				'Contact Person → Last Name',
				'is required: lexoffice needs it for a contact person, and the contact has none stored',
			);
		}
	}
	if (input.xRechnungBuyerReference !== undefined || input.xRechnungVendorNumberAtCustomer !== undefined) {
		const xRechnung = (merged.xRechnung ?? {}) as IDataObject;
		if (!blank(xRechnung.buyerReference) && blank(xRechnung.vendorNumberAtCustomer)) {
			throw inputError(
				context,
				itemIndex,
				'XRechnung Vendor Number at Customer',
				'is required when an XRechnung Buyer Reference is set, and the contact has none stored',
			);
		}
	}
	for (const [kind, label] of [
		['billing', 'Billing Address'],
		['shipping', 'Shipping Address'],
	] as const) {
		if (!(kind === 'billing' ? input.billingAddress : input.shippingAddress)) continue;
		const address = first(((merged.addresses ?? {}) as IDataObject)[kind]);
		if (address && blank(address.countryCode)) {
			throw inputError(
				context,
				itemIndex,
				`${label} → Country Code`,
				`is required: the contact has no ${label.toLowerCase()} stored yet, and lexoffice needs a country for a new one`,
			);
		}
	}
}
