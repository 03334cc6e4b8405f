/** The forms a secret takes on the wire: as is, URL-encoded (both hex cases, form style) and base64. */
function secretForms(secret: string): string[] {
	const encoded = encodeURIComponent(secret);
	const forms = [
		secret,
		encoded,
		encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		encoded.replace(/%20/g, '+'),
		Buffer.from(secret, 'utf8').toString('base64'),
		Buffer.from(secret, 'utf8').toString('base64url'),
	];
	return [...new Set(forms)].filter((form) => form.length >= 4);
}

/**
 * Removes credentials from text that may reach the user: anything after Bearer/Basic, the
 * gateway's echo of an Authorization header, and every known secret in its raw, URL-encoded
 * and base64 form. Every pattern is linear (no nested quantifiers).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
	let result = text;
	const forms = secrets.filter((secret) => secret && secret.length >= 4).flatMap(secretForms);
	// Longest first, so a secret that contains another is removed whole.
	for (const form of [...new Set(forms)].sort((a, b) => b.length - a.length)) {
		result = result.split(form).join('[redacted]');
	}
	result = result.replace(/\b(Bearer|Basic)\s+[^\s"'\\,;]+/gi, '$1 [redacted]');
	// The gateway echoes a malformed Authorization header back in its message: the rest of
	// that line goes, on every line of a multi-line text.
	return result.replace(/(in Authorization header:)[^\r\n]*$/gim, '$1 [redacted]');
}
