import { execFile } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCheck } from '../../../main/cli/check';
import type { CalendarLoadOptions } from '../../../main/workspace/load';
import { startMoto, type Moto } from '../metrics/moto';
import { CALENDAR_FIXTURES, ROOT, calendarWorkspace } from '../workspace/calendar-workspace';
import { motoAccessKey, startSsmCalendarServer, type SsmCalendarServer } from '../workspace/ssm-calendar-server';

/**
 * Issue 19: a freeze kept in a calendar blocks `release-console check` like a YAML freeze, whether the
 * calendar is an .ics file in the workspace, a URL (a local http server here: plain http to 127.0.0.1 is
 * allowed for tests only) or an SSM Change Calendar. For SSM: moto 5.2.1 refuses ChangeCalendar documents
 * in TEXT format and has no GetCalendarState, so GetDocument is served by a local server speaking SSM's
 * JSON protocol (ssm-calendar-server.ts), reached by the real @aws-sdk/client-ssm with keys moto issued.
 */
const BLACK_FRIDAY = '2026-11-27T15:00:00Z';
const WEEK_BEFORE = '2026-11-19T15:00:00Z';
const RETAIL_REASON = /^Retail change freeze: no deploys \(Black Friday change freeze\) Fri 27 Nov – Sun 29 Nov, all day in New York \(Fri 27 Nov 10:00 now\); only security releases are exempt/;
const ICS = readFileSync(path.join(CALENDAR_FIXTURES, 'change-calendar-default-open.ics'), 'utf8');

let moto: Moto;
let ssm: SsmCalendarServer;
let credentials: { accessKeyId: string; secretAccessKey: string };
let calendarServer: http.Server;
let calendarUrl: string;
let calendarStatus = 200;

beforeAll(async () => {
  moto = await startMoto();
  credentials = await motoAccessKey(moto.url, 'release-console-calendar');
  ssm = await startSsmCalendarServer([{ name: 'RetailChangeCalendar', content: ICS }], credentials.accessKeyId);
  calendarServer = http.createServer((request, response) => {
    if (request.url !== '/calendars/retail.ics' || calendarStatus !== 200) {
      response.writeHead(request.url === '/calendars/retail.ics' ? calendarStatus : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS);
  });
  await new Promise<void>((resolve) => calendarServer.listen(0, '127.0.0.1', resolve));
  calendarUrl = `http://127.0.0.1:${(calendarServer.address() as AddressInfo).port}/calendars/retail.ics`;
}, 60_000);

afterAll(async () => {
  await ssm?.close();
  await new Promise((resolve) => calendarServer?.close(resolve));
  await moto?.stop();
});

async function check(args: string[], options: CalendarLoadOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-calendar-data-'));
  const code = await runCheck([...args, '--data-dir', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) }, () => Date.parse(BLACK_FRIDAY), { allowLoopbackHttp: true, ssmCredentials: credentials, ...options });
  return { code, out, err, dataDir };
}

const sources = {
  file: () => '{ file: calendars/retail.ics }',
  url: () => `{ url: "${calendarUrl}" }`,
  ssm: () => `{ ssm: { document: RetailChangeCalendar, region: us-east-1, endpoint: "${ssm.endpoint}" } }`,
};

describe('release-console check with a freeze from a calendar', () => {
  test.each(Object.keys(sources) as Array<keyof typeof sources>)('a freeze from %s blocks prod-use1 on Black Friday and not the week before; security releases are exempt', async (kind) => {
    const workspace = calendarWorkspace(sources[kind]());
    const blocked = await check(['--region', 'prod-use1', '--release-type', 'standard', '--package', 'api-server', '--at', BLACK_FRIDAY, '--workspace', workspace, '--json']);
    expect(blocked.err).toEqual([]);
    expect(blocked.code).toBe(1);
    const answer = JSON.parse(blocked.out[0]!) as { reasons: string[]; opensAt: string | null };
    expect(answer.reasons).toContainEqual(expect.stringMatching(RETAIL_REASON));

    const before = await check(['--region', 'prod-use1', '--release-type', 'standard', '--package', 'api-server', '--at', WEEK_BEFORE, '--workspace', workspace, '--json']);
    expect(JSON.parse(before.out[0]!)).toEqual({ allowed: true, reasons: [], opensAt: null, closesAt: '2026-11-19T18:00:00.000Z' });

    const security = await check(['--region', 'prod-use1', '--release-type', 'security', '--package', 'api-server', '--at', BLACK_FRIDAY, '--workspace', workspace, '--json']);
    expect((JSON.parse(security.out[0]!) as { reasons: string[] }).reasons.join('\n')).not.toMatch(/Retail change freeze/);
  });

  test('the SSM request was signed with the key moto issued, and named the document', () => {
    expect(ssm.requests).toContain('RetailChangeCalendar');
  });

  test('a URL that stops answering: the last good copy still freezes, and stderr says what failed and how old the copy is', async () => {
    const workspace = calendarWorkspace(sources.url());
    const first = await check(['--region', 'prod-use1', '--release-type', 'standard', '--package', 'api-server', '--at', BLACK_FRIDAY, '--workspace', workspace]);
    calendarStatus = 500;
    try {
      const again = await runCheck(['--region', 'prod-use1', '--release-type', 'standard', '--package', 'api-server', '--at', BLACK_FRIDAY, '--workspace', workspace, '--data-dir', first.dataDir], { out: (s) => first.out.push(s), err: (s) => first.err.push(s) }, () => Date.parse(BLACK_FRIDAY), { allowLoopbackHttp: true });
      expect(again).toBe(1);
      expect(first.err).toEqual([`release-console check: Freeze retail-freeze's calendar, the calendar at ${calendarUrl}, could not be loaded: ${calendarUrl} answered 500 Internal Server Error. Using the last good copy, fetched less than a minute ago.`]);
      expect(first.out.join('\n')).toMatch(/Retail change freeze: no deploys \(Black Friday change freeze\)/);
    } finally {
      calendarStatus = 200;
    }
  });

  test('an SSM calendar that cannot be read and has no copy freezes every time, never "no freeze"', async () => {
    ssm.failWith(500);
    try {
      const workspace = calendarWorkspace(sources.ssm());
      const result = await check(['--region', 'prod-use1', '--release-type', 'standard', '--package', 'api-server', '--at', WEEK_BEFORE, '--workspace', workspace]);
      expect(result.code).toBe(1);
      expect(result.err.join('\n')).toMatch(/^release-console check: Freeze retail-freeze's calendar, the SSM Change Calendar RetailChangeCalendar, could not be loaded: An internal error occurred \(InternalServerError, HTTP 500\)\. There is no earlier copy, so every time counts as frozen by Retail change freeze until it can be read\.$/);
      expect(result.out.join('\n')).toMatch(/Retail change freeze: no deploys \(the SSM Change Calendar RetailChangeCalendar could not be read; with no earlier copy, every time counts as frozen\) at any time/);
    } finally {
      ssm.failWith(null);
    }
  });

  test('a plain http calendar URL is refused outside tests, with where it is written', async () => {
    const workspace = calendarWorkspace(sources.url());
    const result = await check(['--region', 'prod-use1', '--at', WEEK_BEFORE, '--workspace', workspace], { allowLoopbackHttp: false });
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain(`could not be loaded: ${calendarUrl} is plain http; a calendar is fetched only over https`);
  });

  test('the built CLI reads a freeze from an .ics file in the workspace', async () => {
    const workspace = calendarWorkspace(sources.file());
    const cli = path.join(ROOT, 'out', 'cli', 'cli.mjs');
    const run = await promisify(execFile)(process.execPath, [cli, 'check', '--region', 'prod-use1', '--release-type', 'standard', '--package', 'api-server', '--at', BLACK_FRIDAY, '--workspace', workspace, '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'rc-calendar-cli-'))]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/- Retail change freeze: no deploys \(Black Friday change freeze\) Fri 27 Nov – Sun 29 Nov, all day in New York/);
  });
});
