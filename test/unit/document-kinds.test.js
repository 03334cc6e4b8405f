'use strict';
// What each sales document resource offers, read from the node's description: the kit
// builds every resource from the type's rules, so the differences must show up here.
const { Lexoffice } = require('../../dist/nodes/Lexoffice/Lexoffice.node');
const { DOCUMENT_KINDS, predecessorListTypes } = require('../../dist/nodes/Lexoffice/actions/document/kinds');
const { pursueHint } = require('../../dist/nodes/Lexoffice/actions/document/create');

const { properties } = new Lexoffice().description;
const shown = (resource, operation) =>
	properties.filter((p) => p.displayOptions?.show?.resource?.includes(resource) && (!operation || p.displayOptions.show.operation?.includes(operation)));
const names = (resource, operation) => shown(resource, operation).map((p) => p.name);
const operations = (resource) => shown(resource).find((p) => p.name === 'operation').options.map((o) => o.value).sort();
const collection = (resource, operation, name) => shown(resource, operation).find((p) => p.name === name).options.map((o) => o.name);

test('every resource has the operations lexoffice allows for it', () => {
	expect(operations('invoice')).toEqual(['create', 'download', 'get', 'getAll']);
	expect(operations('quotation')).toEqual(['create', 'download', 'get', 'getAll']);
	expect(operations('orderConfirmation')).toEqual(['create', 'download', 'get', 'getAll']);
	expect(operations('deliveryNote')).toEqual(['create', 'download', 'get', 'getAll']);
	expect(operations('creditNote')).toEqual(['create', 'download', 'get', 'getAll']);
	expect(operations('downPaymentInvoice')).toEqual(['download', 'get', 'getAll']);
	expect(operations('dunning')).toEqual(['create', 'download', 'get']);
});

test('the invoice keeps its parameter names, so existing workflows still work', () => {
	const create = names('invoice', 'create');
	for (const name of ['defineInvoice', 'invoiceJson', 'recipient', 'contactId', 'voucherDate', 'taxType', 'lineItems', 'shippingType', 'finalize', 'additionalFields', 'options']) {
		expect(create).toContain(name);
	}
	expect(collection('invoice', 'create', 'options')).toEqual(['addLinks', 'precedingSalesVoucherId', 'returnStoredRecord']);
	expect(names('invoice', 'get')).toEqual(['invoiceId', 'options']);
	expect(names('invoice', 'download')).toEqual(['invoiceId', 'fileFormat', 'binaryPropertyName']);
});

test('quotations: an expiration date, optional items, no shipping; other types: no expiration date', () => {
	const create = names('quotation', 'create');
	expect(create).toContain('expirationDate');
	expect(create).not.toContain('shippingType');
	const items = shown('quotation', 'create').find((p) => p.name === 'lineItems').options[0].values.map((v) => v.name);
	expect(items).toContain('optional');
	expect(names('invoice', 'create')).not.toContain('expirationDate');
	const invoiceItems = shown('invoice', 'create').find((p) => p.name === 'lineItems').options[0].values;
	expect(invoiceItems.map((v) => v.name)).not.toContain('optional');
	expect(invoiceItems.find((v) => v.name === 'articleId')).toMatchObject({ type: 'resourceLocator', modes: expect.arrayContaining([expect.objectContaining({ typeOptions: expect.objectContaining({ searchListMethod: 'searchArticles' }) })]) });
});

test('delivery notes and credit notes leave out what lexoffice forbids', () => {
	expect(collection('deliveryNote', 'create', 'additionalFields')).not.toEqual(expect.arrayContaining(['paymentConditions']));
	expect(collection('deliveryNote', 'create', 'additionalFields')).not.toContain('totalDiscountAbsolute');
	expect(collection('deliveryNote', 'create', 'additionalFields')).toContain('deliveryTerms');
	expect(names('creditNote', 'create')).not.toContain('shippingType');
	expect(collection('creditNote', 'create', 'additionalFields')).not.toContain('paymentConditions');
	const items = shown('creditNote', 'create').find((p) => p.name === 'lineItems').options[0].values.map((v) => v.name);
	expect(items).not.toContain('discountPercentage');
	expect(collection('invoice', 'create', 'additionalFields')).toContain('xRechnungBuyerReference');
	expect(collection('quotation', 'create', 'additionalFields')).not.toContain('xRechnungBuyerReference');
});

test('dunnings: always from a voucher, never finalized, not listed (no list mode)', () => {
	const create = names('dunning', 'create');
	expect(create).toContain('precedingVoucher');
	expect(create).not.toContain('createFrom');
	expect(create).not.toContain('finalize');
	const locator = shown('dunning', 'get').find((p) => p.name === 'dunningId');
	expect(locator.modes.map((m) => m.name)).toEqual(['url', 'id']);
});

test('Create From offers exactly lexoffice’s pursue chains', () => {
	expect(predecessorListTypes(DOCUMENT_KINDS.invoice)).toEqual(['quotation', 'orderconfirmation']);
	expect(predecessorListTypes(DOCUMENT_KINDS.orderConfirmation)).toEqual(['quotation']);
	expect(predecessorListTypes(DOCUMENT_KINDS.deliveryNote)).toEqual(['quotation', 'orderconfirmation', 'invoice']);
	expect(predecessorListTypes(DOCUMENT_KINDS.creditNote)).toEqual(['invoice']);
	expect(predecessorListTypes(DOCUMENT_KINDS.dunning)).toEqual(['invoice', 'downpaymentinvoice']);
	expect(predecessorListTypes(DOCUMENT_KINDS.quotation)).toEqual([]);
	expect(names('quotation', 'create')).not.toContain('createFrom');
	const locator = shown('deliveryNote', 'create').find((p) => p.name === 'precedingVoucher');
	expect(locator.modes[0].typeOptions.searchListMethod).toBe('searchDeliveryNotePredecessors');
	const url = locator.modes.find((m) => m.name === 'url').extractValue.regex;
	expect(new RegExp(url).exec('https://app.lexware.de/permalink/order-confirmations/view/3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c')[1]).toBe('3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c');
	expect(new RegExp(url).exec('https://app.lexware.de/permalink/credit-notes/view/3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c')).toBeNull();
	expect(pursueHint(DOCUMENT_KINDS.dunning)).toMatch(/finalized invoice or down-payment invoice.*tax type of its invoice/);
});

test('every search method a parameter names exists on the node', () => {
	const methods = Object.keys(new Lexoffice().methods.listSearch);
	const named = JSON.stringify(properties).match(/"searchListMethod":"(\w+)"/g).map((entry) => entry.split(':')[1].replace(/"/g, ''));
	for (const method of new Set(named)) expect(methods).toContain(method);
	expect(new Lexoffice().description.usableAsTool).toBe(true);
});
