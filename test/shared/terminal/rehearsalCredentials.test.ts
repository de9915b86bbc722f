import { describe, expect, it } from 'vitest';
import { isAwsCredentialVariable, withoutAwsCredentials } from '../../../shared/terminal/rehearsalCredentials';

describe('a rehearsal terminal\'s environment', () => {
  it.each([
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_SECURITY_TOKEN',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_CONFIG_FILE',
  ])('counts %s as a credential', (name) => {
    expect(isAwsCredentialVariable(name)).toBe(true);
  });

  it.each(['AWS_REGION', 'AWS_DEFAULT_REGION', 'PATH', 'HOME', 'RELEASE_CONSOLE_REGION', 'MY_AWS_ACCESS_KEY_ID'])('keeps %s', (name) => {
    expect(isAwsCredentialVariable(name)).toBe(false);
  });

  it('drops every credential and points the SDKs\' files and instance metadata at nothing', () => {
    const env = withoutAwsCredentials({ PATH: '/usr/bin', AWS_REGION: 'eu-west-2', AWS_PROFILE: 'prod', AWS_SECRET_ACCESS_KEY: 's', AWS_CONFIG_FILE: '/home/pe/.aws/config' });
    expect(env).toEqual({ PATH: '/usr/bin', AWS_REGION: 'eu-west-2', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_CONFIG_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' });
  });
});
