// helpers/users.ts still imports from here; it is moving to api/ and can import from '../transport'.
export { redactSecrets, secretsOf } from '../../../credentials/common/bigId/secrets';
