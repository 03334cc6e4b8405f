/** Longer headers are not read: the patterns below then need not bound their backtracking. */
const MAX_DISPOSITION_LENGTH = 2048;

/** The file name from Content-Disposition: RFC 5987 `filename*` first, then `filename`. */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header || header.length > MAX_DISPOSITION_LENGTH) return undefined;
	let name: string | undefined;
	const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			name = decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
		} catch {
			name = undefined;
		}
	}
	if (!name) {
		const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
		name = plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1').trim() : undefined;
	}
	// Only the last path segment: a file name must not lead anywhere else.
	const base = name?.split(/[\\/]/).pop()?.trim();
	return base ? base : undefined;
}
