// Issue 19: a URL calendar changed during the day is seen without a restart. A console started while the
// retail team's calendar (a real local http server) had no freeze reads it again ("Refresh"); Black
// Friday's freeze then refuses a prod-use1 step, and the view pushed to windows says so. A read that
// fails keeps that copy, and the status says what went wrong and how old the copy in use is.
import { readFileSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReleaseView, Result, StepView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { CALENDAR_FIXTURES, calendarWorkspace } from './calendar-workspace';

const context = { transport: 'browser' as const, connectionId: 'calendar-refresh' };
const BLACK_FRIDAY = Date.parse('2026-11-27T15:00:00Z');
const BLACK_FRIDAY_ICS = readFileSync(path.join(CALENDAR_FIXTURES, 'change-calendar-default-open.ics'), 'utf8');
const NO_FREEZE_ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Release Console tests//EN', 'END:VCALENDAR', ''].join('\r\n');
const RETAIL = /Retail change freeze: no deploys \(Black Friday change freeze\)/;

let server: http.Server;
let served = { status: 200, text: NO_FREEZE_ICS };
let host: Host;
const pushed: Array<{ event: string; payload: unknown }> = [];

beforeAll(async () => {
  server = http.createServer((_request, response) => {
    if (served.status !== 200) response.writeHead(served.status).end();
    else response.writeHead(200, { 'content-type': 'text/calendar' }).end(served.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/retail.ics`;
  ({ host } = await createConsole({
    workspaceDir: calendarWorkspace(`{ url: "${url}" }`),
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-calendar-refresh-')),
    rehearsalStart: BLACK_FRIDAY,
    calendars: { allowLoopbackHttp: true },
  }));
  host.onEvent((event, payload) => pushed.push({ event, payload }));
}, 60_000);

afterAll(async () => {
  await host?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function call<T>(name: string, payload: unknown): Promise<T> {
  const result = (await host.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

type Status = { freeze: string; fetchedAt: number | null; error: string | null };
const heldByRetail = (view: ReleaseView): StepView[] => view.gates.flatMap((g) => g.steps).filter((s) => s.reasons.some((r) => RETAIL.test(r)));

describe('freeze calendars read again while the console runs', () => {
  test('a URL calendar that gains a freeze refuses a step after a refresh, with no restart', async () => {
    // This connection watches the release view as a window does: changes come to it as numbered patches.
    await call('watchReleaseView', {});
    const before = await call<ReleaseView>('getReleaseView', {});
    expect(heldByRetail(before)).toEqual([]);
    const [atStart] = (await call<{ workspace: { calendars: Status[] } }>('getSession', {})).workspace.calendars;
    expect(atStart).toMatchObject({ freeze: 'retail-freeze', error: null });

    served = { status: 200, text: BLACK_FRIDAY_ICS };
    pushed.length = 0;
    const { calendars } = await call<{ calendars: Status[] }>('refreshCalendars', {});
    expect(calendars).toEqual([expect.objectContaining({ freeze: 'retail-freeze', error: null })]);
    expect(calendars[0]!.fetchedAt).toBeGreaterThanOrEqual(atStart!.fetchedAt!);
    // Every window is told: the calendars' new copies, and a re-decided release view.
    expect(pushed.find((p) => p.event === 'calendars')?.payload).toEqual({ calendars });

    const after = await call<ReleaseView>('getReleaseView', {});
    const held = heldByRetail(after);
    expect(held.length).toBeGreaterThan(0);
    const step = held[0]!;
    const refused = await host.invoke('startStep', { releaseId: after.release.id, stepId: step.stepId, regionId: step.regionId }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringMatching(RETAIL) } });
    await expect.poll(() => pushed.some((p) => p.event === 'releaseViewPatch' && RETAIL.test(JSON.stringify(p.payload)))).toBe(true);
    // The session a window asks for next has the new copy too.
    expect((await call<{ workspace: { calendars: Status[] } }>('getSession', {})).workspace.calendars).toEqual(calendars);
  });

  test('a refresh that fails keeps the last good copy and says what went wrong', async () => {
    const [good] = (await call<{ calendars: Status[] }>('refreshCalendars', {})).calendars;
    expect(good).toMatchObject({ error: null });

    served = { status: 503, text: '' };
    const [failed] = (await call<{ calendars: Status[] }>('refreshCalendars', {})).calendars;
    expect(failed!.error).toMatch(/^Freeze retail-freeze's calendar, the calendar at http:\/\/127\.0\.0\.1:\d+\/retail\.ics, could not be loaded: .* answered 503 Service Unavailable$/);
    // The copy in use is the last good one, fetched when it was, and it still freezes Black Friday.
    expect(failed!.fetchedAt).toBe(good!.fetchedAt);
    expect(heldByRetail(await call<ReleaseView>('getReleaseView', {})).length).toBeGreaterThan(0);
  });

  test('without anyone asking, a calendar is read again on its interval', async () => {
    served = { status: 200, text: NO_FREEZE_ICS };
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/retail.ics`;
    const { host: timed } = await createConsole({
      workspaceDir: calendarWorkspace(`{ url: "${url}" }`),
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-calendar-interval-')),
      rehearsalStart: BLACK_FRIDAY,
      calendars: { allowLoopbackHttp: true, refreshIntervalMs: 200 },
    });
    try {
      const view = async () => ((await timed.invoke('getReleaseView', {}, context)) as Result<ReleaseView> & { ok: true }).value;
      expect(heldByRetail(await view())).toEqual([]);
      served = { status: 200, text: BLACK_FRIDAY_ICS };
      await expect.poll(async () => heldByRetail(await view()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    } finally {
      await timed.close();
    }
  }, 30_000);
});
