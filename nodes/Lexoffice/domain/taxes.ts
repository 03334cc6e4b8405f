export const TAX_TYPES = [
	'net',
	'gross',
	'vatfree',
	'intraCommunitySupply',
	'constructionService13b',
	'externalService13b',
	'thirdPartyCountryService',
	'thirdPartyCountryDelivery',
	'photovoltaicEquipment',
] as const;
export type TaxType = (typeof TAX_TYPES)[number];

/** Only net and gross documents carry VAT; every other tax type needs 0 % on each line. */
export function carriesVat(taxType: TaxType): boolean {
	return taxType === 'net' || taxType === 'gross';
}

/** The unit price field lexoffice reads: gross for gross documents, net otherwise. */
export function priceField(taxType: TaxType): 'grossAmount' | 'netAmount' {
	return taxType === 'gross' ? 'grossAmount' : 'netAmount';
}
