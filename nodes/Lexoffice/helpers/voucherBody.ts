import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toLexofficeDate } from '../domain/dates';
import { parseDecimal } from '../domain/decimal';
import { inputError, readUuid } from './validation';

// Bookkeeping vouchers (/v1/vouchers): items, totals and dates. Amounts are added up as
// whole cents in BigInt, so totals are exact to the cent.

export const VOUCHER_TYPES = ['salesinvoice', 'salescreditnote', 'purchaseinvoice', 'purchasecreditnote'] as const;

/** The rates lexoffice takes on vouchers: 0, 7, 19 and the 2020 rates 5 and 16. */
export const VOUCHER_TAX_RATES = [0, 5, 7, 16, 19] as const;

export const MAX_VOUCHER_ITEMS = 100;

/** Posting categories of type `income` book sales, `outgo` purchases. */
export function categoryTypeFor(voucherType: string): 'income' | 'outgo' {
	return voucherType.startsWith('sales') ? 'income' : 'outgo';
}

export function isSalesType(voucherType: string): boolean {
	return voucherType.startsWith('sales');
}

function cents(context: IExecuteFunctions, itemIndex: number, label: string, value: unknown, required: boolean): bigint | undefined {
	const result = parseDecimal(value, 2);
	if (result === undefined) {
		if (required) throw inputError(context, itemIndex, label, 'is required');
		return undefined;
	}
	if (!result.ok) throw inputError(context, itemIndex, label, result.problem, result.hint);
	const { text } = result.value;
	const [integer, fraction = ''] = text.replace('-', '').split('.');
	const units = BigInt(integer) * 100n + BigInt(fraction.padEnd(2, '0'));
	return text.startsWith('-') ? -units : units;
}

function centsToNumber(value: bigint): number {
	const negative = value < 0n;
	const absolute = negative ? -value : value;
	const text = `${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
	return Number(negative ? `-${text}` : text);
}

export interface VoucherItemsResult {
	voucherItems: IDataObject[];
	totalGrossAmount: number;
	totalTaxAmount: number;
}

/**
 * Reads the voucher items (amount, tax amount, rate, category) and works out the totals.
 * `amount` is gross for taxType gross and net for taxType net, as lexoffice reads it.
 * Totals the user entered must equal the items' sums to the cent.
 */
export function readVoucherItems(
	context: IExecuteFunctions,
	itemIndex: number,
	entries: IDataObject[],
	taxType: 'net' | 'gross',
	givenTotals: { gross?: unknown; tax?: unknown },
): VoucherItemsResult {
	if (entries.length === 0) {
		throw inputError(context, itemIndex, 'Voucher Items', 'are empty; add at least one item (one per tax rate)');
	}
	if (entries.length > MAX_VOUCHER_ITEMS) {
		throw inputError(context, itemIndex, 'Voucher Items', `has ${entries.length} entries; at most ${MAX_VOUCHER_ITEMS} are accepted`);
	}
	let amountSum = 0n;
	let taxSum = 0n;
	const voucherItems = entries.map((entry, index) => {
		const label = (field: string) => `Voucher Items → Item ${index + 1} → ${field}`;
		const amount = cents(context, itemIndex, label('Amount'), entry.amount, true) as bigint;
		const taxAmount = cents(context, itemIndex, label('Tax Amount'), entry.taxAmount, true) as bigint;
		if (amount < 0n || taxAmount < 0n) {
			throw inputError(context, itemIndex, label(amount < 0n ? 'Amount' : 'Tax Amount'), 'must not be negative; use a credit note type for refunds');
		}
		const rate = Number(entry.taxRatePercent);
		if (!(VOUCHER_TAX_RATES as readonly number[]).includes(rate) || String(entry.taxRatePercent ?? '').trim() === '') {
			throw inputError(context, itemIndex, label('Tax Rate'), `must be one of ${VOUCHER_TAX_RATES.join(', ')} %, not "${String(entry.taxRatePercent ?? '')}"`);
		}
		if (rate === 0 && taxAmount !== 0n) {
			throw inputError(context, itemIndex, label('Tax Amount'), 'must be 0 at a tax rate of 0 %');
		}
		if (taxType === 'gross' && taxAmount > amount) {
			throw inputError(context, itemIndex, label('Tax Amount'), 'is larger than the gross amount of the item');
		}
		const categoryId = readUuid(context, itemIndex, label('Posting Category'), entry.categoryId);
		amountSum += amount;
		taxSum += taxAmount;
		return { amount: centsToNumber(amount), taxAmount: centsToNumber(taxAmount), taxRatePercent: rate, categoryId };
	});
	const grossSum = taxType === 'gross' ? amountSum : amountSum + taxSum;

	const givenGross = cents(context, itemIndex, 'Total Gross Amount', givenTotals.gross, false);
	if (givenGross !== undefined && givenGross !== grossSum) {
		throw inputError(
			context,
			itemIndex,
			'Total Gross Amount',
			`(${centsToNumber(givenGross).toFixed(2)}) does not match the items, which add up to ${centsToNumber(grossSum).toFixed(2)}`,
			taxType === 'gross' ? 'With Tax Type Gross, each item’s Amount is its gross amount.' : 'With Tax Type Net, the gross total is the items’ amounts plus their tax amounts.',
		);
	}
	const givenTax = cents(context, itemIndex, 'Total Tax Amount', givenTotals.tax, false);
	if (givenTax !== undefined && givenTax !== taxSum) {
		throw inputError(
			context,
			itemIndex,
			'Total Tax Amount',
			`(${centsToNumber(givenTax).toFixed(2)}) does not match the items’ tax amounts, which add up to ${centsToNumber(taxSum).toFixed(2)}`,
		);
	}
	return { voucherItems, totalGrossAmount: centsToNumber(grossSum), totalTaxAmount: centsToNumber(taxSum) };
}

/** A voucher date as lexoffice wants it on write: `yyyy-MM-dd`. */
export function readVoucherDay(context: IExecuteFunctions, itemIndex: number, label: string, value: unknown, required: boolean): string | undefined {
	const result = toLexofficeDate(value);
	if (result === undefined) {
		if (required) throw inputError(context, itemIndex, label, 'is required');
		return undefined;
	}
	if (!result.ok) throw inputError(context, itemIndex, label, result.problem, result.hint);
	return result.value;
}
