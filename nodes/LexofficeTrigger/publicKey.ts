/** Where lexoffice publishes the key it signs event callbacks with (4096-bit RSA, PEM). */
export const LEXOFFICE_PUBLIC_KEY_URL =
	'https://developers.lexware.io/webhookSignature/public/public_key.pub';

/**
 * lexoffice's published webhook signing key, bundled so users need not paste it.
 *
 * Intentionally empty: only the key's address is known to this package, not its text, and a
 * made-up or outdated key would either refuse every genuine callback or, worse, be a key
 * someone else holds. Until a maintainer pastes the PEM from LEXOFFICE_PUBLIC_KEY_URL here,
 * the trigger needs the key under Options → Public Key and refuses to activate without one.
 */
export const LEXOFFICE_WEBHOOK_PUBLIC_KEY = '';
