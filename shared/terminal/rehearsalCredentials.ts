/**
 * The environment variables through which an AWS SDK or CLI finds credentials (the "Close the bypasses"
 * issue): a rehearsal's shells and command steps start without them, so a drill cannot reach an account
 * even when the operator's own shell is signed in. The console's own environment keeps them.
 */
export const AWS_CREDENTIAL_VARIABLES: readonly string[] = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  // The name boto2 and some older tools read instead of AWS_SESSION_TOKEN.
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
];

/** ECS and EKS pod identity hand credentials out through these (…_RELATIVE_URI, …_FULL_URI, …_AUTHORIZATION_TOKEN[_FILE]). */
const CONTAINER_CREDENTIAL_PREFIXES = ['AWS_CONTAINER_CREDENTIALS_', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];

/**
 * Where the SDKs would look next when no variable names credentials: ~/.aws/credentials and ~/.aws/config,
 * then the instance metadata service. Both files are pointed at an empty one and the metadata service is
 * switched off, so "no variables" really means "no credentials".
 */
const NO_FILE = '/dev/null';
const CREDENTIAL_FALLBACKS: Readonly<Record<string, string>> = {
  AWS_SHARED_CREDENTIALS_FILE: NO_FILE,
  AWS_CONFIG_FILE: NO_FILE,
  AWS_EC2_METADATA_DISABLED: 'true',
};

export function isAwsCredentialVariable(name: string): boolean {
  return AWS_CREDENTIAL_VARIABLES.includes(name) || CONTAINER_CREDENTIAL_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** A rehearsal terminal's environment: `env` without any AWS credential, and the SDKs' fallbacks pointed at nothing. */
export function withoutAwsCredentials(env: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (!isAwsCredentialVariable(name)) kept[name] = value;
  return { ...kept, ...CREDENTIAL_FALLBACKS };
}
