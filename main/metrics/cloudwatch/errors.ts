import { MetricSourceError, type SourceFailureKind } from '../source';

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const THROTTLING_NAMES = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'LimitExceededException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export interface ClassifiedError {
  kind: SourceFailureKind;
  retryable: boolean;
  message: string;
}

/** Access keys (AKIA…/ASIA…), signatures and session tokens must never reach a log line or the screen. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '[redacted key]')
    .replace(/(Signature|Credential|X-Amz-Security-Token|SessionToken|aws_secret_access_key|aws_session_token)([=:]\s*)[^\s,&"']+/gi, '$1$2[redacted]')
    .replace(/\b[A-Za-z0-9/+]{40,}={0,2}/g, '[redacted]');
}

function looksLikeExpiredSso(name: string, message: string): boolean {
  return /sso/i.test(message) || name === 'UnauthorizedException' || (name === 'TokenProviderError' && /token/i.test(message));
}

/**
 * Sorts a CloudWatch or credential-provider failure into what the poller does next. Messages are our own
 * words plus the error's name and status, so nothing the SDK echoes back (request ids aside) is shown.
 */
export function classifyCloudWatchError(error: unknown, profile: string): ClassifiedError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const code = typeof shape.code === 'string' ? shape.code : undefined;

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === 'UnauthorizedException' || name === 'ExpiredTokenException') {
    if (looksLikeExpiredSso(name, message)) {
      return { kind: 'auth', retryable: false, message: `The AWS SSO session for profile ${profile} has expired: run aws sso login --profile ${profile}` };
    }
    if (name === 'ExpiredTokenException') {
      return { kind: 'auth', retryable: false, message: `The AWS credentials for profile ${profile} have expired: refresh them (for SSO, run aws sso login --profile ${profile}).` };
    }
    return { kind: 'auth', retryable: false, message: `No usable AWS credentials for profile ${profile}: check ~/.aws/config and ~/.aws/credentials.` };
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId' || status === 403) {
    return { kind: 'auth', retryable: false, message: `CloudWatch refused profile ${profile} (${name}): it needs cloudwatch:GetMetricData.` };
  }
  if (THROTTLING_NAMES.has(name) || status === 429) {
    return { kind: 'throttled', retryable: true, message: `CloudWatch is throttling profile ${profile} (${name}).` };
  }
  if ((status !== undefined && status >= 500) || name === 'InternalServiceFault' || name === 'InternalServiceError' || name === 'ServiceUnavailable') {
    return { kind: 'unavailable', retryable: true, message: `CloudWatch answered with a server error (${status ?? name}).` };
  }
  // The SDK's request timeout (client.ts): the request went out and nothing came back.
  if (name === 'TimeoutError' || name === 'RequestTimeout') {
    return { kind: 'unavailable', retryable: true, message: 'CloudWatch did not answer in time (request timeout).' };
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return { kind: 'unavailable', retryable: true, message: `CloudWatch could not be reached (${code ?? name}).` };
  }
  return { kind: 'invalid', retryable: false, message: `CloudWatch rejected the query (${name}${status ? ` ${status}` : ''}): ${redactSecrets(message).slice(0, 300)}` };
}

export function toSourceError(classified: ClassifiedError, attempts: number): MetricSourceError {
  return new MetricSourceError(classified.kind, classified.message, attempts);
}
