import type { MetricDefinition } from '../workspace/schema/metrics';
import { resolveDimensions, type EndpointRegion } from './endpoints';

/**
 * The CloudWatch console's URL fragment is JSURL-like: `~(` opens an object, `~'` a string, and any
 * character outside [A-Za-z0-9._-] in a string is `*` and two hex digits ("AWS/Lambda" is "AWS*2fLambda"),
 * or `**` and four for characters beyond one byte.
 */
function consoleString(value: string): string {
  let out = "'";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (/[A-Za-z0-9._-]/.test(char)) out += char;
    else if (code < 0x100) out += `*${code.toString(16).padStart(2, '0')}`;
    else out += `**${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/**
 * One region's graph of one metric in the CloudWatch console, as metrics.yaml defines it for that region;
 * null for a metric-math metric, which has no single metric to open.
 */
export function cloudWatchConsoleUrl(metric: MetricDefinition, region: EndpointRegion): string | null {
  if (metric.namespace === undefined || metric.metricName === undefined) return null;
  const dimensions = resolveDimensions(metric, region).flatMap((d) => [consoleString(d.Name), consoleString(d.Value)]);
  const line = ['', consoleString(metric.namespace), consoleString(metric.metricName), ...dimensions].join('~');
  const graph = `~(metrics~(~(${line}))~view~'timeSeries~stat~${consoleString(metric.stat)}~period~${metric.periodSeconds}~region~${consoleString(region.awsRegion)})`;
  const host = `${region.awsRegion}.console.aws.amazon.com`;
  return `https://${host}/cloudwatch/home?region=${encodeURIComponent(region.awsRegion)}#metricsV2:graph=${graph}`;
}
