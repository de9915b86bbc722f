import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery as SdkQuery } from '@aws-sdk/client-cloudwatch';
import { planCalls, type PlannedCall } from '../../../shared/metrics/batching';
import { buildEndpointQueries, type QueryTarget } from '../../../shared/metrics/queries';
import type { Point } from '../../../shared/metrics/series';
import { MetricSourceError, type MetricSource, type SeriesResult, type SourceQuery } from '../source';
import type { CloudWatchClientFactory } from './client';
import { classifyCloudWatchError, toSourceError } from './errors';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy, type Sleep } from './retry';

/** CloudWatch always sends a NextToken on a full page; a bound keeps a misbehaving endpoint from looping. */
const MAX_PAGES_PER_CALL = 50;

export interface CloudWatchSourceOptions {
  clientFor: CloudWatchClientFactory;
  retry?: RetryPolicy;
  sleep?: Sleep;
  random?: () => number;
}

/**
 * GetMetricData for one endpoint at a time: every query of every region on it in as few calls as the
 * limits allow (shared/metrics/batching.ts), NextToken followed, throttling and 5xx retried a bounded
 * number of times with jittered backoff.
 */
export class CloudWatchSource implements MetricSource {
  readonly kind = 'cloudwatch';
  private readonly clients = new Map<string, CloudWatchClient>();
  private readonly retry: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(private readonly options: CloudWatchSourceOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  private clientFor(query: SourceQuery): CloudWatchClient {
    let client = this.clients.get(query.endpoint.key);
    if (client === undefined) {
      client = this.options.clientFor({ profile: query.endpoint.profile, awsRegion: query.endpoint.awsRegion });
      this.clients.set(query.endpoint.key, client);
    }
    return client;
  }

  async query(query: SourceQuery): Promise<SeriesResult[]> {
    const { units, targets } = buildEndpointQueries(query.regions, query.metrics);
    const collected = new Map<string, Point[]>([...targets.keys()].map((id) => [id, []]));
    for (const call of planCalls(units, query.startMs, query.endMs)) {
      await this.runCall(this.clientFor(query), query.endpoint.profile, call, targets, collected);
    }
    return [...targets].map(([id, target]) => ({
      regionId: target.regionId,
      metricId: target.metricId,
      points: (collected.get(id) ?? []).sort((a, b) => a.t - b.t),
    }));
  }

  private async runCall(
    client: CloudWatchClient,
    profile: string,
    call: PlannedCall,
    targets: ReadonlyMap<string, QueryTarget>,
    collected: Map<string, Point[]>,
  ): Promise<void> {
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES_PER_CALL; page += 1) {
      const output = await this.withRetries(profile, () =>
        client.send(
          new GetMetricDataCommand({
            MetricDataQueries: call.queries as SdkQuery[],
            StartTime: new Date(call.startMs),
            EndTime: new Date(call.endMs),
            ScanBy: 'TimestampAscending',
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        ),
      );
      for (const result of output.MetricDataResults ?? []) {
        const points = result.Id ? collected.get(result.Id) : undefined;
        if (points === undefined || result.Id === undefined || !targets.has(result.Id)) continue;
        const timestamps = result.Timestamps ?? [];
        const values = result.Values ?? [];
        timestamps.forEach((timestamp, index) => {
          const t = timestamp.getTime();
          const v = values[index];
          // An emulator may also answer the bucket starting at EndTime; the window is half-open.
          if (v !== undefined && Number.isFinite(v) && t >= call.startMs && t < call.endMs) points.push({ t, v });
        });
      }
      nextToken = output.NextToken;
      if (!nextToken) return;
    }
    throw new MetricSourceError('invalid', `CloudWatch kept paging past ${MAX_PAGES_PER_CALL} pages for one call; giving up on this poll.`, 1);
  }

  private async withRetries<T>(profile: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const classified = classifyCloudWatchError(error, profile);
        if (!classified.retryable || attempt >= this.retry.maxAttempts) throw toSourceError(classified, attempt);
        await this.sleep(backoffDelayMs(attempt, this.retry, this.random));
      }
    }
  }
}
