import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_REQUESTS_PER_SECOND, ENVIRONMENTS, resolveApiBaseUrl } from './environments';

/** Actions, pickers, and the trigger's subscription lifecycle and callbacks share one transport. */
export type LexofficeContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

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
	// Pickers, hooks and webhooks read parameters without an item index.
	return (context as ILoadOptionsFunctions).getNodeParameter('authentication', 'oAuth2') as string;
}

function collectSecrets(credentials: ICredentialDataDecryptedObject): string[] {
	const secrets: string[] = [];
	const add = (value: unknown) => {
		if (typeof value === 'string' && value) secrets.push(value);
	};
	add(credentials.apiKey);
	add(credentials.clientSecret);
	const tokenData = credentials.oauthTokenData as Record<string, unknown> | undefined;
	if (tokenData) {
		add(tokenData.access_token);
		add(tokenData.refresh_token);
	}
	return secrets;
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
