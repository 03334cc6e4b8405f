import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { customUrlProblem, DEFAULT_REQUESTS_PER_SECOND, ENVIRONMENTS, resolveApiBaseUrl } from './environments';

export type LexofficeContext = IExecuteFunctions | ILoadOptionsFunctions;

export type LexofficeCredentialType = 'lexofficeOAuth2Api' | 'lexofficeApi';

export interface LexofficeConnection {
	credentialType: LexofficeCredentialType;
	apiBaseUrl: string;
	/** The lexoffice web app, for links that open a record. */
	appBaseUrl: string;
	/** Requests of one credential share one pacing schedule. */
	pacerKey: string;
	requestsPerSecond: number;
	/** Values that must never appear in an error or an output item. */
	secrets: string[];
}

const connections = new WeakMap<object, Promise<LexofficeConnection>>();

function readAuthentication(context: LexofficeContext): string {
	if ('getInputData' in context) {
		return context.getNodeParameter('authentication', 0, 'oAuth2') as string;
	}
	return (context as ILoadOptionsFunctions).getNodeParameter('authentication', 'oAuth2') as string;
}

function collectSecrets(credentials: ICredentialDataDecryptedObject): string[] {
	const secrets: string[] = [];
	const add = (value: unknown) => {
		if (typeof value === 'string' && value) secrets.push(value);
	};
	add(credentials.apiKey);
	add(credentials.clientSecret);
	if (typeof credentials.clientId === 'string' && typeof credentials.clientSecret === 'string' && credentials.clientSecret) {
		// HTTP Basic client authentication at the token endpoint, raw and form-encoded (RFC 6749 §2.3.1).
		const { clientId, clientSecret } = credentials;
		add(Buffer.from(`${clientId}:${clientSecret}`).toString('base64'));
		add(Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64'));
	}
	const tokenData = credentials.oauthTokenData as Record<string, unknown> | undefined;
	if (tokenData) {
		add(tokenData.access_token);
		add(tokenData.refresh_token);
	}
	return secrets;
}

/**
 * Adds the credential's current secrets to the connection's list, in place (callers may
 * hold the array): n8n refreshes OAuth2 tokens mid-run, and the new token must be
 * scrubbed from an error built afterwards.
 */
export async function refreshSecrets(context: LexofficeContext, connection: LexofficeConnection): Promise<void> {
	let credentials: ICredentialDataDecryptedObject;
	try {
		credentials = await context.getCredentials(connection.credentialType);
	} catch {
		return;
	}
	for (const secret of collectSecrets(credentials)) {
		if (!connection.secrets.includes(secret)) connection.secrets.push(secret);
	}
}

async function loadConnection(context: LexofficeContext): Promise<LexofficeConnection> {
	const credentialType: LexofficeCredentialType =
		readAuthentication(context) === 'apiKey' ? 'lexofficeApi' : 'lexofficeOAuth2Api';
	const credentials = await context.getCredentials(credentialType);
	const apiBaseUrl = resolveApiBaseUrl(credentials.environment, credentials.customApiBaseUrl);
	if (!/^https?:\/\/[^/\s]+/i.test(apiBaseUrl)) {
		throw new NodeOperationError(context.getNode(), 'The credential has no valid API base URL', {
			description: 'Open the lexoffice credential and enter an http(s) URL under API Base URL.',
		});
	}
	if (credentials.environment === 'custom') {
		const urls: Array<[string, unknown]> = [['API Base URL', apiBaseUrl]];
		if (credentialType === 'lexofficeOAuth2Api') {
			urls.push(['Authorization URL', credentials.customAuthorizationUrl]);
			urls.push(['Access Token URL', credentials.customAccessTokenUrl]);
		}
		for (const [label, url] of urls) {
			const problem = customUrlProblem(url);
			if (problem) {
				throw new NodeOperationError(context.getNode(), `The credential’s ${label} is refused: ${problem.message}`, {
					description: problem.description,
				});
			}
		}
	}
	const appBaseUrl =
		credentials.environment === 'lexofficeLegacy'
			? ENVIRONMENTS.lexofficeLegacy.appBaseUrl
			: credentials.environment === 'custom'
				? apiBaseUrl
				: ENVIRONMENTS.lexware.appBaseUrl;
	const credentialId = context.getNode().credentials?.[credentialType]?.id ?? 'default';
	const requestsPerSecond = Number(credentials.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
	return {
		credentialType,
		apiBaseUrl,
		appBaseUrl,
		pacerKey: `${credentialType}:${credentialId}`,
		requestsPerSecond:
			Number.isFinite(requestsPerSecond) && requestsPerSecond > 0
				? requestsPerSecond
				: DEFAULT_REQUESTS_PER_SECOND,
		secrets: collectSecrets(credentials),
	};
}

/** Reads the credential once per node run: which type, which host, which rate. */
export async function getConnection(context: LexofficeContext): Promise<LexofficeConnection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = loadConnection(context);
		connections.set(context, connection);
		connection.catch(() => connections.delete(context));
	}
	return await connection;
}
