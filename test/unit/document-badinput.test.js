'use strict';
// The sales-document rules on their own (no server, no n8n engine): every bad input is refused
// with a problem that names its field, before anything could be sent. The engine table
// (test/engine/invoice-badinput.test.js) keeps what needs n8n: parameter resolution,
// operations other than create, the item index and Continue On Fail.
const { buildDocumentBody } = require('../../dist/nodes/Lexoffice/domain/documentBody');
const { buildDocumentBodyFromJson } = require('../../dist/nodes/Lexoffice/domain/documentJson');
const { fieldLabels } = require('../../dist/nodes/Lexoffice/domain/labels');

const CONTACT_ID = '3f1c4e6a-0b7d-4e1a-9c2b-5d8e7f6a1b2c';
const ARTICLE_ID = '0a8a5c2e-2f5e-4f0c-9a51-3c7e4b8d9f10';
const LONG = (n) => 'x'.repeat(n);

const lineItem = (overrides = {}) => ({ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: 100, taxRate: '19', discountPercentage: 0, ...overrides });
const items = (...entries) => ({ lineItems: entries });
const oneItem = (overrides) => items(lineItem(overrides));
/** A form invoice for a stored contact, as the node reads it from its parameters. */
const form = (overrides = {}, type = 'invoice') => ({
	type,
	raw: { recipient: 'contact', address: { contactId: CONTACT_ID }, voucherDate: '2024-03-15', taxType: 'net', shippingType: 'none', ...items(lineItem()), ...overrides },
});
const oneTime = (overrides = {}) => form({ recipient: 'oneTimeAddress', address: { name: 'Einmal GmbH', countryCode: 'DE' }, ...overrides });
const payment = (conditions) => ({ paymentConditions: conditions });
const quotation = (overrides = {}) => form({ shippingType: undefined, expirationDate: '2024-04-15', ...overrides }, 'quotation');
const creditNote = (overrides = {}) => form({ shippingType: undefined, ...overrides }, 'creditNote');
const deliveryNote = (overrides = {}) => form(overrides, 'deliveryNote');
const orderConfirmation = (overrides = {}) => form(overrides, 'orderConfirmation');
const dunning = (overrides = {}) => form(overrides, 'dunning');

const jsonBody = (overrides = {}) => ({
	voucherDate: '2024-03-15',
	address: { name: 'Musterfirma GmbH', countryCode: 'DE' },
	lineItems: [{ type: 'custom', name: 'Beratung', quantity: 1, unitName: 'Stunde', unitPrice: { currency: 'EUR', netAmount: 100, taxRatePercentage: 19 } }],
	totalPrice: { currency: 'EUR' },
	taxConditions: { taxType: 'net' },
	shippingConditions: { shippingType: 'none' },
	...overrides,
});
const json = (body, type = 'invoice') => ({ type, json: typeof body === 'string' ? body : JSON.stringify(body) });
const jsonLine = (overrides) => json(jsonBody({ lineItems: [{ ...jsonBody().lineItems[0], ...overrides }] }));

const LI = (n, of, field) => `Line Items → #${n} \\(of ${of}\\) → ${field}`;
const JLI = (field) => `Invoice JSON → lineItems\\[0\\] \\(line item 1 of 1\\) → ${field}`;
const re = (text) => new RegExp(text);

function build(input) {
	if (input.json !== undefined) return buildDocumentBodyFromJson(input.type, input.json);
	return buildDocumentBody(input.type, input.raw, fieldLabels(input.raw.recipient));
}

// [name, input, first problem as "<field> <problem>"]
const cases = [
	// line items: count
	['no line items', form({ lineItems: [] }), /^Line Items needs at least one line item/],
	['301 line items', form({ lineItems: Array.from({ length: 301 }, () => lineItem()) }), /^Line Items has 301 line items; lexoffice allows at most 300 per invoice/],
	// custom
	['custom: name empty', form(oneItem({ name: '  ' })), re(`^${LI(1, 1, 'Name')} must not be empty`)],
	['custom: name 256 characters', form(oneItem({ name: 'n'.repeat(256) })), re(`^${LI(1, 1, 'Name')} is 256 characters long; lexoffice allows at most 255`)],
	['custom: description 2001 characters', form(oneItem({ description: 'd'.repeat(2001) })), re(`^${LI(1, 1, 'Description')} is 2001 characters long; lexoffice allows at most 2000`)],
	['custom: quantity 0', form(oneItem({ quantity: 0 })), re(`^${LI(1, 1, 'Quantity')} must be greater than 0, not 0`)],
	['custom: quantity negative', form(oneItem({ quantity: -2 })), re(`^${LI(1, 1, 'Quantity')} must be greater than 0, not -2`)],
	['custom: quantity with 5 decimals', form(oneItem({ quantity: 1.23456 })), re(`^${LI(1, 1, 'Quantity')} has 5 decimal places`)],
	['custom: quantity missing', form(oneItem({ quantity: null })), re(`^${LI(1, 1, 'Quantity')} is required`)],
	['custom: unit name missing', form(oneItem({ unitName: '' })), re(`^${LI(1, 1, 'Unit Name')} is required`)],
	['custom: unit price "abc"', form(oneItem({ unitPrice: 'abc' })), re(`^${LI(1, 1, 'Unit Price')} must be a number, not "abc"`)],
	['custom: unit price with 5 decimals', form(oneItem({ unitPrice: 1.00001 })), re(`^${LI(1, 1, 'Unit Price')} has 5 decimal places`)],
	['custom: unit price missing', form(oneItem({ unitPrice: '' })), re(`^${LI(1, 1, 'Unit Price')} is required`)],
	['custom: tax rate above 100', form(oneItem({ taxRate: 120 })), re(`^${LI(1, 1, 'Tax Rate')} must be between 0 and 100, not 120`)],
	['custom: discount above 100', form(oneItem({ discountPercentage: 101 })), re(`^${LI(1, 1, 'Discount Percentage')} must be between 0 and 100, not 101`)],
	['custom: tax rate 7 with vatfree', form({ taxType: 'vatfree', ...oneItem({ taxRate: '7' }) }), re(`^${LI(1, 1, 'Tax Rate')} must be 0 for tax type "vatfree", not 7`)],
	['custom: tax rate 19 with intra-community supply', form({ taxType: 'intraCommunitySupply' }), re(`^${LI(1, 1, 'Tax Rate')} must be 0 for tax type "intraCommunitySupply", not 19`)],
	['unknown line item type', form(oneItem({ type: 'product' })), re(`^${LI(1, 1, 'Type')} must be one of custom, material, service, text, not "product"`)],
	// material and service
	['material without article ID', form(oneItem({ type: 'material' })), re(`^${LI(1, 1, 'Article ID')} is required`)],
	['service with a bad article ID', form(oneItem({ type: 'service', id: 'ART-1' })), re(`^${LI(1, 1, 'Article ID')} must be a lexoffice ID .*"ART-1"`)],
	['material: quantity 0', form(oneItem({ type: 'material', id: ARTICLE_ID, quantity: 0 })), re(`^${LI(1, 1, 'Quantity')} must be greater than 0`)],
	['service: unit price an object', form(oneItem({ type: 'service', id: ARTICLE_ID, unitPrice: { net: 5 } })), re(`^${LI(1, 1, 'Unit Price')} must be a number, not an object or a list`)],
	// text
	['text: name missing', form(oneItem({ type: 'text', name: '' })), re(`^${LI(1, 1, 'Name')} is required`)],
	['text: description 2001 characters', form(oneItem({ type: 'text', description: 'd'.repeat(2001) })), re(`^${LI(1, 1, 'Description')} is 2001 characters long`)],
	['third of three line items is bad', form(items(lineItem(), { type: 'text', name: 'Hinweis' }, lineItem({ quantity: 'viele' }))), re(`^${LI(3, 3, 'Quantity')} must be a number, not "viele"`)],
	// JSON line items
	['JSON: text item with a price', jsonLine({ type: 'text', quantity: undefined, unitName: undefined }), re(`^${JLI('unitPrice\\.netAmount')} is not allowed on a text item`)],
	['JSON: material without id', jsonLine({ type: 'material' }), re(`^${JLI('id')} is required`)],
	['JSON: custom item with an article id', jsonLine({ id: ARTICLE_ID }), re(`^${JLI('id')} is only for material and service items`)],
	['JSON: quantity as text "zwei"', jsonLine({ quantity: 'zwei' }), re(`^${JLI('quantity')} must be a number, not "zwei"`)],
	['JSON: lineItemAmount is read-only', jsonLine({ lineItemAmount: 100 }), /^Invoice JSON → lineItems\[0\]\.lineItemAmount is read-only/],
	['JSON: gross invoice with netAmount', json(jsonBody({ taxConditions: { taxType: 'gross' } })), /^Invoice JSON → lineItems\[0\]\.unitPrice\.netAmount does not go with tax type gross; send unitPrice\.grossAmount only/],
	['JSON: line item currency USD', jsonLine({ unitPrice: { currency: 'USD', netAmount: 1, taxRatePercentage: 19 } }), /^Invoice JSON → lineItems\[0\]\.unitPrice\.currency must be EUR/],
	['JSON: lineItems not a list', json(jsonBody({ lineItems: { type: 'custom' } })), /^Invoice JSON → lineItems must be a list of line items/],
	['JSON: a line item that is not an object', json(jsonBody({ lineItems: ['Beratung'] })), /^Invoice JSON → lineItems\[0\] must be a line item object/],
	// voucher date
	['voucher date not a date', form({ voucherDate: 'gestern' }), /^Voucher Date is not a date lexoffice can use: "gestern"/],
	['voucher date 31 February', form({ voucherDate: '31.02.2024' }), /^Voucher Date has no valid day of the month/],
	['voucher date month 13', form({ voucherDate: '2024-13-01' }), /^Voucher Date has no valid month/],
	['voucher date missing', form({ voucherDate: '' }), /^Voucher Date is required/],
	['voucher date in epoch seconds', form({ voucherDate: 1710460800 }), /^Voucher Date is a number too small for epoch milliseconds/],
	['voucher date an object', form({ voucherDate: { day: 1 } }), /^Voucher Date must be a date, but the expression produced an object or a list/],
	// shipping
	['shipping date missing for delivery', form({ shippingType: 'delivery', shippingDate: '' }), /^Shipping Date is required for shipping type delivery/],
	['shipping date missing for service', form({ shippingType: 'service', shippingDate: null }), /^Shipping Date is required for shipping type service/],
	['end date missing for deliveryperiod', form({ shippingType: 'deliveryperiod', shippingDate: '2024-03-01', shippingEndDate: '' }), /^Shipping End Date is required for shipping type deliveryperiod/],
	['end date before start for deliveryperiod', form({ shippingType: 'deliveryperiod', shippingDate: '2024-03-10', shippingEndDate: '2024-03-09' }), /^Shipping End Date \(2024-03-09T00:00:00\.000\+01:00\) must not be before the Shipping Date \(2024-03-10T00:00:00\.000\+01:00\)/],
	['unknown shipping type', form({ shippingType: 'express', shippingDate: '2024-03-01' }), /^Shipping Type must be one of service, serviceperiod, delivery, deliveryperiod, none, not "express"/],
	['JSON: shipping date with type none', json(jsonBody({ shippingConditions: { shippingType: 'none', shippingDate: '2024-03-01' } })), /^Invoice JSON → shippingConditions\.shippingDate must be left out for shipping type none/],
	['JSON: end date with type delivery', json(jsonBody({ shippingConditions: { shippingType: 'delivery', shippingDate: '2024-03-01', shippingEndDate: '2024-03-02' } })), /^Invoice JSON → shippingConditions\.shippingEndDate is only for the shipping types serviceperiod and deliveryperiod/],
	// texts and choices
	['title 26 characters', form({ title: 't'.repeat(26) }), /^Title is 26 characters long; lexoffice allows at most 25/],
	['introduction 2001 characters', form({ introduction: 'i'.repeat(2001) }), /^Introduction is 2001 characters long; lexoffice allows at most 2000/],
	['remark 2001 characters', form({ remark: 'r'.repeat(2001) }), /^Remark is 2001 characters long; lexoffice allows at most 2000/],
	['language fr', form({ language: 'fr' }), /^Language must be one of de, en, not "fr"/],
	['unknown tax type', form({ taxType: 'reduced' }), /^Tax Type must be one of net, gross, vatfree/],
	['both total discounts', form({ totalDiscountAbsolute: 5, totalDiscountPercentage: 10 }), /^Total Discount Percentage cannot be combined with Total Discount Absolute/],
	['total discount absolute with 3 decimals', form({ totalDiscountAbsolute: 1.005 }), /^Total Discount Absolute has 3 decimal places/],
	['total discount percentage above 100', form({ totalDiscountPercentage: 150 }), /^Total Discount Percentage must be between 0 and 100, not 150/],
	['payment duration with decimals', form(payment({ label: 'x', duration: 14.5 })), /^Payment Conditions → Duration \(Days\) has 1 decimal places/],
	['cash discount days without a percentage', form(payment({ duration: 14, discountRange: 7 })), /^Payment Conditions → Cash Discount Percentage is required together with Payment Conditions → Cash Discount Days/],
	['JSON: cash discount without days', json(jsonBody({ paymentConditions: { paymentTermDuration: 14, paymentDiscountConditions: { discountPercentage: 2 } } })), /^Invoice JSON → paymentConditions\.paymentDiscountConditions\.discountRange is required together with Invoice JSON → paymentConditions\.paymentDiscountConditions\.discountPercentage/],
	['bad print layout ID', form({ printLayoutId: 'standard' }), /^Print Layout ID must be a lexoffice ID/],
	['buyer reference 256 characters', form({ xRechnungBuyerReference: LONG(256) }), /^XRechnung Buyer Reference is 256 characters long/],
	// recipient
	['bad contact ID', form({ address: { contactId: 'abc' } }), /^Contact must be a lexoffice ID .*"abc"/],
	['address override with a bad country code', form({ address: { contactId: CONTACT_ID, countryCode: 'Deutschland' } }), /^Address Override → Country Code must be a two-letter ISO country code such as DE or AT, not "Deutschland"/],
	['address override ZIP 21 characters', form({ address: { contactId: CONTACT_ID, zip: '1'.repeat(21) } }), /^Address Override → ZIP Code is 21 characters long; lexoffice allows at most 20/],
	['one-time address without name', oneTime({ address: { name: '', countryCode: 'DE' } }), /^Recipient Name is required/],
	['one-time address with a bad country code', oneTime({ address: { name: 'X', countryCode: 'GER' } }), /^Country Code must be a two-letter ISO country code such as DE or AT, not "GER"/],
	['one-time address without country code', oneTime({ address: { name: 'X', countryCode: '' } }), /^Country Code is required/],
	['one-time address name from an object', oneTime({ address: { name: { name: 'x' }, countryCode: 'DE' } }), /^Recipient Name must be text, but the expression produced an object or a list/],
	// JSON body as a whole
	['JSON: read-only voucherNumber', json(jsonBody({ voucherNumber: 'RE0001' })), /^Invoice JSON → voucherNumber is read-only: lexoffice sets it itself/],
	['JSON: read-only id', json(jsonBody({ id: CONTACT_ID })), /^Invoice JSON → id is read-only/],
	['JSON: read-only voucherStatus', json(jsonBody({ voucherStatus: 'open' })), /^Invoice JSON → voucherStatus is read-only/],
	['JSON: read-only totalGrossAmount', json(jsonBody({ totalPrice: { currency: 'EUR', totalGrossAmount: 119 } })), /^Invoice JSON → totalPrice\.totalGrossAmount is read-only/],
	['JSON: invalid JSON', json('{ "voucherDate": "2024-03-15", '), /^Invoice JSON is not valid JSON/],
	['JSON: empty', json('  '), /^Invoice JSON is empty/],
	['JSON: a list instead of an object', json('[1, 2]'), /^Invoice JSON must be a JSON object with the lexoffice invoice fields/],
	['JSON: currency USD', json(jsonBody({ totalPrice: { currency: 'USD' } })), /^Invoice JSON → totalPrice\.currency must be EUR, the only currency lexoffice supports, not "USD"/],
	['JSON: unknown address field', json(jsonBody({ address: { name: 'X', countryCode: 'DE', street2: 'Hinterhaus' } })), /^Invoice JSON → address\.street2 is not a field lexoffice accepts here/],
	['JSON: address a string', json(jsonBody({ address: 'Musterstraße 1' })), /^Invoice JSON → address must be an object/],
	['JSON: unknown payment discount field', json(jsonBody({ paymentConditions: { paymentDiscountConditions: { discountPercentage: 2, discountRange: 7, days: 7 } } })), /^Invoice JSON → paymentConditions\.paymentDiscountConditions\.days is not a field lexoffice accepts here; use discountPercentage, discountRange/],
	['JSON: one-time address without name', json(jsonBody({ address: { countryCode: 'DE' } })), /^Invoice JSON → address\.name is required/],
	['JSON: voucher date not a date', json(jsonBody({ voucherDate: 'soon' })), /^Invoice JSON → voucherDate is not a date lexoffice can use/],
	['JSON: title 26 characters', json(jsonBody({ title: 'x'.repeat(26) })), /^Invoice JSON → title is 26 characters long/],

	// --- Item 2: numbers that read two ways, or with thousands separators, are refused
	['amount: unit price "1,500" (1.5 or 1500?)', form(oneItem({ unitPrice: '1,500' })), re(`^${LI(1, 1, 'Unit Price')} "1,500" is ambiguous: it could mean 1.5 or 1500. Write 1500 for the whole number, or 1.5 for the decimal`)],
	['amount: unit price "1.500" as text', form(oneItem({ unitPrice: '1.500' })), re(`^${LI(1, 1, 'Unit Price')} "1.500" is ambiguous: it could mean 1.5 or 1500`)],
	['amount: unit price "-2,250"', form(oneItem({ unitPrice: '-2,250' })), re(`^${LI(1, 1, 'Unit Price')} "-2,250" is ambiguous: it could mean -2.25 or -2250`)],
	['amount: unit price "1.500,00" (German grouping)', form(oneItem({ unitPrice: '1.500,00' })), re(`^${LI(1, 1, 'Unit Price')} uses thousands separators \\("1\\.500,00"\\)`)],
	['amount: unit price "1,500.00" (English grouping)', form(oneItem({ unitPrice: '1,500.00' })), re(`^${LI(1, 1, 'Unit Price')} uses thousands separators \\("1,500\\.00"\\)`)],
	['amount: unit price "1.000.000"', form(oneItem({ unitPrice: '1.000.000' })), re(`^${LI(1, 1, 'Unit Price')} uses thousands separators`)],
	['amount: unit price "1 500" with a space', form(oneItem({ unitPrice: '1 500' })), re(`^${LI(1, 1, 'Unit Price')} uses thousands separators`)],
	['amount: unit price "1\'500" (Swiss grouping)', form(oneItem({ unitPrice: "1'500" })), re(`^${LI(1, 1, 'Unit Price')} uses thousands separators`)],
	['amount: unit price "1,5,0"', form(oneItem({ unitPrice: '1,5,0' })), re(`^${LI(1, 1, 'Unit Price')} must be a number, not "1,5,0"`)],
	['quantity "1,500"', form(oneItem({ quantity: '1,500' })), re(`^${LI(1, 1, 'Quantity')} "1,500" is ambiguous`)],
	['quantity "2.000"', form(oneItem({ quantity: '2.000' })), re(`^${LI(1, 1, 'Quantity')} "2.000" is ambiguous: it could mean 2 or 2000`)],
	['tax rate "19.000"', form(oneItem({ taxRate: '19.000' })), re(`^${LI(1, 1, 'Tax Rate')} "19.000" is ambiguous`)],
	['line discount "12,500"', form(oneItem({ discountPercentage: '12,500' })), re(`^${LI(1, 1, 'Discount Percentage')} "12,500" is ambiguous`)],
	['total discount absolute "1.250,50"', form({ totalDiscountAbsolute: '1.250,50' }), /^Total Discount Absolute uses thousands separators/],
	['total discount percentage "2,500"', form({ totalDiscountPercentage: '2,500' }), /^Total Discount Percentage "2,500" is ambiguous/],
	['payment duration "1.000" days', form(payment({ duration: '1.000' })), /^Payment Conditions → Duration \(Days\) "1.000" is ambiguous/],
	['cash discount percentage "2,000"', form(payment({ duration: 14, discountPercentage: '2,000', discountRange: 7 })), /^Payment Conditions → Cash Discount Percentage "2,000" is ambiguous/],
	['JSON: quantity "1,500" as text', jsonLine({ quantity: '1,500' }), re(`^${JLI('quantity')} "1,500" is ambiguous`)],
	['JSON: net amount "1.234,56" as text', jsonLine({ unitPrice: { currency: 'EUR', netAmount: '1.234,56', taxRatePercentage: 19 } }), re(`^${JLI('unitPrice\\.netAmount')} uses thousands separators`)],
	// --- Item 3: dates that do not exist or read two ways are refused, never rolled over or guessed
	['voucher date "Feb 30 2024"', form({ voucherDate: 'Feb 30 2024' }), /^Voucher Date is not a date lexoffice can use: "Feb 30 2024"/],
	['voucher date "2024/02/30"', form({ voucherDate: '2024/02/30' }), /^Voucher Date is not a date lexoffice can use: "2024\/02\/30"/],
	['voucher date "1"', form({ voucherDate: '1' }), /^Voucher Date is not a date lexoffice can use: "1"/],
	['voucher date "3.5"', form({ voucherDate: '3.5' }), /^Voucher Date is not a date lexoffice can use: "3.5"/],
	['voucher date number 3.5', form({ voucherDate: 3.5 }), /^Voucher Date is a number too small for epoch milliseconds/],
	['voucher date "01/02/2024" (day or month first?)', form({ voucherDate: '01/02/2024' }), /^Voucher Date is ambiguous: "01\/02\/2024" is read day-first in some countries and month-first in others/],
	['voucher date "2024-02-30"', form({ voucherDate: '2024-02-30' }), /^Voucher Date has no valid day of the month/],
	['voucher date "29.02.2023"', form({ voucherDate: '29.02.2023' }), /^Voucher Date has no valid day of the month/],
	['voucher date "March 15, 2024"', form({ voucherDate: 'March 15, 2024' }), /^Voucher Date is not a date lexoffice can use/],
	['voucher date at 24:30', form({ voucherDate: '2024-03-15T24:30:00' }), /^Voucher Date has no valid time of day/],
	['voucher date in the spring-forward gap', form({ voucherDate: '2024-03-31T02:30:00' }), /^Voucher Date does not exist in Berlin: the clocks jump from 02:00 to 03:00 on 2024-03-31/],
	['voucher date with offset +25:00', form({ voucherDate: '2024-03-15T10:00:00+25:00' }), /^Voucher Date has an invalid UTC offset "\+25:00"/],
	['voucher date an invalid Date', form({ voucherDate: new Date('x') }), /^Voucher Date is not a valid date/],
	['shipping date "31.04.2024"', form({ shippingType: 'delivery', shippingDate: '31.04.2024' }), /^Shipping Date has no valid day of the month/],
	['shipping end date "2024-06-31"', form({ shippingType: 'serviceperiod', shippingDate: '2024-06-01', shippingEndDate: '2024-06-31' }), /^Shipping End Date has no valid day of the month/],
	['JSON: voucher date "02/30/2024"', json(jsonBody({ voucherDate: '02/30/2024' })), /^Invoice JSON → voucherDate is ambiguous/],
	// --- Item 4: huge values are refused by length before any pattern runs
	['unit price of 100,000 characters', form(oneItem({ unitPrice: '1'.repeat(100000) })), re(`^${LI(1, 1, 'Unit Price')} is 100000 characters long, too long for a number`)],
	['voucher date of 100,000 characters', form({ voucherDate: '2024-03-15'.padEnd(100000, ' x') }), /^Voucher Date is 100000 characters long, too long for a date/],
	['contact ID of 100,000 characters', form({ address: { contactId: '3f1c4e6a-'.repeat(11112) } }), /^Contact must be a lexoffice ID/],
	['country code of 100,000 characters', oneTime({ address: { name: 'X', countryCode: 'D'.repeat(100000) } }), /^Country Code must be a two-letter ISO country code/],
	// --- the per-document-type rules
	['quotation without expiration date', quotation({ expirationDate: '' }), /^Expiration Date is required/],
	['quotation with an expiration date that does not exist', quotation({ expirationDate: '31.06.2024' }), /^Expiration Date has no valid day of the month/],
	['quotation with shipping conditions', quotation({ shippingType: 'delivery', shippingDate: '2024-03-01' }), /^Shipping Type is not part of a quotation; leave it out/],
	['quotation: 301 line items', quotation({ lineItems: Array.from({ length: 301 }, () => lineItem()) }), /^Line Items has 301 line items; lexoffice allows at most 300 per quotation/],
	['invoice with an optional line item', form(oneItem({ optional: true })), re(`^${LI(1, 1, 'Optional')} is not available on an invoice; only quotations have optional line items`)],
	['quotation: optional flag "yes"', quotation(oneItem({ optional: 'yes' })), re(`^${LI(1, 1, 'Optional')} must be true or false, not "yes"`)],
	['invoice with an expiration date', form({ expirationDate: '2024-04-15' }), /^Expiration Date is not part of an invoice; leave it out/],
	['invoice with delivery terms', form({ deliveryTerms: 'ab Werk' }), /^Delivery Terms is not part of an invoice; leave it out/],
	['order confirmation: delivery terms 256 characters', orderConfirmation({ deliveryTerms: LONG(256) }), /^Delivery Terms is 256 characters long; lexoffice allows at most 255/],
	['order confirmation: shipping date missing', orderConfirmation({ shippingType: 'delivery' }), /^Shipping Date is required for shipping type delivery/],
	['delivery note with a total discount', deliveryNote({ totalDiscountPercentage: 5 }), /^Total Discount Percentage is not part of a delivery note, which has no totals/],
	['delivery note with a line discount', deliveryNote(oneItem({ discountPercentage: 10 })), re(`^${LI(1, 1, 'Discount Percentage')} is not available on a delivery note, which has no line item discounts`)],
	['delivery note with payment conditions', deliveryNote(payment({ duration: 14 })), /^Payment Conditions → Duration \(Days\) is not part of a delivery note; leave it out/],
	['delivery note: a price without a tax rate', deliveryNote(oneItem({ taxRate: '' })), re(`^${LI(1, 1, 'Tax Rate')} is required`)],
	['credit note with payment conditions', creditNote(payment({ label: 'Sofort' })), /^Payment Conditions → Label is not part of a credit note; leave it out/],
	['credit note with a line discount', creditNote(oneItem({ discountPercentage: 10 })), re(`^${LI(1, 1, 'Discount Percentage')} is not available on a credit note`)],
	['credit note with a shipping date', creditNote({ shippingDate: '2024-03-01' }), /^Shipping Date is not part of a credit note; leave it out/],
	['credit note with an XRechnung buyer reference', creditNote({ xRechnungBuyerReference: '04011000-1234512345-06' }), /^XRechnung Buyer Reference is not part of a credit note; leave it out/],
	['dunning with payment conditions', dunning(payment({ duration: 14 })), /^Payment Conditions → Duration \(Days\) is not part of a dunning; leave it out/],
	['JSON quotation: expiration date missing', json({ ...jsonBody({ shippingConditions: undefined }) }, 'quotation'), /^Quotation JSON → expirationDate is required/],
	['JSON quotation: optional item "yes"', json(jsonBody({ shippingConditions: undefined, expirationDate: '2024-04-15', lineItems: [{ ...jsonBody().lineItems[0], optional: 'yes' }] }), 'quotation'), /^Quotation JSON → lineItems\[0\] \(line item 1 of 1\) → optional must be true or false/],
	['JSON invoice: optional is not a field', jsonLine({ optional: true }), /^Invoice JSON → lineItems\[0\]\.optional is not a field lexoffice accepts here/],
	['JSON credit note: read-only voucherNumber', json(jsonBody({ voucherNumber: 'GS1' }), 'creditNote'), /^Credit Note JSON → voucherNumber is read-only.*/],
];

describe('bad sales-document input is refused, naming the field', () => {
	test('the table covers the classes (it only grows)', () => {
		expect(cases.length).toBeGreaterThanOrEqual(140);
	});

	test.each(cases)('%s', (_name, input, expected) => {
		const outcome = build(input);
		expect(outcome.ok).toBe(false);
		const [first] = outcome.problems;
		expect(`${first.field} ${first.problem}`).toMatch(expected);
	});
});

// [name, input, check on the body]
const accepted = [
	['"1,5" is 1.5', form(oneItem({ unitPrice: '1,5' })), (body) => expect(body.lineItems[0].unitPrice.netAmount).toBe(1.5)],
	['"1.5" is 1.5', form(oneItem({ unitPrice: '1.5' })), (body) => expect(body.lineItems[0].unitPrice.netAmount).toBe(1.5)],
	['"1500" is 1500', form(oneItem({ unitPrice: '1500' })), (body) => expect(body.lineItems[0].unitPrice.netAmount).toBe(1500)],
	['the number 1.5 is 1.5 (a number is never ambiguous)', form(oneItem({ unitPrice: 1.5 })), (body) => expect(body.lineItems[0].unitPrice.netAmount).toBe(1.5)],
	['"0,125" is 0.125 (no group starts with 0)', form(oneItem({ quantity: '0,125' })), (body) => expect(body.lineItems[0].quantity).toBe(0.125)],
	['"1500.125" is 1500.125 (a group has at most three digits before it)', form(oneItem({ unitPrice: '1500.125' })), (body) => expect(body.lineItems[0].unitPrice.netAmount).toBe(1500.125)],
	['"12,50" is 12.5', form(oneItem({ unitPrice: '12,50' })), (body) => expect(body.lineItems[0].unitPrice.netAmount).toBe(12.5)],
	['"1.5e3" is 1500', form(oneItem({ unitPrice: '1.5e3' })), (body) => expect(body.lineItems[0].unitPrice.netAmount).toBe(1500)],
	['"15.03.2024 10:30" is Berlin time', form({ voucherDate: '15.03.2024 10:30' }), (body) => expect(body.voucherDate).toBe('2024-03-15T10:30:00.000+01:00')],
	['JavaScript date text keeps its offset', form({ voucherDate: 'Fri Mar 15 2024 10:30:00 GMT+0100 (Mitteleuropäische Normalzeit)' }), (body) => expect(body.voucherDate).toBe('2024-03-15T10:30:00.000+01:00')],
	['epoch milliseconds', form({ voucherDate: 1710460800000 }), (body) => expect(body.voucherDate).toBe('2024-03-15T01:00:00.000+01:00')],
	['a Date', form({ voucherDate: new Date(Date.UTC(2024, 6, 15, 10, 30)) }), (body) => expect(body.voucherDate).toBe('2024-07-15T12:30:00.000+02:00')],
	['29 February in a leap year', form({ voucherDate: '2024-02-29' }), (body) => expect(body.voucherDate).toBe('2024-02-29T00:00:00.000+01:00')],
	['a quotation with an optional item and an expiration date', quotation(oneItem({ optional: true })), (body) => {
		expect(body.expirationDate).toBe('2024-04-15T00:00:00.000+02:00');
		expect(body.lineItems[0].optional).toBe(true);
		expect(body.shippingConditions).toBeUndefined();
	}],
	['a delivery note without prices or totals', deliveryNote(oneItem({ unitPrice: '', taxRate: '', discountPercentage: 0 })), (body) => {
		expect(body.lineItems[0].unitPrice).toBeUndefined();
		expect(body.totalPrice).toBeUndefined();
		expect(body.shippingConditions).toEqual({ shippingType: 'none' });
	}],
	['an order confirmation with delivery terms', orderConfirmation({ deliveryTerms: 'frei Haus' }), (body) => expect(body.deliveryTerms).toBe('frei Haus')],
];

describe('unambiguous input is read', () => {
	test.each(accepted)('%s', (_name, input, check) => {
		const outcome = build(input);
		expect(outcome.problems).toBeUndefined();
		check(outcome.value);
	});

	test('independent problems are all reported, in form order', () => {
		const outcome = build(form({ voucherDate: '2024-02-30', taxType: 'reduced', title: LONG(26) }));
		expect(outcome.problems.map((entry) => entry.field)).toEqual(['Voucher Date', 'Tax Type', 'Title']);
	});
});
