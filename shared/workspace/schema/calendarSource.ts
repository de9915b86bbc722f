import { z } from 'zod';

/**
 * Issue 19: where a freeze calendar is kept. Teams already keep them in Outlook or Google (shared as .ics
 * files or subscription URLs) and in AWS Systems Manager Change Calendar (an iCalendar document).
 */

/** A calendar URL: https, or plain http to a loopback host (a test's local server; main refuses it outside tests). */
export const CalendarUrl = z
  .url({ error: 'a calendar URL such as https://calendar.example.com/freezes.ics' })
  .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?(\/|$)/.test(url), {
    error: 'an https URL (a calendar is fetched only over https)',
  });

/** An .ics file inside the workspace folder, written relative to it with "/" separators. */
const CalendarFile = z
  .string({ error: 'a path to an .ics file inside the workspace folder, such as calendars/holidays.ics' })
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\]*\.ics$/i, 'a relative path to an .ics file inside the workspace folder (no "..", no leading "/"), such as calendars/holidays.ics');

const AwsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]+$/, 'an AWS region such as us-east-1 or eu-west-2');
const ProfileName = z.string().regex(/^[A-Za-z0-9_.+@=,-]+$/, 'an AWS profile name (letters, digits and _ . + @ = , -)');
/** SSM's own rule for document names (or a document ARN, as GetDocument accepts either). */
const DocumentName = z.string().regex(/^([a-zA-Z0-9_.-]{3,128}|arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:document\/[a-zA-Z0-9_.-]{3,128})$/, 'an SSM document name (3 to 128 letters, digits, "_", "-" or ".") or its ARN');
const Endpoint = z
  .url()
  .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?(\/|$)/.test(url), {
    error: 'an https URL (plain http only for a loopback endpoint such as http://127.0.0.1:5000)',
  });

export const SsmChangeCalendar = z.strictObject({
  document: DocumentName,
  /** Default: the workspace's shared store region. */
  region: AwsRegion.optional(),
  /** Default: the workspace's shared store profile, else the default credential chain. */
  profile: ProfileName.optional(),
  endpoint: Endpoint.optional(),
});
export type SsmChangeCalendar = z.infer<typeof SsmChangeCalendar>;

/**
 * How often a console reads a URL or Change Calendar again, in minutes (default: every 10). A file is
 * reviewed with the workspace, so it is read at start only.
 */
const RefreshMinutes = z.int({ error: 'a whole number of minutes between reads, such as 10' }).min(1, 'at least 1 minute between reads').max(1440, 'at most 1440 minutes (a day) between reads');

export const CalendarSource = z.union([
  z.strictObject({ file: CalendarFile }),
  z.strictObject({ url: CalendarUrl, refreshMinutes: RefreshMinutes.optional() }),
  z.strictObject({ ssm: SsmChangeCalendar, refreshMinutes: RefreshMinutes.optional() }),
], { error: 'a calendar source: { file: calendars/x.ics }, { url: https://… } or { ssm: { document: Name } }, the last two with an optional refreshMinutes' });
export type CalendarSource = z.infer<typeof CalendarSource>;

/** How a source is named to a person: in an error, beside its age, in a reason. */
export function describeCalendarSource(source: CalendarSource): string {
  if ('file' in source) return `the file ${source.file}`;
  if ('url' in source) return `the calendar at ${source.url}`;
  return `the SSM Change Calendar ${source.ssm.document}`;
}

/** How often a console reads a URL or Change Calendar again when its source names no refreshMinutes. */
export const CALENDAR_REFRESH_MS = 10 * 60_000;

/**
 * How often a calendar is read again during the day (ms), or null for a file: a file changes with the
 * workspace, which a console reads at start.
 */
export function refreshIntervalMs(source: CalendarSource): number | null {
  if ('file' in source) return null;
  return source.refreshMinutes === undefined ? CALENDAR_REFRESH_MS : source.refreshMinutes * 60_000;
}
