import type { Region } from '../workspace/schema/regions';

/**
 * What a region's terminals (its shells and its command steps) add to the console's environment. The
 * PE's own `aws` commands in a region shell must reach that region's account and region, so it carries
 * the workspace's profile and AWS region. Not in a rehearsal: a drill must not reach production with
 * the workspace's credentials (and its terminals start without any: rehearsalCredentials.ts).
 */
export function regionEnvironment(region: Pick<Region, 'id' | 'profile' | 'awsRegion'>, isRehearsal: boolean): Record<string, string> {
  // Tools and shell prompts can tell which region a terminal belongs to.
  const env: Record<string, string> = { RELEASE_CONSOLE_REGION: region.id };
  if (isRehearsal) return env;
  // AWS_DEFAULT_REGION too: AWS CLI v1 and older SDKs read only that one, and the operator's own may name another region.
  return { ...env, AWS_PROFILE: region.profile, AWS_REGION: region.awsRegion, AWS_DEFAULT_REGION: region.awsRegion };
}
