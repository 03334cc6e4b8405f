/**
 * Where lexoffice lives. lexoffice was renamed Lexware Office in 2025 and moved its
 * gateway; the old hosts were announced to keep working for a while, so both are offered,
 * and "custom" covers a sandbox or a local stand-in.
 */
export type LexofficeEnvironment = 'lexware' | 'lexofficeLegacy' | 'custom';

export interface EnvironmentUrls {
	apiBaseUrl: string;
	authorizationUrl: string;
	accessTokenUrl: string;
	appBaseUrl: string;
}

export const ENVIRONMENTS: Record<Exclude<LexofficeEnvironment, 'custom'>, EnvironmentUrls> = {
	lexware: {
		apiBaseUrl: 'https://api.lexware.io',
		authorizationUrl: 'https://app.lexware.de/oauth2/authorize',
		accessTokenUrl: 'https://app.lexware.de/oauth2/token',
		appBaseUrl: 'https://app.lexware.de',
	},
	lexofficeLegacy: {
		apiBaseUrl: 'https://api.lexoffice.io',
		authorizationUrl: 'https://app.lexoffice.de/api/oauth2/authorize',
		accessTokenUrl: 'https://app.lexoffice.de/api/oauth2/token',
		appBaseUrl: 'https://app.lexoffice.de',
	},
};

export const DEFAULT_REQUESTS_PER_SECOND = 2;

/**
 * Drops trailing slashes and a trailing /v1, so "https://host/v1/" and "https://host" both work.
 * The slash run is matched from the character before it, so the pattern starts once per
 * run: a plain `/\/+$/` retries at every slash and takes seconds on a long run of slashes.
 */
export function normalizeApiBaseUrl(url: string): string {
	return url
		.trim()
		.replace(/([^/])\/+$/, '$1')
		.replace(/\/v1$/i, '');
}

export function resolveApiBaseUrl(environment: unknown, customApiBaseUrl: unknown): string {
	if (environment === 'custom') {
		return normalizeApiBaseUrl(typeof customApiBaseUrl === 'string' ? customApiBaseUrl : '');
	}
	if (environment === 'lexofficeLegacy') return ENVIRONMENTS.lexofficeLegacy.apiBaseUrl;
	return ENVIRONMENTS.lexware.apiBaseUrl;
}

/**
 * Builds an n8n expression that picks one URL per environment, so hidden credential
 * fields follow the Environment option (n8n resolves `$self` in credential defaults).
 */
export function environmentExpression(
	field: keyof EnvironmentUrls,
	customField: string,
	selfOrCredentials: '$self' | '$credentials' = '$self',
): string {
	const ref = (name: string) => `${selfOrCredentials}["${name}"]`;
	const strip = field === 'apiBaseUrl' ? '.replace(/([^/])\\/+$/, "$1").replace(/\\/v1$/i, "")' : '';
	return (
		`={{ ${ref('environment')} === "custom" ? String(${ref(customField)} || "").trim()${strip} : ` +
		`(${ref('environment')} === "lexofficeLegacy" ? "${ENVIRONMENTS.lexofficeLegacy[field]}" : "${ENVIRONMENTS.lexware[field]}") }}`
	);
}

/** Loopback hosts, where plain http never leaves the machine: 127.0.0.0/8, ::1 and localhost. */
function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	if (host === 'localhost' || host === '[::1]') return true;
	// The URL parser has already turned short and hex IPv4 forms into dotted quads.
	const octets = host.split('.');
	return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

/**
 * Why a custom URL must not be used, or undefined if it is fine. Login data in a URL ends
 * up in logs and error messages; plain http would carry the token in clear text, which is
 * acceptable only on the machine itself (a local stand-in).
 */
export function customUrlProblem(value: unknown): { message: string; description: string } | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			message: `"${text.slice(0, 100)}" is not a URL`,
			description: 'Enter a full URL such as https://api.example.com.',
		};
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { message: `${url.protocol} is not supported`, description: 'Use an https:// URL.' };
	}
	if (url.username || url.password) {
		return {
			message: 'it contains a user name or password',
			description:
				'Credentials in a URL leak into logs and error messages. Remove the "user:password@" part; the node authenticates with the API key or OAuth2 login instead.',
		};
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return {
			message: 'plain http:// is only allowed for this machine (localhost, 127.x.x.x, ::1)',
			description:
				'Over http:// the access token and all accounting data would travel in clear text. Use https://, or http:// only for a test server on this machine.',
		};
	}
	return undefined;
}
