import { describe, expect, it } from 'vitest';
import { cloudWatchConsoleUrl } from '../../../shared/metrics/console-link';
import { MetricDefinition } from '../../../shared/workspace/schema/metrics';

const EUW2 = { id: 'EUW2', profile: 'prod-eu', awsRegion: 'eu-west-2' };

function metric(fields: Record<string, unknown>): MetricDefinition {
  return MetricDefinition.parse({ id: 'errors', label: 'Errors', stat: 'Sum', periodSeconds: 60, unit: 'Count', ...fields });
}

describe('links to a metric in the CloudWatch console', () => {
  it('opens the region’s console on the metric, its dimensions filled for the region', () => {
    const url = cloudWatchConsoleUrl(metric({ namespace: 'RT/Media', metricName: 'Errors', dimensions: { Region: '{region}', Cluster: 'rt-{awsRegion}' } }), EUW2);
    expect(url).toBe("https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#metricsV2:graph=~(metrics~(~(~'RT*2fMedia~'Errors~'Region~'EUW2~'Cluster~'rt-eu-west-2))~view~'timeSeries~stat~'Sum~period~60~region~'eu-west-2)");
  });

  it.each([
    ['a space and a colon', 'a b:c', "'a*20b*3ac"],
    ['a quote and a tilde', "it's~", "'it*27s*7e"],
    ['a character beyond one byte', 'p→q', "'p**2192q"],
  ])('escapes %s in a value', (_, value, escaped) => {
    const url = cloudWatchConsoleUrl(metric({ namespace: 'N', metricName: 'M', dimensions: { D: value } }), EUW2)!;
    expect(url).toContain(`~'D~${escaped})`);
  });

  it('has no link for a metric-math metric', () => {
    expect(cloudWatchConsoleUrl(metric({ expression: 'errors / requests * 100', inputs: ['errors'] }), EUW2)).toBeNull();
  });
});
