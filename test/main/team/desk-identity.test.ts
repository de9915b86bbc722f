import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Result, StepView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { demoWorkspaceDir } from '../../../main/workspace/load';
import { callerIdentity } from '../../../main/team/identity';
import { resolveDeskIdentity } from '../../../main/team/desk-identity';
import { createStoreTable } from '../../../main/team/table';
import { DeskPresence } from '../../../main/team/desk-presence';
import { PresenceBoard } from '../../../main/team/presence';
import { storeClients } from '../../../main/team/store-clients';
import { freePort } from '../metrics/moto';
import { systemClock } from '../../../shared/clock';
import type { PresenceView } from '../../../shared/api';
import { logEvents } from '../../release-log';
import { startMoto, type Moto } from '../metrics/moto';
import { createDesk, storeFor, type Desk } from './desks';

/**
 * Issue 15, "Identity from AWS": two people at one desk's data folder, each with their own moto IAM user,
 * as the store profile's STS caller identity says. Nobody types a name: the log records the ARN.
 */
const PRODUCTION = '2026-03-product-rollout';
const context = { transport: 'browser' as const, connectionId: 'window-1' };

let moto: Moto;
let priya: Desk;
let sam: Desk;
let workspaceDir: string;
let dataDir: string;
const hosts: Host[] = [];

beforeAll(async () => {
  moto = await startMoto();
  const store = storeFor('rc-identity', moto.url);
  [priya, sam] = await Promise.all([createDesk(moto.url, 'pe-priya', store), createDesk(moto.url, 'pe-sam', store)]);
  // The table the team shares: the release log's chain, leases and presence all live in it.
  await createStoreTable(priya.clients.dynamo, 'rc-identity');
  // The demo's runbooks in a workspace of the team's own (not the demo: no personas), with a store on moto.
  workspaceDir = mkdtempSync(path.join(os.tmpdir(), 'rc-identity-ws-'));
  cpSync(demoWorkspaceDir(), workspaceDir, { recursive: true });
  appendFileSync(
    path.join(workspaceDir, 'workspace.yaml'),
    ['sharedStore:', '  table: rc-identity', '  profile: release-store', '  region: us-east-1', `  endpoint: ${moto.url}`, '  roles:', '    - { role: PE, arn: "arn:aws:iam::*:user/pe-*" }', ''].join('\n'),
  );
}, 60_000);

afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
});

afterAll(async () => {
  priya?.clients.destroy();
  sam?.clients.destroy();
  await moto?.stop();
  rmSync(workspaceDir, { recursive: true, force: true });
});

const newData = () => mkdtempSync(path.join(os.tmpdir(), 'rc-identity-data-'));

async function openAs(desk: Desk, dir: string): Promise<Host> {
  const { host } = await createConsole({ workspaceDir, dataDir: dir, storeClient: { credentials: desk.credentials } });
  hosts.push(host);
  return host;
}

async function call<T>(host: Host, name: string, payload: unknown): Promise<Result<T>> {
  return (await host.invoke(name, payload, context)) as Result<T>;
}

describe('the actor is the store profile\'s STS identity', () => {
  test('records the moto IAM user\'s ARN as the actor; the PE cannot approve their own instructions, renamed or not, and a second identity can', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-identity-data-'));
    const priyaArn = (await callerIdentity(priya.clients.sts, 'priya')).arn;
    const samArn = (await callerIdentity(sam.clients.sts, 'sam')).arn;
    expect(priyaArn).toMatch(/^arn:aws:iam::[0-9]{12}:user\/pe-priya$/);

    const pe = await openAs(priya, dataDir);
    const written = await call<StepView>(pe, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    expect(written).toMatchObject({ ok: true });
    // Outside a rehearsal a window cannot rename the desk: the typed name is refused and changes nothing.
    const renamed = await call(pe, 'setOperator', { name: 'sam', role: 'PE' });
    expect(renamed).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`pe-priya (${priyaArn}), as AWS and the OS say`) } });
    const own = await call(pe, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    expect(own).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('pe-priya did "PE writes Production CR instructions" and cannot also approve') } });
    await pe.close();
    hosts.pop();

    // The second PE signs in to the same desk with their own credentials.
    const second = await openAs(sam, dataDir);
    const approved = await call<StepView>(second, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    expect(approved.ok && approved.value.state).toBe('done');

    const live = path.join(dataDir, 'live');
    const byType = (type: string) => logEvents(live).filter((e) => e.type === type);
    expect(byType('stepFinished').map((e) => e.actor)).toEqual([{ name: 'pe-priya', role: 'PE', arn: priyaArn, osUser: expect.any(String) }]);
    expect(byType('approvalGiven').map((e) => e.actor)).toEqual([{ name: 'pe-sam', role: 'PE', arn: samArn, osUser: expect.any(String) }]);
    expect(byType('refused').map((e) => e.actor.arn)).toEqual([priyaArn, priyaArn]);
  });

  test('the view names the desk by its identity, with its role from the mapping, and every window the same', async () => {
    const pe = await openAs(priya, mkdtempSync(path.join(os.tmpdir(), 'rc-identity-data-')));
    const a = await call<{ view: { operator: unknown } }>(pe, 'watchReleaseView', { operator: { name: 'someone else', role: 'QA' } });
    const b = (await pe.invoke('getReleaseView', {}, { ...context, connectionId: 'window-2' })) as Result<{ operator: unknown }>;
    const expected = { name: 'pe-priya', role: 'PE', arn: expect.stringMatching(/:user\/pe-priya$/) };
    expect(a.ok && a.value.view.operator).toMatchObject(expected);
    expect(b.ok && b.value.operator).toMatchObject(expected);
  });

  test('an identity the mapping does not name has no role; a profile STS refuses leaves the OS user with the reason', async () => {
    const store = { ...storeFor('rc-identity', moto.url), roles: [{ role: 'QA', arn: 'arn:aws:iam::*:user/qa-*' }] };
    expect(await resolveDeskIdentity(store, 'priya', { credentials: priya.credentials })).toMatchObject({ actor: { name: 'pe-priya', role: 'no role', osUser: 'priya' }, roles: [], problem: null });
    const refused = await resolveDeskIdentity(store, 'priya', { credentials: { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'x' }, maxAttempts: 1 });
    expect(refused).toMatchObject({ actor: { name: 'priya', role: 'no role' }, problem: expect.stringMatching(/^AWS could not say who this desk is with profile unused-in-tests \(us-east-1\): /) });
    expect(refused.actor.arn).toBeUndefined();
  });

  test('without a team store a desk is its OS user in the workspace\'s first declared role (issue 17), not a hard-coded PE', async () => {
    // Seed 002's workspace declares no PE: its first role is the deployment engineer.
    expect(await resolveDeskIdentity(undefined, 'dee', {}, 'deployment engineer')).toEqual({ actor: { name: 'dee', role: 'deployment engineer', osUser: 'dee' }, roles: ['deployment engineer'], problem: null });
    expect(await resolveDeskIdentity(undefined, 'dee')).toEqual({ actor: { name: 'dee', role: 'no role', osUser: 'dee' }, roles: [], problem: null });
  });
});

describe('presence', () => {
  const at = (connectionId: string) => ({ ...context, connectionId });

  test('two consoles on one table: each desk\'s identity, role and screen reach the other from the store\'s heartbeats', async () => {
    await createStoreTable(priya.clients.dynamo, 'rc-identity');
    const pe = await openAs(priya, newData());
    const secondPe = await openAs(sam, newData());
    await pe.invoke('showScreen', { screen: 'qa', regionId: null }, at('priya-window'));
    const seen = (await secondPe.invoke('showScreen', { screen: 'regions', regionId: 'S01' }, at('sam-window'))) as Result<PresenceView>;
    expect(seen).toMatchObject({ ok: true, value: { source: 'store', problem: null, others: [{ line: 'pe-priya (PE) is on the QA checklist', where: 'desk' }] } });

    await pe.invoke('showScreen', { screen: 'evidence', regionId: null }, at('priya-window'));
    const fromPe = (await pe.invoke('getPresence', {}, at('priya-window'))) as Result<PresenceView>;
    const fromSam = (await secondPe.invoke('getPresence', {}, at('sam-window'))) as Result<PresenceView>;
    // Each desk leaves itself out; neither sees a third desk that is not there.
    expect(fromPe.ok && fromPe.value.others.map((o) => o.line)).toEqual(["pe-sam (PE) is on S01's workspace"]);
    expect(fromSam.ok && fromSam.value.others.map((o) => o.line)).toEqual(['pe-priya (PE) is on evidence and exports']);
  });

  test("a desk shows another desk's move between its own beats, within a read, and pushes only what changed", async () => {
    const board = (desk: Desk) => new PresenceBoard({ documents: desk.clients.documents, table: 'rc-identity', workspaceId: 'presence-reads', clock: systemClock() });
    const pushed: Record<string, PresenceView[]> = { 'priya-window': [], 'sam-window': [] };
    const desk = (who: Desk, id: string, name: string) =>
      new DeskPresence({
        clock: systemClock(),
        board: board(who),
        deskId: id,
        operatorOf: () => ({ name, role: 'PE' }),
        deskOperator: () => ({ name, role: 'PE' }),
        push: (window, view) => pushed[window]!.push(view),
        // Beats far apart, as a 20 s beat is beside a move: only the reads between them can bring the move.
        heartbeatMs: 60_000,
        readMs: 250,
      });
    const [priyaDesk, samDesk] = [desk(priya, 'priya-desk', 'pe-priya'), desk(sam, 'sam-desk', 'pe-sam')];
    try {
      priyaDesk.start();
      samDesk.start();
      await samDesk.show('sam-window', 'regions', 'S01');
      await priyaDesk.show('priya-window', 'qa', null);
      // Before: sam's desk read priya's beat only at its own next beat, a minute on here (20 s in a console).
      await expect.poll(() => pushed['sam-window']!.at(-1)?.others.map((o) => o.line), { timeout: 5_000 }).toEqual(['pe-priya (PE) is on the QA checklist']);
      const pushes = pushed['sam-window']!.length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(pushed['sam-window']!.length, 'reads that change nothing push nothing').toBe(pushes);
    } finally {
      await priyaDesk.close();
      await samDesk.close();
    }
  });

  test('a rehearsal desk whose windows play two people shows the other desks both, each at their own screen', async () => {
    const board = (desk: Desk) => new PresenceBoard({ documents: desk.clients.documents, table: 'rc-identity', workspaceId: 'presence-people', clock: systemClock() });
    // One machine plays the PE and QA in two windows; another desk plays the on-call engineer.
    const personas: Record<string, { name: string; role: string }> = { 'pe-window': { name: 'alice', role: 'PE' }, 'qa-window': { name: 'quinn', role: 'QA' }, 'on-call-window': { name: 'olu', role: 'on-call PE' } };
    const desk = (who: Desk, id: string) =>
      new DeskPresence({ clock: systemClock(), board: board(who), deskId: id, operatorOf: (window) => personas[window]!, deskOperator: (window) => personas[window ?? 'pe-window']!, push: () => undefined });
    const [shared, onCall] = [desk(priya, 'rehearsal-desk'), desk(sam, 'on-call-desk')];
    try {
      await shared.show('pe-window', 'checklist', null);
      await shared.show('qa-window', 'qa', null);
      await onCall.show('on-call-window', 'regions', 'S01');
      // Before, the desk beat one item as the window that moved last: the on-call desk saw quinn and no alice.
      expect((await onCall.read('on-call-window')).others.map((o) => o.line)).toEqual(['alice (PE) is on the checklist', 'quinn (QA) is on the QA checklist']);
      // Each person's move overwrites their own item, and the desk still leaves all of its people out of its own view.
      await shared.show('pe-window', 'board', null);
      expect((await onCall.read('on-call-window')).others.map((o) => o.line)).toEqual(['alice (PE) is on the release board', 'quinn (QA) is on the QA checklist']);
      expect((await shared.read('pe-window')).others.map((o) => [o.line, o.where])).toEqual([
        ["olu (on-call PE) is on S01's workspace", 'desk'],
        ['quinn (QA) is on the QA checklist', 'window'],
      ]);
      // The QA window takes another persona: quinn leaves the others' view at once, not when the item goes stale.
      personas['qa-window'] = { name: 'oscar', role: 'on-call PE' };
      await shared.show('qa-window', 'history', null);
      expect((await onCall.read('on-call-window')).others.map((o) => o.line)).toEqual(['alice (PE) is on the release board', 'oscar (on-call PE) is on the history']);
      // oscar's window closes: he leaves the others' view now, not when his item goes stale (a minute, before).
      shared.drop('qa-window');
      await expect.poll(async () => (await onCall.read('on-call-window')).others.map((o) => o.line), { timeout: 5_000 }).toEqual(['alice (PE) is on the release board']);
      // The console closes with alice's window open: she leaves too, before close returns.
      await shared.close();
      expect((await onCall.read('on-call-window')).others).toEqual([]);
    } finally {
      await shared.close();
      await onCall.close();
    }
  });

  test('a window that takes another persona is shown so to the other desks at once, and the persona it left is gone', async () => {
    const board = (desk: Desk) => new PresenceBoard({ documents: desk.clients.documents, table: 'rc-identity', workspaceId: 'presence-persona', clock: systemClock() });
    const personas: Record<string, { name: string; role: string }> = { 'on-call-window': { name: 'root', role: 'PE' }, 'pe-window': { name: 'alice', role: 'PE' } };
    // Beats a minute apart: only the persona change itself can tell the other desk in time.
    const desk = (who: Desk, id: string) =>
      new DeskPresence({ clock: systemClock(), board: board(who), deskId: id, operatorOf: (window) => personas[window]!, deskOperator: (window) => personas[window ?? 'on-call-window']!, push: () => undefined, heartbeatMs: 60_000, readMs: 60_000 });
    const [onCall, pe] = [desk(priya, 'on-call-desk'), desk(sam, 'pe-desk')];
    try {
      onCall.start();
      pe.start();
      await onCall.show('on-call-window', 'board', null);
      await pe.show('pe-window', 'regions', 'S01');
      expect((await pe.read('pe-window')).others.map((o) => o.line)).toEqual(['root (PE) is on the release board']);
      // The on-call engineer picks their persona and stays on the board: before, "root (PE)" stood until the next beat.
      personas['on-call-window'] = { name: 'olu', role: 'on-call PE' };
      await onCall.operatorChanged('on-call-window');
      expect((await pe.read('pe-window')).others.map((o) => o.line)).toEqual(['olu (on-call PE) is on the release board']);
    } finally {
      await onCall.close();
      await pe.close();
    }
  });

  test("a window closed while its move's beat is on its way to the store is not listed again when that beat lands", async () => {
    const options = (desk: Desk, workspaceId: string) => ({ documents: desk.clients.documents, table: 'rc-identity', workspaceId, clock: systemClock() });
    // The real store, reached slowly: each beat's put leaves 300 ms after it is asked for.
    class SlowBoard extends PresenceBoard {
      override async beat(presence: Parameters<PresenceBoard['beat']>[0]): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await super.beat(presence);
      }
    }
    const qa = new DeskPresence({ clock: systemClock(), board: new SlowBoard(options(priya, 'presence-crossing')), deskId: 'qa-desk', operatorOf: () => ({ name: 'qa-priya', role: 'QA' }), deskOperator: () => ({ name: 'qa-priya', role: 'QA' }), push: () => undefined, heartbeatMs: 60_000 });
    const pe = new PresenceBoard(options(sam, 'presence-crossing'));
    try {
      await qa.show('qa-window', 'qa', null);
      expect((await pe.list('pe-desk')).map((p) => p.name)).toEqual(['qa-priya']);
      // priya moves, and closes the window while the move's put is on its way: the delete must not land first.
      const moving = qa.show('qa-window', 'board', null);
      await new Promise((resolve) => setTimeout(resolve, 100));
      qa.drop('qa-window');
      await moving;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await pe.list('pe-desk')).map((p) => p.name), 'priya, gone, is not listed again').toEqual([]);
    } finally {
      await qa.close();
    }
  });

  test('a store that does not answer costs presence, with the reason, never the windows', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const clients = storeClients(storeFor('rc-identity', closed), { credentials: priya.credentials, maxAttempts: 1, requestTimeoutMs: 1_000 });
    const operators: Record<string, { name: string; role: string }> = { a: { name: 'pe-priya', role: 'PE' }, b: { name: 'pe-priya', role: 'PE' } };
    const presence = new DeskPresence({
      clock: systemClock(),
      board: new PresenceBoard({ documents: clients.documents, table: 'rc-identity', workspaceId: 'demo', clock: systemClock() }),
      deskId: 'desk-1',
      operatorOf: (id) => operators[id]!,
      deskOperator: () => operators['a']!,
      push: () => undefined,
    });
    try {
      await presence.show('a', 'qa', null);
      const view = await presence.show('b', 'checklist', null);
      expect(view).toMatchObject({ source: 'store', others: [{ line: 'pe-priya (PE) is on the QA checklist', where: 'window' }], problem: expect.stringMatching(/^Presence could not be (read from|written to) the team store: /) });
    } finally {
      await presence.close();
      clients.destroy();
    }
  });

  test('without a store, a window sees this console\'s other windows, each as its persona, pushed when one moves', async () => {
    const { host } = await createConsole({ dataDir: newData(), rehearsalStart: Date.parse('2026-03-19T10:55:00Z') });
    hosts.push(host);
    const pushed: Array<{ connectionId: string | undefined; view: PresenceView }> = [];
    host.onEvent((event, payload, connectionId) => event === 'presence' && pushed.push({ connectionId, view: payload as PresenceView }));
    await host.invoke('setOperator', { name: 'quinn', role: 'QA' }, at('qa-window'));
    await host.invoke('setOperator', { name: 'alice', role: 'PE' }, at('pe-window'));
    await host.invoke('showScreen', { screen: 'checklist', regionId: null }, at('pe-window'));
    await host.invoke('showScreen', { screen: 'qa', regionId: null }, at('qa-window'));
    expect(pushed.filter((p) => p.connectionId === 'pe-window').at(-1)?.view).toMatchObject({ source: 'console', others: [{ line: 'quinn (QA) is on the QA checklist', where: 'window' }] });
    const fromQa = (await host.invoke('getPresence', {}, at('qa-window'))) as Result<PresenceView>;
    expect(fromQa.ok && fromQa.value.others.map((o) => o.line)).toEqual(['alice (PE) is on the checklist']);
  });
});

describe('an override approved on the approver\'s own window', () => {
  test('the on-call persona approves in their window; the requester\'s override then needs no typed names', async () => {
    const { host } = await createConsole({ dataDir: newData(), rehearsalStart: Date.parse('2026-03-13T15:00:00Z') });
    hosts.push(host);
    const as = (connectionId: string) => ({ ...context, connectionId });
    const R = '2026-03-emergency-sip';
    const call = async <T>(window: string, name: string, payload: unknown) => (await host.invoke(name, payload, as(window))) as Result<T>;
    await call('pe', 'setOperator', { name: 'alice', role: 'PE' });
    await call('on-call', 'setOperator', { name: 'olu', role: 'on-call PE' });
    // Seed 000: the on-call PE owns the emergency's form and its #rm-netops post (issue 17: owners are enforced).
    expect((await call('on-call', 'completeStep', { releaseId: R, stepId: 'emergency-form', regionId: null, outcome: 'done' })).ok).toBe(true);
    expect((await call('on-call', 'approveStep', { releaseId: R, stepId: 'consult-on-call', regionId: null })).ok).toBe(true);
    expect((await call('on-call', 'completeStep', { releaseId: R, stepId: 'raise-rm-netops', regionId: null, outcome: 'done' })).ok).toBe(true);
    expect((await call('pe', 'startStep', { releaseId: R, stepId: 'emergency-baseline', regionId: 'EUW2' })).ok).toBe(true);
    const ref = { releaseId: R, stepId: 'emergency-maintenance-on', regionId: 'EUW2' };

    const reason = 'SIP proxy crash loop in production';
    expect(await call('pe', 'overrideStep', { ...ref, reason })).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs approval from 1 more on-call PE') } });
    expect(await call('pe', 'approveOverride', ref)).toMatchObject({ ok: false, error: { message: expect.stringContaining('approved by on-call PE, not PE') } });
    expect(await call<StepView>('on-call', 'approveOverride', ref)).toMatchObject({ ok: true, value: { overrideApprovals: [{ name: 'olu', role: 'on-call PE' }] } });
    const granted = await call<StepView>('pe', 'overrideStep', { ...ref, reason });
    expect(granted).toMatchObject({ ok: true, value: { override: { reason, approvers: [{ name: 'olu', role: 'on-call PE', persona: true }] } } });
  });
});
