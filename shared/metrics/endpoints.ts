import type { MetricDefinition } from '../workspace/schema/metrics';
import type { Region } from '../workspace/schema/regions';

/**
 * CloudWatch answers per AWS region and account, so the unit of batching, credentials and backoff is
 * the endpoint: an AWS profile × an AWS region. Several console regions may share one (EUW2 and LON
 * both live in eu-west-2 under one profile).
 */
export interface Endpoint {
  key: string;
  profile: string;
  awsRegion: string;
  regionIds: string[];
}

export function endpointKey(profile: string, awsRegion: string): string {
  return `${profile}@${awsRegion}`;
}

export type EndpointRegion = Pick<Region, 'id' | 'profile' | 'awsRegion'>;

/** Endpoints in the order their first region appears in the workspace (so logs and tables read stably). */
export function groupByEndpoint(regions: readonly EndpointRegion[]): Endpoint[] {
  const byKey = new Map<string, Endpoint>();
  for (const region of regions) {
    const key = endpointKey(region.profile, region.awsRegion);
    const endpoint = byKey.get(key) ?? { key, profile: region.profile, awsRegion: region.awsRegion, regionIds: [] };
    endpoint.regionIds.push(region.id);
    byKey.set(key, endpoint);
  }
  return [...byKey.values()];
}

/** metrics.yaml dimensions may say {region} (the console region id) or {awsRegion}. */
export function resolveDimensions(metric: MetricDefinition, region: EndpointRegion): Array<{ Name: string; Value: string }> {
  return Object.entries(metric.dimensions ?? {}).map(([name, value]) => ({
    Name: name,
    Value: value.replaceAll('{region}', region.id).replaceAll('{awsRegion}', region.awsRegion),
  }));
}
