import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression, NodeHelpers } from 'n8n-workflow';

import { BigIdApi } from '../../credentials/BigIdApi.credentials';

export interface StoredCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Behaves like n8n's own CredentialsHelper (packages/cli/src/credentials-helper.ts): generic
 * `authenticate` resolved as an expression, `preAuthentication` when the expirable field is empty
 * or after a 401, and the new token written back to the stored credential. n8n's own nodes
 * test harness skips `preAuthentication`; this one must not.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		readonly store = new Map<string, StoredCredential>(),
		private readonly types: Record<string, ICredentialType> = { bigIdApi: new BigIdApi() },
	) {
		super();
	}

	/**
	 * Another n8n process on the same database (a queue-mode worker): the credentials it stores
	 * are this helper's, the credential's module, with the logins it remembers, is its own.
	 */
	anotherProcess(): TestCredentialsHelper {
		let ownModule: { BigIdApi: typeof BigIdApi } | undefined;
		jest.isolateModules(() => {
			ownModule = jest.requireActual<{ BigIdApi: typeof BigIdApi }>(
				'../../credentials/BigIdApi.credentials',
			);
		});
		return new TestCredentialsHelper(this.store, { bigIdApi: new ownModule!.BigIdApi() });
	}

	/** Every time n8n asked the credential to log in, and why. */
	readonly preAuthenticationCalls: Array<{ expired: boolean }> = [];

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.typeOf(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, Record<string, string>>)[
					outerKey
				] ??= {});
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[key] = this.resolve(value, credentials, workflow!, node!);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.typeOf(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls.push({ expired: credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details?.id) {
			const stored = this.stored(details.id);
			stored.data = { ...stored.data, ...(output as ICredentialDataDecryptedObject) };
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by this pack');
	}

	/**
	 * As n8n's applyDefaultsAndOverwrites: the credential's declared properties with their
	 * defaults, so a field the credential stores without declaring it never reaches the node.
	 */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.stored(nodeCredentials.id!).data;
		return NodeHelpers.getNodeParameters(
			this.typeOf(type).properties,
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored(nodeCredentials.id!).data = data;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.typeOf(type).properties;
	}

	private stored(id: string): StoredCredential {
		const stored = this.store.get(id);
		if (!stored) throw new Error(`No credential with ID ${id} in the test store`);
		return stored;
	}

	private typeOf(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}
}
