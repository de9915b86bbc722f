import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClientFactory } from '../../../main/metrics/cloudwatch/client';

/** Dummy keys moto accepts; they must never show up in anything the console produces. */
export const TEST_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export interface RecordedCall {
  endpoint: string;
  contentType: string | undefined;
  target: string | undefined;
  startMs: number;
  endMs: number;
  queries: Array<{ Id?: string; Expression?: string; ReturnData?: boolean }>;
}

/**
 * The console's clients, pointed at the emulator, with SDK middleware that records every GetMetricData
 * call as it goes on the wire: headers (the protocol) and the query window (incremental polling).
 */
export function recordingFactory(endpointUrl: string, calls: RecordedCall[]): CloudWatchClientFactory {
  return ({ profile, awsRegion }) => {
    const client = new CloudWatchClient({
      region: awsRegion,
      endpoint: endpointUrl,
      credentials: { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY },
      maxAttempts: 1,
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetMetricDataCommand') {
          const request = args.request as { headers: Record<string, string> };
          const input = args.input as { StartTime: Date; EndTime: Date; MetricDataQueries: RecordedCall['queries'] };
          calls.push({
            endpoint: `${profile}@${awsRegion}`,
            contentType: request.headers['content-type'],
            target: request.headers['x-amz-target'],
            startMs: input.StartTime.getTime(),
            endMs: input.EndTime.getTime(),
            queries: input.MetricDataQueries,
          });
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordGetMetricData' },
    );
    return client;
  };
}

/** Puts data the way an application would, through the SDK (CloudWatch takes 1,000 datums a call). */
export async function putMetricData(endpointUrl: string, awsRegion: string, namespace: string, data: MetricDatum[]): Promise<void> {
  const client = new CloudWatchClient({
    region: awsRegion,
    endpoint: endpointUrl,
    credentials: { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY },
  });
  for (let index = 0; index < data.length; index += 1000) {
    await client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(index, index + 1000) }));
  }
  client.destroy();
}
