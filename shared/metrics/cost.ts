/**
 * GetMetricData is billed per metric requested: $0.01 per 1,000 (AWS CloudWatch pricing, "API requests").
 * A metric-math expression is computed from metrics already requested, so only MetricStat queries count.
 */
export const USD_PER_METRIC_REQUESTED = 0.01 / 1000;
/** Billing months are quoted as 30 days by AWS's own calculator. */
export const SECONDS_PER_BILLING_MONTH = 30 * 24 * 60 * 60;

export interface PollingCost {
  pollsPerMonth: number;
  metricsPerMonth: number;
  usdPerMonth: number;
}

export function estimateMonthlyCost(metricsRequestedPerPoll: number, pollIntervalSeconds: number): PollingCost {
  if (!(pollIntervalSeconds > 0)) throw new RangeError('The polling interval must be a positive number of seconds.');
  const pollsPerMonth = SECONDS_PER_BILLING_MONTH / pollIntervalSeconds;
  const metricsPerMonth = metricsRequestedPerPoll * pollsPerMonth;
  return { pollsPerMonth, metricsPerMonth, usdPerMonth: metricsPerMonth * USD_PER_METRIC_REQUESTED };
}

/** "$38.02 / month" for the settings page. */
export function formatMonthlyCost(cost: PollingCost): string {
  return `$${cost.usdPerMonth.toFixed(2)} / month`;
}
