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
