import { createPublicKey, createVerify } from 'crypto';
import type { KeyObject } from 'crypto';

export const SIGNATURE_HEADER = 'x-lxo-signature';

/** A 4096-bit RSA signature is 512 bytes, about 684 base64 characters; anything far longer is not one. */
const MAX_SIGNATURE_LENGTH = 2048;

/** A PEM of a 4096-bit RSA public key has about 800 characters; far longer text is not one. */
const MAX_PUBLIC_KEY_LENGTH = 16_384;

/** Reads a PEM public key; undefined when the text is not one. */
export function readPublicKey(pem: string): KeyObject | undefined {
	const text = pem.trim();
	if (!text || text.length > MAX_PUBLIC_KEY_LENGTH) return undefined;
	try {
		const key = createPublicKey({ key: text, format: 'pem' });
		return key.asymmetricKeyType === 'rsa' ? key : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Whether `signature` (base64, from X-Lxo-Signature) is lexoffice's RSA-SHA512 signature of
 * exactly these body bytes. Re-serialised JSON would not match, so the raw bytes are used.
 */
export function isValidSignature(rawBody: Buffer, signature: unknown, key: KeyObject): boolean {
	if (typeof signature !== 'string') return false;
	const value = signature.trim();
	if (!value || value.length > MAX_SIGNATURE_LENGTH) return false;
	const bytes = Buffer.from(value, 'base64');
	if (bytes.length === 0) return false;
	try {
		const verifier = createVerify('RSA-SHA512');
		verifier.update(rawBody);
		return verifier.verify(key, bytes);
	} catch {
		return false;
	}
}
