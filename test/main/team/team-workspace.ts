import type { StandardUnit } from '@aws-sdk/client-cloudwatch';
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStoreTable } from '../../../main/team/table';
import { putMetricData } from '../metrics/cloudwatch-harness';
import type { Desk } from './desks';

// A team's copy of the demo workspace on one DynamoDB table (issue 15), for the whole-console desks of
// console-desks.ts and the browser-mode desks of the e2e specs alike.

/** The demo's name: a workspace without an id shares the chain named after it, `log#<name>#rehearsal`. */
/**
 * From the source tree, not main/paths.ts (whose import.meta the e2e specs, loaded as CommonJS, cannot
 * take). The benches run bundled as ES modules, without __dirname, from the repository root.
 */
const REPOSITORY = typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..', '..') : process.cwd();
const DEMO_WORKSPACE = path.join(REPOSITORY, 'workspaces', 'demo');

export const TEAM_WORKSPACE_NAME = 'Demo — regional RT platform';

/**
 * The team's roles by IAM user name, as a workspace maps them (issue 15, "Roles come from a mapping"):
 * the desks' moto users are named `pe-…`, `qa-…` and `oncall-…`.
 */
export const TEAM_ROLES = ['    - { role: PE, arn: "arn:aws:iam::*:user/pe-*" }', '    - { role: QA, arn: "arn:aws:iam::*:user/qa-*" }', '    - { role: on-call PE, arn: "arn:aws:iam::*:user/oncall-*" }'];

/** A copy of the demo workspace naming a new table as its shared store. Not "the demo": its metrics go to CloudWatch. */
export async function teamWorkspace(admin: Desk, options: { endpoint?: string; liveRollout?: boolean } = {}): Promise<{ dir: string; table: string }> {
  const table = `rc-${randomUUID().slice(0, 8)}`;
  await createStoreTable(admin.clients.dynamo, table);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-team-ws-'));
  if (!existsSync(path.join(DEMO_WORKSPACE, 'workspace.yaml'))) throw new Error(`teamWorkspace: no demo workspace at ${DEMO_WORKSPACE}; run from the repository root`);
  cpSync(DEMO_WORKSPACE, dir, { recursive: true });
  const store = ['', 'sharedStore:', `  table: ${table}`, '  profile: release-store', '  region: us-east-1', ...(options.endpoint ? [`  endpoint: ${options.endpoint}`] : []), '  roles:', ...TEAM_ROLES, ''];
  appendFileSync(path.join(dir, 'workspace.yaml'), store.join('\n'));
  if (options.liveRollout) {
    openSdcSlotAllDay(dir);
    percentilesAsMaximum(dir);
  }
  return { dir, table };
}

/**
 * Outside a rehearsal the clock is the machine's, and the desks are their AWS identities (personas are
 * for rehearsals only). So that a live test can deploy to S01 at whatever hour it runs, this team's
 * SDC/LON slot is open all day: the window keeps its id, only its hours go (a configuration change).
 */
function openSdcSlotAllDay(dir: string): void {
  const rules = path.join(dir, 'rules.yaml');
  const text = readFileSync(rules, 'utf8');
  const slot = /( {2}- id: sdc-lon-around-11\n {4}title: [^\n]*\n {4}zone: [^\n]*\n) {4}start: "10:00"\n {4}end: "12:00"\n/;
  if (!slot.test(text)) throw new Error(`${rules}: the sdc-lon-around-11 window is no longer 10:00–12:00; update openSdcSlotAllDay`);
  writeFileSync(rules, text.replace(slot, '$1'));
}

/**
 * moto 5 answers percentile statistics in GetMetricData with an HTTP 500 (test/main/metrics/fixtures.ts):
 * this team's latency metrics read Maximum instead, which with one sample a minute is the same figure.
 */
function percentilesAsMaximum(dir: string): void {
  const metrics = path.join(dir, 'metrics.yaml');
  const text = readFileSync(metrics, 'utf8');
  if (!/stat: p(50|99)\n/.test(text)) throw new Error(`${metrics}: no percentile statistic left to replace; update percentilesAsMaximum`);
  writeFileSync(metrics, text.replace(/stat: p(50|99)\n/g, 'stat: Maximum\n'));
}

/** The profile the demo's SDC regions read CloudWatch with; moto takes any keys for it. */
export const SDC_METRICS_PROFILE = 'demo-prod-sdc';

/**
 * Half an hour of healthy minutes for one region in moto's CloudWatch, up to now, so a live desk can
 * capture its baseline (the demo's key metrics: requests, errors, latency, CPU, active calls).
 */
export async function seedHealthyMinutes(motoUrl: string, regionId: string, awsRegion: string): Promise<void> {
  const minute = 60_000;
  const now = Math.floor(Date.now() / minute) * minute;
  const minutes = Array.from({ length: 31 }, (_, index) => now - (30 - index) * minute + 1_000);
  const byRegion = [{ Name: 'Region', Value: regionId }];
  const datum = (MetricName: string, Dimensions: { Name: string; Value: string }[], Value: number, Unit: StandardUnit) => minutes.map((t) => ({ MetricName, Dimensions, Timestamp: new Date(t), Value, Unit }));
  // One metric a call: moto's form parser refuses a request of more than 1,000 fields with an HTML page.
  for (const [name, value, unit] of [['Requests', 1200, 'Count'], ['Errors', 2, 'Count'], ['Latency', 180, 'Milliseconds'], ['ActiveCalls', 340, 'Count']] as const) {
    await putMetricData(motoUrl, awsRegion, 'Telephony/RT', datum(name, byRegion, value, unit));
  }
  await putMetricData(motoUrl, awsRegion, 'AWS/ECS', datum('CPUUtilization', [{ Name: 'ClusterName', Value: `rt-${regionId}` }], 35, 'Percent'));
}
