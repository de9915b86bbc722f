/**
 * Where a console's metrics come from (issue 16: a rehearsal never touches production). A rehearsal's
 * come from the simulator whatever the workspace, so a drill never calls CloudWatch with anyone's
 * credentials; the demo's always do, as it has no account. Any other workspace, live, reads CloudWatch.
 */
export type MetricSourceKind = 'cloudwatch' | 'simulated';

export function metricSourceFor(console: { rehearsal: boolean; isDemo: boolean }): MetricSourceKind {
  return console.rehearsal || console.isDemo ? 'simulated' : 'cloudwatch';
}
