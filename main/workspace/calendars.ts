import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { frozenPeriodsOf, unreadablePeriod } from '../../shared/calendar/calendarFreeze';
import { parseCalendar } from '../../shared/calendar/icalendar';
import type { ParsedCalendar } from '../../shared/calendar/icalendar';
import type { CalendarStatus } from '../../shared/calendar/calendarStatus';
import { describeCalendarSource } from '../../shared/workspace/schema/calendarSource';
import type { CalendarSource, SsmChangeCalendar } from '../../shared/workspace/schema/calendarSource';
import type { Freeze, Workspace } from '../../shared/workspace/workspace';
import type { Credentials } from '../metrics/cloudwatch/client';
import { writeFileAtomic } from '../storage/atomic-file';
import { defaultDataDir } from '../terminal/environment';

/**
 * Issue 19: freezes kept where teams keep them (an .ics file in the workspace, an https URL, an SSM
 * Change Calendar). main reads the text; shared/ parses and expands it into ordinary freeze periods, so
 * decide, check and the board see a calendar freeze exactly as they see a YAML one.
 */

export interface CalendarLoadOptions {
  /** The instant the expansion range is centred on (the injected clock's). */
  now?: number;
  /** Where the last good copy of each calendar is kept; default ~/.release-console/calendar-cache. */
  cacheDir?: string;
  fetchTimeoutMs?: number;
  /** Plain http to 127.0.0.1 is for a test's local server only; a workspace outside tests gets https. */
  allowLoopbackHttp?: boolean;
  /** Tests hand in keys moto issued; the default reads the calendar's profile from the user's AWS config. */
  ssmCredentials?: Credentials;
}


/** Inside a data folder: the last good copy of each calendar. */
export const CALENDAR_CACHE_FOLDER = 'calendar-cache';
/** A calendar that does not answer in 10 s is down for this load; the last good copy stands in. */
export const CALENDAR_FETCH_TIMEOUT_MS = 10_000;
/** A year back covers the releases a history shows; two ahead covers any rehearsal or plan. */
const RANGE_BACK_MS = 366 * 86_400_000;
const RANGE_AHEAD_MS = 2 * 366 * 86_400_000;

const CachedCopy = z.object({ source: z.string(), fetchedAt: z.number(), text: z.string() });

function cacheFile(cacheDir: string, root: string, source: CalendarSource): string {
  // Where the calendar is, not how often it is read: a changed refreshMinutes keeps its last good copy.
  const where = 'file' in source ? { file: source.file } : 'url' in source ? { url: source.url } : { ssm: source.ssm };
  const key = createHash('sha256').update(JSON.stringify([root, where])).digest('hex').slice(0, 32);
  return path.join(cacheDir, `${key}.json`);
}

async function readCachedCopy(file: string): Promise<z.infer<typeof CachedCopy> | null> {
  try {
    const parsed = CachedCopy.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'it did not answer in time';
  // An AWS service error: its code and HTTP status say more to whoever reads this than its message alone.
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status ? `${error.message.replace(/\.+$/, '')} (${error.name}, HTTP ${status})` : error.message;
}

async function readWorkspaceFile(root: string, file: string): Promise<string> {
  const real = await realpath(path.join(root, ...file.split('/'))).catch(() => {
    throw new Error(`there is no file ${file} in the workspace folder ${root}`);
  });
  const relative = path.relative(root, real);
  // As with runbooks: a link out of the workspace would let an unreviewed file decide when deploys may run.
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${file} resolves to ${real}, outside the workspace folder ${root}`);
  return readFile(real, 'utf8');
}

async function fetchUrl(url: string, options: CalendarLoadOptions): Promise<string> {
  if (url.startsWith('http://') && !options.allowLoopbackHttp) throw new Error(`${url} is plain http; a calendar is fetched only over https`);
  const response = await fetch(url, { signal: AbortSignal.timeout(options.fetchTimeoutMs ?? CALENDAR_FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
  return response.text();
}

async function getChangeCalendar(ssm: SsmChangeCalendar, workspace: Workspace, options: CalendarLoadOptions): Promise<string> {
  const region = ssm.region ?? workspace.sharedStore?.region;
  if (!region) throw new Error(`no AWS region: give calendar.ssm.region, or a sharedStore in workspace.yaml`);
  const timeout = options.fetchTimeoutMs ?? CALENDAR_FETCH_TIMEOUT_MS;
  // Loaded only for an SSM calendar: the AWS SDK is the slowest import serve had, and most workspaces never need it.
  const [{ GetDocumentCommand, SSMClient }, { profileCredentials }] = await Promise.all([import('@aws-sdk/client-ssm'), import('../metrics/cloudwatch/client')]);
  const client = new SSMClient({
    region,
    credentials: options.ssmCredentials ?? profileCredentials(ssm.profile ?? workspace.sharedStore?.profile ?? 'default'),
    ...(ssm.endpoint ? { endpoint: ssm.endpoint } : {}),
    maxAttempts: 2,
    requestHandler: { requestTimeout: timeout, connectionTimeout: timeout, throwOnRequestTimeout: true },
  });
  try {
    const answer = await client.send(new GetDocumentCommand({ Name: ssm.document }));
    if (answer.DocumentType !== 'ChangeCalendar') throw new Error(`the SSM document ${ssm.document} is a ${answer.DocumentType ?? 'document of no type'}, not a ChangeCalendar`);
    if (!answer.Content) throw new Error(`the SSM document ${ssm.document} has no content`);
    return answer.Content;
  } finally {
    client.destroy();
  }
}

async function fetchText(source: CalendarSource, root: string, workspace: Workspace, options: CalendarLoadOptions): Promise<string> {
  if ('file' in source) return readWorkspaceFile(root, source.file);
  if ('url' in source) return fetchUrl(source.url, options);
  return getChangeCalendar(source.ssm, workspace, options);
}

function expand(text: string, freeze: Freeze, now: number): { ok: true; calendar: ParsedCalendar } | { ok: false; error: string } {
  return parseCalendar(text, { from: now - RANGE_BACK_MS, to: now + RANGE_AHEAD_MS, zone: freeze.zone });
}

/** One calendar freeze: fetched, parsed and expanded; on failure, the last good copy; without one, frozen throughout. */
async function loadCalendarFreeze(freeze: Freeze, source: CalendarSource, root: string, workspace: Workspace, options: Required<Pick<CalendarLoadOptions, 'now' | 'cacheDir'>> & CalendarLoadOptions): Promise<{ freeze: Freeze; status: CalendarStatus }> {
  const where = describeCalendarSource(source);
  const file = cacheFile(options.cacheDir, root, source);
  const status = (fetchedAt: number | null, error: string | null): CalendarStatus => ({ freeze: freeze.id, title: freeze.title, source: where, fetchedAt, error });
  let error: string;
  try {
    const text = await fetchText(source, root, workspace, options);
    const parsed = expand(text, freeze, options.now);
    if (parsed.ok) {
      const fetchedAt = Date.now();
      // A file in the workspace is its own copy: it is reviewed with the workspace, and a broken one is fixed there.
      if (!('file' in source)) {
        await mkdir(options.cacheDir, { recursive: true });
        await writeFileAtomic(file, JSON.stringify({ source: where, fetchedAt, text }));
      }
      return { freeze: { ...freeze, periods: [...freeze.periods, ...frozenPeriodsOf(parsed.calendar)] }, status: status(fetchedAt, null) };
    }
    error = `Freeze ${freeze.id}'s calendar, ${where}, cannot be read: ${parsed.error}`;
  } catch (failure) {
    error = `Freeze ${freeze.id}'s calendar, ${where}, could not be loaded: ${messageOf(failure)}`;
  }
  const cached = 'file' in source ? null : await readCachedCopy(file);
  const parsedCopy = cached ? expand(cached.text, freeze, options.now) : null;
  if (cached && parsedCopy?.ok) {
    return { freeze: { ...freeze, periods: [...freeze.periods, ...frozenPeriodsOf(parsedCopy.calendar)] }, status: status(cached.fetchedAt, error) };
  }
  return { freeze: { ...freeze, periods: [...freeze.periods, unreadablePeriod(`${where} could not be read`)] }, status: status(null, error) };
}

function resolveOptions(options: CalendarLoadOptions): Required<Pick<CalendarLoadOptions, 'now' | 'cacheDir'>> & CalendarLoadOptions {
  return { ...options, now: options.now ?? Date.now(), cacheDir: options.cacheDir ?? path.join(defaultDataDir(), CALENDAR_CACHE_FOLDER) };
}

/**
 * What a later read of the calendars starts from: the workspace folder the cache is keyed on, and the
 * freezes as the YAML wrote them (a read replaces the calendar's periods; it never adds to the last read's).
 */
export interface CalendarSources {
  root: string;
  written: readonly Freeze[];
}

/** Every calendar freeze of a workspace, loaded in parallel; the workspace returned has them as ordinary freezes. */
export async function loadCalendarFreezes(workspace: Workspace, root: string, options: CalendarLoadOptions = {}): Promise<{ workspace: Workspace; calendars: CalendarStatus[]; sources: CalendarSources }> {
  const sources = { root, written: workspace.freezes };
  const withCalendars = workspace.freezes.filter((freeze) => freeze.calendar !== undefined);
  if (!withCalendars.length) return { workspace, calendars: [], sources };
  const resolved = resolveOptions(options);
  const loaded = await Promise.all(workspace.freezes.map((freeze) => (freeze.calendar ? loadCalendarFreeze(freeze, freeze.calendar, root, workspace, resolved) : { freeze, status: null })));
  return {
    workspace: { ...workspace, freezes: loaded.map((l) => l.freeze) },
    calendars: loaded.flatMap((l) => (l.status ? [l.status] : [])),
    sources,
  };
}

/**
 * One calendar freeze read again from its source, from the freeze as the YAML wrote it: exactly as at
 * start, so a source that fails keeps the last good copy from the cache, and one with none freezes throughout.
 */
export async function reloadCalendarFreeze(written: Freeze, sources: CalendarSources, workspace: Workspace, options: CalendarLoadOptions): Promise<{ freeze: Freeze; status: CalendarStatus }> {
  if (!written.calendar) throw new Error(`Freeze ${written.id} is not kept in a calendar; there is nothing to read again.`);
  return loadCalendarFreeze(written, written.calendar, sources.root, workspace, resolveOptions(options));
}
