'use strict';

// Deterministic seeded contacts and invoices (same seed -> same names, ids, amounts, dates).

const { insertContact } = require('./contacts');
const { insertInvoice } = require('./invoices');
const { uuidFromPrng, toPublic, formatBerlin, berlinMidnight } = require('./util');

const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann'];
const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hannah', 'Jonas', 'Lea', 'Lukas', 'Mia', 'Noah', 'Paul', 'Sophie', 'Tim'];
const SUFFIX = ['GmbH', 'AG', 'KG', '& Partner', '& Co. KG', 'e.K.', 'GbR', 'UG (haftungsbeschränkt)'];
const CITIES = [
	['10115', 'Berlin', 'DE'],
	['20095', 'Hamburg', 'DE'],
	['80331', 'München', 'DE'],
	['50667', 'Köln', 'DE'],
	['60311', 'Frankfurt am Main', 'DE'],
	['1010', 'Wien', 'AT'],
	['8001', 'Zürich', 'CH'],
];
const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schulstraße', 'Am Markt'];
const ITEMS = [
	['Beratung', 'Stunde'],
	['Softwarelizenz', 'Stück'],
	['Wartung', 'Monat'],
	['Schulung', 'Tag'],
	['Versandkosten', 'pauschal'],
	['Hardware', 'Stück'],
];

function slug(s) {
	return s
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

function createSeeder(state) {
	const rand = state.seedPrng;

	function contactData(i) {
		const r = rand();
		const roles = r < 0.7 ? { customer: {} } : r < 0.85 ? { vendor: {} } : { customer: {}, vendor: {} };
		const [zip, city, countryCode] = rand.pick(CITIES);
		const address = { street: `${rand.pick(STREETS)} ${rand.int(1, 120)}`, zip, city, countryCode };
		const n = state.counters.contactsCreated + 1;
		if (rand() < 0.6) {
			const name = `${rand.pick(LAST)} ${rand.pick(SUFFIX)}`;
			return {
				version: 0,
				roles,
				company: {
					name,
					vatRegistrationId: countryCode === 'DE' && rand() < 0.5 ? `DE${rand.int(100000000, 999999999)}` : undefined,
					contactPersons: rand() < 0.5 ? [{ salutation: 'Frau', firstName: rand.pick(FIRST), lastName: rand.pick(LAST), primary: true, emailAddress: `kontakt${n}@${slug(name)}.example` }] : undefined,
				},
				addresses: { billing: [address] },
				emailAddresses: { business: [`info${n}@${slug(name)}.example`] },
				phoneNumbers: rand() < 0.5 ? { business: [`+49 30 ${rand.int(1000000, 9999999)}`] } : undefined,
				note: i % 10 === 0 ? 'Seeded contact' : undefined,
			};
		}
		const firstName = rand.pick(FIRST);
		const lastName = rand.pick(LAST);
		return {
			version: 0,
			roles,
			person: { salutation: rand() < 0.5 ? 'Frau' : 'Herr', firstName, lastName },
			addresses: { billing: [address] },
			emailAddresses: { private: [`${slug(firstName)}.${slug(lastName)}${n}@mail.example`] },
		};
	}

	function stripUndefined(o) {
		return JSON.parse(JSON.stringify(o));
	}

	function seedContacts(n, opts = {}) {
		const out = [];
		for (let i = 0; i < n; i++) {
			let data = stripUndefined(contactData(i));
			if (opts.customize) data = opts.customize(data, i, rand) || data;
			const rec = insertContact(state, data, { id: uuidFromPrng(rand), now: opts.now ?? Date.now(), archived: Boolean(opts.archived) });
			out.push(toPublic(rec));
		}
		return out;
	}

	function pickStatus(weights) {
		const entries = Object.entries(weights);
		const total = entries.reduce((a, [, w]) => a + w, 0);
		let r = rand() * total;
		for (const [s, w] of entries) {
			if ((r -= w) < 0) return s;
		}
		return entries[entries.length - 1][0];
	}

	function dayMs(day) {
		const [y, m, d] = day.split('-').map(Number);
		return berlinMidnight(y, m, d);
	}

	/**
	 * opts: {from: 'yyyy-MM-dd', to: 'yyyy-MM-dd', statuses: {open, paid, draft, voided} weights | status,
	 *        archivedRatio, customize(body, i, rand), contactIds}
	 */
	function seedInvoices(n, opts = {}) {
		const from = dayMs(opts.from || '2021-01-01');
		const to = dayMs(opts.to || '2025-12-31');
		const days = Math.max(0, Math.round((to - from) / 86400000));
		const weights = opts.statuses || { open: 0.45, paid: 0.3, draft: 0.15, voided: 0.1 };
		const customers = opts.contactIds
			? opts.contactIds
			: [...state.contacts.values()].filter((c) => c.roles.customer).map((c) => c.id);
		const specs = [];
		for (let i = 0; i < n; i++) {
			const d = new Date(from + rand.int(0, days) * 86400000 + 12 * 3600000); // noon keeps the day across DST
			const voucherMs = berlinMidnight(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
			const createdMs = voucherMs + rand.int(0, 3 * 24 * 3600) * 1000;
			const status = opts.status || pickStatus(weights);
			const rate = rand.pick([19, 19, 19, 7, 0]);
			const lineItems = [];
			for (let k = rand.int(1, 4); k > 0; k--) {
				const [name, unitName] = rand.pick(ITEMS);
				lineItems.push({
					type: 'custom',
					name,
					quantity: rand() < 0.2 ? rand.int(1, 20) / 2 : rand.int(1, 10),
					unitName,
					unitPrice: { currency: 'EUR', netAmount: rand.int(500, 200000) / 100, taxRatePercentage: rate },
					discountPercentage: rand() < 0.1 ? 10 : 0,
				});
			}
			const address =
				customers.length && rand() < 0.8
					? { contactId: rand.pick(customers) }
					: { name: `${rand.pick(FIRST)} ${rand.pick(LAST)}`, city: 'Berlin', zip: '10115', countryCode: 'DE' };
			let body = {
				voucherDate: formatBerlin(voucherMs),
				address,
				lineItems,
				totalPrice: { currency: 'EUR' },
				taxConditions: { taxType: 'net' },
				shippingConditions: { shippingType: 'service', shippingDate: formatBerlin(voucherMs) },
				paymentConditions: { paymentTermLabel: 'Zahlbar innerhalb von 14 Tagen', paymentTermDuration: 14 },
				title: 'Rechnung',
				remark: `Seed invoice ${state.counters.invoicesCreated + i + 1}`,
			};
			if (opts.customize) body = opts.customize(body, i, rand) || body;
			specs.push({ body, status, createdMs, id: uuidFromPrng(rand), archived: rand() < (opts.archivedRatio || 0) });
		}
		specs.sort((a, b) => Date.parse(a.body.voucherDate) - Date.parse(b.body.voucherDate));
		return specs.map((s) =>
			toPublic(insertInvoice(state, s.body, { status: s.status, now: s.createdMs, id: s.id, archived: s.archived })),
		);
	}

	return { seedContacts, seedInvoices };
}

module.exports = { createSeeder };
