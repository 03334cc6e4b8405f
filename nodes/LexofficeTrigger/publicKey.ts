/** Where lexoffice publishes the key it signs event callbacks with (4096-bit RSA, PEM). */
export const LEXOFFICE_PUBLIC_KEY_URL =
	'https://developers.lexware.io/webhookSignature/public/public_key.pub';

/**
 * lexoffice's published webhook signing key, for a release that bundles it.
 *
 * Empty: only the key's address is known to this package, not its text, and a made-up or
 * outdated key would either refuse every genuine callback or, worse, be a key someone else
 * holds. While it is empty, activation downloads the key from LEXOFFICE_PUBLIC_KEY_URL (or
 * uses the one pasted under Options → Public Key) and keeps it with the workflow.
 */
export const LEXOFFICE_WEBHOOK_PUBLIC_KEY = '';
