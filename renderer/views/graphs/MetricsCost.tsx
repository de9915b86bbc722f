import { useEffect, useState } from 'react';
import type { PollingCostView } from '../../../shared/api';
import { send } from '../../api/actions';
import { useConsole } from '../../store/store';

/** Intervals a team might weigh: CloudWatch bills GetMetricData per metric requested, so cost scales with polls. */
const INTERVALS_SECONDS = [30, 60, 300];

function intervalLabel(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * The metrics settings as they stand: where data comes from, how often it is polled and what that costs a
 * month (main's estimateMetricsCost), with the same figure at other intervals for comparison.
 */
export function MetricsCost() {
  const source = useConsole((s) => s.metricsSource);
  const cost = useConsole((s) => s.pollingCost);
  // A rehearsal's metrics are simulated whatever the workspace (issue 16); otherwise only the demo's are.
  const isRehearsal = useConsole((s) => s.session?.clockMode === 'simulated');
  const [estimates, setEstimates] = useState<PollingCostView[]>([]);

  useEffect(() => {
    let current = true;
    void Promise.all(INTERVALS_SECONDS.map((seconds) => send('estimateMetricsCost', { pollIntervalSeconds: seconds }))).then((answers) => {
      if (current) setEstimates(answers.filter((a): a is PollingCostView => a !== null));
    });
    return () => {
      current = false;
    };
  }, []);

  if (!cost) return null;
  const others = estimates.filter((e) => e.pollIntervalSeconds !== cost.pollIntervalSeconds);
  return (
    <p className="metrics-cost" aria-label="Metrics polling">
      <span>{source === 'simulated' ? `Simulated metrics (${isRehearsal ? 'rehearsal' : 'demo'})` : 'CloudWatch GetMetricData'}</span>
      <span>
        polled every <strong>{intervalLabel(cost.pollIntervalSeconds)}</strong>
      </span>
      <span>{cost.metricsPerPoll} metrics a poll</span>
      <span>
        est. <strong className="mono">{cost.text}</strong>
        {source === 'simulated' && ' on CloudWatch'}
      </span>
      {others.length > 0 && <span className="muted">({others.map((e) => `${intervalLabel(e.pollIntervalSeconds)}: ${e.text}`).join(' · ')})</span>}
    </p>
  );
}
