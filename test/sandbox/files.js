'use strict';

// Document rendering (a small, valid, deterministic PDF; a minimal XRechnung-like XML) and /v1/files.

const { legacy, issue } = require('./errors');

function euro(n) {
	const neg = n < 0;
	const [i, f] = Math.abs(n).toFixed(2).split('.');
	return `${neg ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${f} EUR`;
}

function germanDate(isoLike) {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoLike || '');
	return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

function pdfString(text) {
	let out = '';
	for (const ch of String(text)) {
		const code = ch.codePointAt(0);
		if (ch === '\\' || ch === '(' || ch === ')') out += `\\${ch}`;
		else if (code === 0x20ac) out += '\\200'; // Euro sign in WinAnsiEncoding
		else if (code === 0x2026) out += '\\205'; // ellipsis
		else if (code < 0x20 || code > 0xff) out += '?';
		else out += ch;
	}
	return `(${out})`;
}

function truncate(s, n) {
	s = String(s ?? '').replace(/\s+/g, ' ');
	return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Text lines [{x, y, size, text}] for an invoice page (A4, 595x842 pt). */
function invoiceLines(inv, profile, label) {
	const lines = [];
	let y = 800;
	const put = (text, { x = 50, size = 10, gap = 14 } = {}) => {
		if (y < 60) return;
		lines.push({ x, y, size, text });
		y -= gap;
	};
	put(profile.companyName, { size: 14, gap: 30 });
	const a = inv.address || {};
	put(a.name || '');
	if (a.supplement) put(a.supplement);
	if (a.street) put(a.street);
	put([a.zip, a.city].filter(Boolean).join(' ') + (a.countryCode ? ` (${a.countryCode})` : ''), { gap: 30 });
	put(`${label} ${inv.voucherNumber || ''}`.trim(), { size: 16, gap: 20 });
	put(`Belegnummer: ${inv.voucherNumber || '-'}`);
	put(`Belegdatum: ${germanDate(inv.voucherDate)}`);
	if (inv.dueDate) put(`Fällig am: ${germanDate(inv.dueDate)}`);
	if (inv.expirationDate) put(`Gültig bis: ${germanDate(inv.expirationDate)}`);
	y -= 6;
	if (inv.title) put(truncate(inv.title, 80), { size: 12, gap: 18 });
	if (inv.introduction) put(truncate(inv.introduction, 100), { gap: 20 });
	const items = inv.lineItems || [];
	const maxItems = 30;
	items.slice(0, maxItems).forEach((li, i) => {
		if (li.type === 'text') put(`${i + 1}. ${truncate(li.name, 90)}`);
		else {
			put(
				`${i + 1}. ${truncate(li.name, 50)}  ${li.quantity} ${truncate(li.unitName, 12)} x ` +
					(li.unitPrice ? `${euro(inv.taxConditions.taxType === 'gross' ? li.unitPrice.grossAmount : li.unitPrice.netAmount)}` : '') +
					(li.lineItemAmount === undefined ? '' : `  = ${euro(li.lineItemAmount)}`),
			);
		}
	});
	if (items.length > maxItems) put(`... ${items.length - maxItems} weitere Positionen`);
	y -= 10;
	const t = inv.totalPrice;
	if (!t) return lines; // delivery notes carry no amounts
	put(`Summe netto: ${euro(t.totalNetAmount)}`);
	for (const ta of inv.taxAmounts || []) put(`USt. ${ta.taxRatePercentage} % auf ${euro(ta.netAmount)}: ${euro(ta.taxAmount)}`);
	put(`Gesamtbetrag: ${euro(t.totalGrossAmount)}`, { size: 12, gap: 16 });
	put(`Total: ${t.totalGrossAmount.toFixed(2)} EUR`, { size: 8, gap: 20 });
	if (inv.remark) put(truncate(inv.remark, 100));
	return lines;
}

function pdfDate(isoLike) {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}([+-])(\d{2}):(\d{2})$/.exec(isoLike || '');
	return m ? `D:${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${m[7]}${m[8]}'${m[9]}'` : 'D:20000101000000Z';
}

/** Assembles a one-page PDF 1.4 from text lines; bytes depend only on the inputs. */
function buildPdf(lines, info) {
	const content = lines
		.map((l) => `BT /F1 ${l.size} Tf ${l.x} ${l.y} Td ${pdfString(l.text)} Tj ET`)
		.join('\n');
	const contentBytes = Buffer.from(content, 'latin1');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Length ${contentBytes.length} >>\nstream\n${content}\nendstream`,
		`<< /Title ${pdfString(info.title)} /Producer (lexoffice sandbox) /CreationDate (${info.date}) >>`,
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xrefAt = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

function fileBase(inv) {
	return inv.voucherNumber || `Beleg-${inv.id.slice(0, 8)}`;
}

function renderInvoicePdf(inv, profile, label = 'Rechnung') {
	const bytes = buildPdf(invoiceLines(inv, profile, label), {
		title: `${label} ${inv.voucherNumber || ''}`.trim(),
		date: pdfDate(inv.createdDate),
	});
	return { bytes, contentType: 'application/pdf', fileName: `${fileBase(inv)}.pdf` };
}

const xmlEscape = (s) =>
	String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);

function renderInvoiceXml(inv, profile) {
	const t = inv.totalPrice;
	const xml =
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">\n' +
		`  <ID>${xmlEscape(inv.voucherNumber)}</ID>\n` +
		`  <IssueDate>${inv.voucherDate.slice(0, 10)}</IssueDate>\n` +
		`  <DueDate>${inv.dueDate.slice(0, 10)}</DueDate>\n` +
		'  <DocumentCurrencyCode>EUR</DocumentCurrencyCode>\n' +
		`  <BuyerReference>${xmlEscape(inv.xRechnung?.buyerReference || '')}</BuyerReference>\n` +
		`  <AccountingSupplierParty><Name>${xmlEscape(profile.companyName)}</Name></AccountingSupplierParty>\n` +
		`  <AccountingCustomerParty><Name>${xmlEscape(inv.address?.name)}</Name></AccountingCustomerParty>\n` +
		'  <LegalMonetaryTotal>\n' +
		`    <TaxExclusiveAmount currencyID="EUR">${t.totalNetAmount.toFixed(2)}</TaxExclusiveAmount>\n` +
		`    <TaxInclusiveAmount currencyID="EUR">${t.totalGrossAmount.toFixed(2)}</TaxInclusiveAmount>\n` +
		`    <PayableAmount currencyID="EUR">${t.totalGrossAmount.toFixed(2)}</PayableAmount>\n` +
		'  </LegalMonetaryTotal>\n' +
		'</Invoice>\n';
	return { bytes: Buffer.from(xml, 'utf8'), contentType: 'application/xml', fileName: `${fileBase(inv)}.xml` };
}

function binaryResponse(f) {
	return {
		status: 200,
		headers: {
			'Content-Type': f.contentType,
			'Content-Length': String(f.bytes.length),
			'Content-Disposition': `attachment; filename="${f.fileName}"`,
		},
		body: f.bytes,
	};
}

/**
 * Bookkeeping files (uploads): Accept picks the representation. XML: *\/* and
 * application/xml give the XML, application/pdf or image/* a rendered PDF. PDF and images:
 * application/xml is 404, *\/*, application/pdf and image/* give the file as stored.
 */
function bookkeepingFile(ctx, f) {
	const accept = (ctx.headers.accept || '*/*').split(',').map((s) => s.split(';')[0].trim().toLowerCase());
	const inline = (file) => ({ ...binaryResponse(file), headers: { ...binaryResponse(file).headers, 'Content-Disposition': `inline; filename=${file.fileName}` } });
	const wantsAny = accept.includes('*/*');
	const wantsXml = accept.includes('application/xml');
	const wantsRendered = accept.some((t) => t === 'application/pdf' || t.startsWith('image/'));
	if (!wantsAny && !wantsXml && !wantsRendered) return legacy(406, [issue('not_acceptable', 'Accept', 'validation_failure')]);
	if (f.kind === 'xml') {
		if (wantsAny || wantsXml) return inline(f);
		const rendered = buildPdf([{ x: 50, y: 800, size: 12, text: `E-Rechnung ${f.id}` }], { title: 'E-Rechnung', date: 'D:20240101000000Z' });
		return inline({ bytes: rendered, contentType: 'application/pdf', fileName: `${f.id}.pdf` });
	}
	if (wantsAny || wantsRendered) return inline(f);
	return legacy(404, [issue('missing_entity', 'id', 'not_found')]);
}

/** GET /v1/files/{id} */
function getFile(ctx, id) {
	const f = ctx.state.files.get(id);
	if (!f) return legacy(404, [issue('missing_entity', 'id', 'not_found')]);
	if (f.bookkeeping) return bookkeepingFile(ctx, f);
	const accept = (ctx.headers.accept || '*/*').split(',').map((s) => s.split(';')[0].trim().toLowerCase());
	const [major] = f.contentType.split('/');
	if (!accept.some((t) => t === '*/*' || t === f.contentType || t === `${major}/*`)) {
		return legacy(406, [issue('not_acceptable', 'Accept', 'validation_failure')]);
	}
	return binaryResponse(f);
}

module.exports = { renderInvoicePdf, renderInvoiceXml, binaryResponse, getFile, buildPdf };
