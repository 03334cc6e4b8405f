'use strict';

/**
 * Runs one n8n node inside n8n's real execution engine (n8n-core's WorkflowExecute and
 * n8n-workflow's Workflow), with an in-memory credential store whose CredentialsHelper
 * mirrors n8n CLI's (packages/cli/src/credentials-helper.ts): defaults of the credential
 * type and its parents, hidden expression defaults resolved against the credential data,
 * generic `authenticate` blocks, `preAuthentication`, `getParentTypes`, and OAuth token
 * storage. `this.helpers.httpRequestWithAuthentication` therefore takes n8n-core's real
 * code paths, including requestOAuth2 (signing, refresh on 401, single-flight lock,
 * `updateCredentialsOauthTokenData`). HTTP is real; nothing is mocked.
 *
 * API
 *   createEngine({ nodeTypes, credentialTypes }) -> engine
 *     nodeTypes: { key: NodeClass | instance } (or an array); registered under description.name and key.
 *     credentialTypes: [CredClass | instance]; 'oAuth2Api' (n8n's property names) is built in.
 *   engine.setCredential({ id, name, type, data })   in-memory store; data may hold oauthTokenData
 *   engine.getCredential(id)                        stored (raw) data, e.g. rotated oauthTokenData
 *   await engine.getResolvedCredential(id)          data as a node sees it (defaults + expressions)
 *   await engine.runNode({ type, typeVersion?, name?, parameters, credentials, items?,
 *                          continueOnFail?, onError?, nodeSettings?, mode?, workflowSettings?,
 *                          cancelAfterMs? (cancels the execution after that many ms, like Stop) })
 *     -> { items, outputs, error, runData, run, executionId, nodeName }
 *        Items are fed by a preceding node named INPUT_NODE_NAME ('Input'), so $json works.
 *   await engine.getBinaryBuffer(item, 'data')      bytes of a binary property (filesystem mode)
 *   engine.logs / engine.clearLogs()                n8n's log output { level, message, meta, scopes }
 *   engine.credentialUpdates                        [{ id, type, kind: 'oauthTokenData'|'data', at }]
 *   engine.credentialsHelper                        the ICredentialsHelper in use
 *   await engine.close()                            call in afterAll: removes the temp n8n folder
 *
 * Everything n8n logs (LoggerProxy and the DI Logger) lands in `engine.logs`, never stdout.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// ---------------------------------------------------------------------------------------------
// Environment: must be in place before n8n-core (and its @n8n/config) is first required, so
// that InstanceSettings writes its settings file into a temp dir instead of ~/.n8n.
// ---------------------------------------------------------------------------------------------

const ENV_DEFAULTS = {
	// The harness talks to loopback test servers; n8n's default is off, a developer shell may differ.
	N8N_SSRF_PROTECTION_ENABLED: 'false',
	// n8n's default: binary data as files (here under <tmp>/.n8n/storage), not inline base64.
	N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
	N8N_DIAGNOSTICS_ENABLED: 'false',
};

const state = {
	userFolder: undefined,
	savedEnv: undefined,
	modules: undefined,
	bootPromise: undefined,
	engines: new Set(),
};

function prepareEnvironment() {
	if (!state.userFolder) state.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-engine-'));
	else fs.mkdirSync(state.userFolder, { recursive: true });
	if (state.savedEnv) return;
	const noProxy = [process.env.NO_PROXY || process.env.no_proxy, '127.0.0.1', 'localhost', '::1']
		.filter(Boolean)
		.join(',');
	const wanted = {
		...ENV_DEFAULTS,
		N8N_USER_FOLDER: state.userFolder,
		// A fixed key keeps InstanceSettings from generating one; its file still lands in the temp dir.
		N8N_ENCRYPTION_KEY: 'n8n-engine-harness-encryption-key',
		// Loopback must never go through a proxy configured in the developer's shell.
		NO_PROXY: noProxy,
		no_proxy: noProxy,
	};
	state.savedEnv = {};
	for (const [key, value] of Object.entries(wanted)) {
		state.savedEnv[key] = process.env[key];
		process.env[key] = value;
	}
}

function restoreEnvironment() {
	if (!state.savedEnv) return;
	for (const [key, value] of Object.entries(state.savedEnv)) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
	state.savedEnv = undefined;
}

/**
 * n8n-core ships nested copies of @n8n/di, @n8n/backend-common, @n8n/backend-network and
 * @n8n/config that can differ from the hoisted ones. The DI container is a module singleton,
 * so everything must be resolved from n8n-core's own location. `require.resolve` with `paths`
 * keeps this inside jest's module registry (createRequire would bypass it).
 */
function loadModules() {
	prepareEnvironment();
	if (state.modules) return state.modules;
	const coreEntry = require.resolve('n8n-core');
	const coreDir = path.dirname(coreEntry);
	const fromCore = (id) => require(require.resolve(id, { paths: [coreDir] }));
	const core = require(coreEntry);
	state.modules = {
		core,
		workflow: fromCore('n8n-workflow'),
		di: fromCore('@n8n/di'),
		backendCommon: fromCore('@n8n/backend-common'),
	};
	return state.modules;
}

// ---------------------------------------------------------------------------------------------
// Log capture
// ---------------------------------------------------------------------------------------------

function serialiseMeta(value, seen = new WeakSet(), depth = 0) {
	if (value === null || typeof value !== 'object') {
		return typeof value === 'function' ? `[Function ${value.name || 'anonymous'}]` : value;
	}
	if (seen.has(value)) return '[Circular]';
	if (depth > 8) return '[Depth]';
	seen.add(value);
	if (Buffer.isBuffer(value)) return `[Buffer ${value.length}]`;
	if (value instanceof Error) {
		const out = { name: value.name, message: value.message, stack: value.stack };
		for (const key of Object.keys(value)) out[key] = serialiseMeta(value[key], seen, depth + 1);
		if (value.cause !== undefined) out.cause = serialiseMeta(value.cause, seen, depth + 1);
		return out;
	}
	if (Array.isArray(value)) return value.map((v) => serialiseMeta(v, seen, depth + 1));
	const out = {};
	for (const key of Object.keys(value)) out[key] = serialiseMeta(value[key], seen, depth + 1);
	return out;
}

/** Implements the Logger surface n8n uses (backend-common Logger and LoggerProxy). */
function createCaptureLogger(sink, scopes = []) {
	const write = (level) => (message, meta) => {
		sink.push({
			level,
			message: typeof message === 'string' ? message : String(message),
			meta: meta === undefined ? undefined : serialiseMeta(meta),
			scopes,
		});
	};
	return {
		error: write('error'),
		warn: write('warn'),
		info: write('info'),
		debug: write('debug'),
		scoped: (s) => createCaptureLogger(sink, [...scopes, ...(Array.isArray(s) ? s : [s])]),
	};
}

// ---------------------------------------------------------------------------------------------
// Boot: DI container setup shared by all engines in this module registry (= one jest test file)
// ---------------------------------------------------------------------------------------------

const logSink = [];

function boot() {
	if (state.bootPromise) return state.bootPromise;
	const { core, workflow, di, backendCommon } = loadModules();
	const { Container } = di;

	const captureLogger = createCaptureLogger(logSink);
	// Registered before anything asks for it, so the real Logger (which would add a winston
	// console transport and re-point LoggerProxy at itself) is never constructed.
	Container.set(backendCommon.Logger, captureLogger);
	workflow.LoggerProxy.init(captureLogger);

	// Real InstanceSettings: writes <tmp>/.n8n/config with the fixed encryption key.
	Container.get(core.InstanceSettings);

	state.bootPromise = (async () => {
		const binaryDataService = Container.get(core.BinaryDataService);
		// Filesystem mode under <tmp>/.n8n/storage (n8n's default). In "memory" mode (init not
		// called) prepareBinaryData keeps base64 inline; both work with getBinaryBuffer.
		await binaryDataService.init();
		return { binaryDataService };
	})();
	return state.bootPromise;
}

// ---------------------------------------------------------------------------------------------
// Credential types
// ---------------------------------------------------------------------------------------------

/** Same property names and defaults as n8n-nodes-base's OAuth2Api credential. */
function createOAuth2ApiType() {
	return {
		name: 'oAuth2Api',
		displayName: 'OAuth2 API',
		genericAuth: true,
		properties: [
			{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'hidden', default: false },
			{
				displayName: 'Grant Type',
				name: 'grantType',
				type: 'options',
				displayOptions: { show: { useDynamicClientRegistration: [false] } },
				options: [
					{ name: 'Authorization Code', value: 'authorizationCode' },
					{ name: 'Client Credentials', value: 'clientCredentials' },
					{ name: 'PKCE', value: 'pkce' },
				],
				default: 'authorizationCode',
			},
			{
				displayName: 'Server URL',
				name: 'serverUrl',
				type: 'string',
				displayOptions: { show: { useDynamicClientRegistration: [true] } },
				default: '',
				required: true,
			},
			{
				displayName: 'Authorization URL',
				name: 'authUrl',
				type: 'string',
				displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] } },
				default: '',
				required: true,
			},
			{
				displayName: 'Access Token URL',
				name: 'accessTokenUrl',
				type: 'string',
				displayOptions: { show: { useDynamicClientRegistration: [false] } },
				default: '',
				required: true,
			},
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				displayOptions: { show: { useDynamicClientRegistration: [false] } },
				default: '',
				required: true,
			},
			{
				displayName: 'Client Secret',
				name: 'clientSecret',
				type: 'string',
				displayOptions: { show: { useDynamicClientRegistration: [false] } },
				typeOptions: { password: true },
				default: '',
				required: true,
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'string',
				displayOptions: { show: { useDynamicClientRegistration: [false] } },
				default: '',
			},
			{
				displayName: 'Auth URI Query Parameters',
				name: 'authQueryParameters',
				type: 'string',
				displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] } },
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				displayOptions: { show: { useDynamicClientRegistration: [false] } },
				options: [
					{ name: 'Body', value: 'body' },
					{ name: 'Header', value: 'header' },
				],
				default: 'header',
			},
			{
				displayName: 'Send Additional Body Properties',
				name: 'sendAdditionalBodyProperties',
				type: 'boolean',
				default: false,
				displayOptions: {
					show: { grantType: ['clientCredentials'], authentication: ['body'], useDynamicClientRegistration: [false] },
				},
			},
			{
				displayName: 'Additional Body Properties',
				name: 'additionalBodyProperties',
				type: 'json',
				displayOptions: {
					show: {
						grantType: ['clientCredentials'],
						authentication: ['body'],
						sendAdditionalBodyProperties: [true],
						useDynamicClientRegistration: [false],
					},
				},
				default: '',
			},
			// As in n8n, these three are not inherited by types that extend oAuth2Api.
			{ displayName: 'Ignore SSL Issues (Insecure)', name: 'ignoreSSLIssues', type: 'boolean', default: false, doNotInherit: true },
			{ displayName: 'Token Expired Status Code', name: 'tokenExpiredStatusCode', type: 'number', default: 401, doNotInherit: true },
			{ displayName: 'JWE Token Decryption', name: 'jweEnabled', type: 'boolean', default: false, doNotInherit: true },
		],
	};
}

function instantiate(typeOrInstance) {
	return typeof typeOrInstance === 'function' ? new typeOrInstance() : typeOrInstance;
}

class CredentialTypeRegistry {
	constructor(types) {
		this.types = new Map();
		this.add(createOAuth2ApiType());
		for (const t of types) this.add(instantiate(t));
	}

	add(type) {
		if (!type || typeof type.name !== 'string') throw new Error('Credential type without a name');
		this.types.set(type.name, type);
	}

	recognizes(name) {
		return this.types.has(name);
	}

	getByName(name) {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	/** Like CLI's CredentialTypes.getParentTypes: all ancestors via `extends`, depth first. */
	getParentTypes(name) {
		const type = this.types.get(name);
		if (!type || !type.extends) return [];
		const parents = [];
		for (const parent of type.extends) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}
}

// ---------------------------------------------------------------------------------------------
// CredentialsHelper (mirrors packages/cli/src/credentials-helper.ts, minus DB, overwrites,
// external secrets, dynamic credentials and AI gateway)
// ---------------------------------------------------------------------------------------------

const mockNode = { name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };

/** Fields the credential type owns when it declares them hidden (CLI: OAUTH_PINNED_FIELDS). */
const OAUTH_PINNED_FIELDS = ['authUrl', 'accessTokenUrl', 'grantType', 'authentication', 'requestTokenUrl', 'signatureMethod'];

function createCredentialsHelper(mods, registry, store, nodeTypes) {
	const { workflow: wf, core } = mods;
	const { ICredentialsHelper, NodeHelpers, Workflow, isExpression, UnexpectedError, UserError } = wf;

	/** CLI: restrictToCredentialDomains - a preAuthentication hook only gets httpRequest, limited to the credential's domains. */
	function restrictToCredentialDomains(helpers, credentials) {
		return {
			helpers: {
				httpRequest: async (requestOptions) => {
					const allowedDomains = wf.getCredentialOwnRequestAllowedDomains(credentials);
					if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
					if (requestOptions.allowedDomains !== undefined) {
						throw new UserError(
							'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
						);
					}
					return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
				},
			},
		};
	}

	class HarnessCredentialsHelper extends ICredentialsHelper {
		async authenticate(credentials, typeName, incomingRequestOptions, workflow, node) {
			const requestOptions = incomingRequestOptions;
			const credentialType = registry.getByName(typeName);
			if (credentialType.authenticate) {
				if (typeof credentialType.authenticate === 'function') {
					return await credentialType.authenticate(credentials, requestOptions);
				}
				if (typeof credentialType.authenticate === 'object') {
					if (!workflow || !node) {
						throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
					}
					const { authenticate } = credentialType;
					if (requestOptions.headers === undefined) requestOptions.headers = {};
					if (authenticate.type === 'generic') {
						for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
							for (const [key, value] of Object.entries(outerValue)) {
								const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
								const valueResolved = this.resolveValue(value, { $credentials: credentials }, workflow, node);
								if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
								requestOptions[outerKey][keyResolved] = valueResolved;
							}
						}
					}
				}
			}
			return requestOptions;
		}

		async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
			const credentialType = registry.getByName(typeName);
			const expirableProperty = credentialType.properties.find(
				(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
			);
			if (expirableProperty?.name === undefined) return undefined;
			const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
			if (typeof credentialType.preAuthentication === 'function') {
				if (credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials) {
					const output = await credentialType.preAuthentication.call(
						restrictToCredentialDomains(helpers, credentials),
						credentials,
					);
					if (output[expirableProperty.name] === undefined) return undefined;
					if (node.credentials) {
						const nodeCredentials = node.credentials[credentialType.name];
						const storedData = store.getRaw(nodeCredentials, credentialType.name).data;
						const dataToPersist = { ...storedData };
						for (const [key, value] of Object.entries(output)) {
							if (key === expirableProperty.name || !isExpression(storedData[key])) dataToPersist[key] = value;
						}
						await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
						return Object.assign(credentials, output);
					}
				}
			}
			return undefined;
		}

		async runPreAuthentication(helpers, credentials, typeName) {
			const credentialType = registry.getByName(typeName);
			if (typeof credentialType.preAuthentication !== 'function') return undefined;
			const output = await credentialType.preAuthentication.call(
				restrictToCredentialDomains(helpers, credentials),
				credentials,
			);
			return output ?? undefined;
		}

		resolveValue(parameterValue, additionalKeys, workflow, node) {
			if (!isExpression(parameterValue)) return parameterValue;
			const returnValue = workflow.expression.getSimpleParameterValue(
				node,
				parameterValue,
				'internal',
				additionalKeys,
				undefined,
				'',
			);
			if (!returnValue) return '';
			return returnValue.toString();
		}

		getParentTypes(typeName) {
			return registry.getParentTypes(typeName);
		}

		async getCredentials(nodeCredentials, type) {
			const entry = store.getRaw(nodeCredentials, type);
			const credentials = new core.Credentials({ id: entry.id, name: entry.name }, entry.type);
			await credentials.setData(structuredClone(entry.data));
			return credentials;
		}

		isCredentialUsableByNode(credentialType, nodeType) {
			if (!registry.recognizes(credentialType)) return true;
			const typeDef = registry.getByName(credentialType);
			if (!typeDef.restrictToSupportedNodes) return true;
			const supported = typeDef.supportedNodes ?? [];
			return supported.some((n) => n === nodeType || nodeType.endsWith(`.${n}`));
		}

		getCredentialsProperties(type) {
			const credentialTypeData = registry.getByName(type);
			if (credentialTypeData.extends === undefined) {
				if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
					return [
						...credentialTypeData.properties,
						{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
					];
				}
				return credentialTypeData.properties;
			}
			const combineProperties = [];
			for (const credentialsTypeName of credentialTypeData.extends) {
				NodeHelpers.mergeNodeProperties(combineProperties, this.getCredentialsProperties(credentialsTypeName));
			}
			NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
			return combineProperties;
		}

		async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, expressionResolveValues) {
			const entry = store.getRaw(nodeCredentials, type);
			const decryptedDataOriginal = structuredClone(entry.data);
			if (raw === true) return decryptedDataOriginal;
			return await this.applyDefaultsAndOverwrites(
				additionalData,
				decryptedDataOriginal,
				type,
				mode,
				executeData,
				expressionResolveValues,
			);
		}

		async applyDefaultsAndOverwrites(additionalData, decryptedDataOriginal, type, mode, executeData, expressionResolveValues) {
			const credentialsProperties = this.getCredentialsProperties(type);
			const storedData = { ...decryptedDataOriginal };
			for (const field of OAUTH_PINNED_FIELDS) {
				if (credentialsProperties.some((p) => p.name === field && p.type === 'hidden')) delete storedData[field];
			}
			let decryptedData = NodeHelpers.getNodeParameters(credentialsProperties, storedData, true, false, null, null);
			if (decryptedDataOriginal.oauthTokenData !== undefined) {
				decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
			}
			for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
				if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
					decryptedData[key] = decryptedDataOriginal[key];
				}
			}
			const additionalKeys = core.getAdditionalKeys(additionalData, mode, null, { isCredential: true });
			if (expressionResolveValues) {
				try {
					decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
						decryptedData,
						expressionResolveValues.runExecutionData,
						expressionResolveValues.runIndex,
						expressionResolveValues.itemIndex,
						expressionResolveValues.node.name,
						expressionResolveValues.connectionInputData,
						mode,
						additionalKeys,
						executeData,
						false,
						decryptedData,
					);
				} catch (e) {
					e.message += ' [Error resolving credentials]';
					throw e;
				}
			} else {
				const workflow = new Workflow({ nodes: [{ ...mockNode }], connections: {}, active: false, nodeTypes });
				await workflow.expression.withIsolate(async () => {
					decryptedData = workflow.expression.getComplexParameterValue(
						mockNode,
						decryptedData,
						mode,
						additionalKeys,
						undefined,
						undefined,
						decryptedData,
					);
				});
			}
			return decryptedData;
		}

		async updateCredentials(nodeCredentials, type, data) {
			store.update(nodeCredentials, type, structuredClone(data), 'data');
		}

		async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
			const entry = store.getRaw(nodeCredentials, type);
			store.update(
				nodeCredentials,
				type,
				{ ...entry.data, oauthTokenData: structuredClone(data.oauthTokenData) },
				'oauthTokenData',
			);
		}
	}

	return new HarnessCredentialsHelper();
}

class CredentialStore {
	constructor(ErrorClass = Error) {
		this.ErrorClass = ErrorClass;
		this.entries = new Map();
		this.updates = [];
	}

	set({ id, name, type, data }) {
		if (id === undefined || id === null) throw new Error('setCredential needs an id');
		if (!type) throw new Error('setCredential needs a type');
		this.entries.set(String(id), { id: String(id), name: name ?? `Credential ${id}`, type, data: structuredClone(data ?? {}) });
	}

	get(id) {
		const entry = this.entries.get(String(id));
		return entry ? structuredClone(entry.data) : undefined;
	}

	/** CLI: credentialsRepository.findOneByOrFail({ id, type }) -> CredentialNotFoundError. */
	getRaw(nodeCredentials, type) {
		if (!nodeCredentials || !nodeCredentials.id) {
			throw new this.ErrorClass(`Credential "${nodeCredentials?.name}" of type "${type}" has no ID.`);
		}
		const entry = this.entries.get(String(nodeCredentials.id));
		if (!entry || entry.type !== type) {
			throw new this.ErrorClass(`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`);
		}
		return entry;
	}

	update(nodeCredentials, type, data, kind) {
		const entry = this.getRaw(nodeCredentials, type);
		entry.data = data;
		this.updates.push({ id: entry.id, type, kind, at: Date.now() });
	}
}

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

const INPUT_NODE_TYPE = 'n8nEngineHarness.input';
const INPUT_NODE_NAME = 'Input';

/** Stand-in for the manual trigger: passes the items it is started with on to the node under test. */
class HarnessInputNode {
	constructor() {
		this.description = {
			displayName: 'Input',
			name: INPUT_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Feeds the harness items into the node under test',
			defaults: { name: INPUT_NODE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		};
	}

	async execute() {
		return [this.getInputData()];
	}
}

function createNodeTypes(mods, nodeTypesOption) {
	const { NodeHelpers } = mods.workflow;
	const byName = new Map();
	const add = (key, typeOrInstance) => {
		const instance = instantiate(typeOrInstance);
		const description = instance.description;
		if (!description || !description.name) throw new Error(`Node type "${key}" has no description.name`);
		byName.set(description.name, instance);
		if (key && key !== description.name) byName.set(key, instance);
	};
	add(INPUT_NODE_TYPE, HarnessInputNode);
	const entries = Array.isArray(nodeTypesOption)
		? nodeTypesOption.map((t) => [undefined, t])
		: Object.entries(nodeTypesOption ?? {});
	for (const [key, t] of entries) add(key, t);

	return {
		getByName(nodeType) {
			return byName.get(nodeType);
		},
		getByNameAndVersion(nodeType, version) {
			const type = byName.get(nodeType);
			if (!type) return undefined;
			return NodeHelpers.getVersionedNodeType(type, version);
		},
		getKnownTypes() {
			return {};
		},
		has(nodeType) {
			return byName.has(nodeType);
		},
	};
}

function latestVersion(nodeType) {
	if (nodeType.nodeVersions) return nodeType.currentVersion ?? Math.max(...Object.keys(nodeType.nodeVersions).map(Number));
	const v = nodeType.description.version;
	return Array.isArray(v) ? Math.max(...v) : v;
}

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

function createEngine({ nodeTypes, credentialTypes = [] } = {}) {
	const mods = loadModules();
	const { core, workflow: wf, di } = mods;
	const { Container } = di;
	const booted = boot();

	const registry = new CredentialTypeRegistry(credentialTypes);
	const store = new CredentialStore(wf.UserError);
	const types = createNodeTypes(mods, nodeTypes);
	const credentialsHelper = createCredentialsHelper(mods, registry, store, types);
	let executionCounter = 0;
	let closed = false;

	const engine = {
		/** Everything n8n logged (all engines of this test file share the sink): { level, message, meta, scopes }. */
		logs: logSink,
		credentialsHelper,
		/** Each stored credential change: { id, type, kind: 'oauthTokenData' | 'data', at }. */
		credentialUpdates: store.updates,

		setCredential(credential) {
			store.set(credential);
		},

		/** Current stored (raw) data of a credential, e.g. rotated `oauthTokenData` after a refresh. */
		getCredential(id) {
			return store.get(id);
		},

		/** Credential data exactly as a node would see it (defaults and expressions applied). */
		async getResolvedCredential(id, type) {
			const entry = store.getRaw({ id: String(id) }, type ?? store.entries.get(String(id))?.type);
			return await credentialsHelper.getDecrypted(
				createAdditionalData('resolve'),
				{ id: entry.id, name: entry.name },
				entry.type,
				'internal',
			);
		},

		clearLogs() {
			logSink.length = 0;
		},

		async getBinaryBuffer(item, propertyName = 'data') {
			const binaryData = item?.binary?.[propertyName];
			if (!binaryData) throw new Error(`Item has no binary property "${propertyName}"`);
			const { binaryDataService } = await booted;
			return await binaryDataService.getAsBuffer(binaryData);
		},

		async runNode(options) {
			if (closed) throw new Error('Engine is closed');
			await booted;
			return await run(options);
		},

		async close() {
			closed = true;
			state.engines.delete(engine);
			if (state.engines.size === 0) teardown();
		},
	};
	state.engines.add(engine);

	function createAdditionalData(executionId, hooks) {
		return {
			credentialsHelper,
			hooks,
			executionId,
			userId: 'harness-user',
			projectId: 'harness-project',
			variables: {},
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			externalSecretsProxy: Container.get(core.ExternalSecretsProxy),
			async executeWorkflow() {
				throw new Error('executeWorkflow is not available in the engine harness');
			},
			async getRunExecutionData() {
				return undefined;
			},
			setExecutionStatus() {},
			sendDataToUI() {},
			logAiEvent() {},
		};
	}

	async function run({
		type,
		typeVersion,
		name,
		parameters = {},
		credentials,
		items = [{ json: {} }],
		continueOnFail = false,
		onError,
		nodeSettings = {},
		mode = 'manual',
		workflowSettings = {},
		cancelAfterMs,
	}) {
		const nodeType = types.getByName(type);
		if (!nodeType) throw new Error(`Unknown node type "${type}" (registered: pass it in createEngine({ nodeTypes }))`);
		const version = typeVersion ?? latestVersion(nodeType);
		const versioned = types.getByNameAndVersion(type, version);
		const nodeName = name ?? versioned.description.defaults?.name ?? 'Node';
		if (nodeName === INPUT_NODE_NAME) throw new Error(`Node name "${INPUT_NODE_NAME}" is reserved by the harness`);

		const executionId = String(++executionCounter);
		const inputNode = {
			id: 'harness-input',
			name: INPUT_NODE_NAME,
			type: INPUT_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const node = {
			id: 'harness-node',
			name: nodeName,
			type,
			typeVersion: version,
			position: [200, 0],
			parameters: structuredClone(parameters),
			...(credentials ? { credentials: structuredClone(credentials) } : {}),
			...nodeSettings,
		};
		if (onError) node.onError = onError;
		else if (continueOnFail) node.onError = 'continueRegularOutput';

		const workflowData = {
			id: 'harness-workflow',
			name: 'Engine harness',
			active: false,
			isArchived: false,
			nodes: [inputNode, node],
			connections: { [INPUT_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', ...workflowSettings },
			createdAt: new Date(),
			updatedAt: new Date(),
		};
		const workflow = new wf.Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: structuredClone(workflowData.nodes),
			connections: workflowData.connections,
			active: false,
			nodeTypes: types,
			settings: workflowData.settings,
		});

		const hooks = new core.ExecutionLifecycleHooks(mode, executionId, workflowData);
		const additionalData = createAdditionalData(executionId, hooks);

		const inputItems = items.map((item) => structuredClone(item));
		const runExecutionData = wf.createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: workflow.getNode(INPUT_NODE_NAME), data: { main: [inputItems] }, source: null },
				],
			},
		});

		const workflowExecute = new core.WorkflowExecute(additionalData, mode, runExecutionData);
		const execution = workflowExecute.processRunExecutionData(workflow);
		// Like the Stop button: n8n cancels the execution and aborts its requests.
		const cancelTimer = cancelAfterMs === undefined ? undefined : setTimeout(() => execution.cancel(), cancelAfterMs);
		const fullRun = await execution;
		clearTimeout(cancelTimer);

		const runData = fullRun.data.resultData.runData;
		const taskData = runData[nodeName]?.[0];
		const outputs = taskData?.data?.main ?? [];
		return {
			items: outputs[0] ?? [],
			outputs,
			error: taskData?.error ?? fullRun.data.resultData.error,
			runData,
			run: fullRun,
			executionId,
			nodeName,
		};
	}

	return engine;
}

function teardown() {
	const folder = state.userFolder;
	restoreEnvironment();
	if (folder) {
		try {
			fs.rmSync(folder, { recursive: true, force: true });
		} catch {
			// best effort
		}
	}
	// The DI container and n8n-core stay loaded in this module registry; a later createEngine
	// in the same test file recreates the folder and reuses them.
}

module.exports = { createEngine, INPUT_NODE_NAME };
