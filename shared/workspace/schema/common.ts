import { z } from 'zod';
import { IANAZone } from 'luxon';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const Weekday = z.enum(WEEKDAYS, { error: 'a weekday: Mon, Tue, Wed, Thu, Fri, Sat or Sun' });
export type Weekday = z.infer<typeof Weekday>;

export const Id = z
  .string({ error: 'an id (letters, digits, ".", "_" or "-")' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an id made of letters, digits, ".", "_" or "-"');

/** Windows are written in wall-clock time of their zone; 24:00 closes a window at midnight. */
export const LocalTime = z
  .string({ error: 'a local time written "HH:MM" (quote it in YAML)' })
  .regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, 'a local time "HH:MM" between 00:00 and 24:00');

/** Design: every window names its IANA zone explicitly; seed 000's "GMT" is written Europe/London. */
export const Zone = z
  .string({ error: 'an IANA zone such as Europe/London (every window names its zone)' })
  .refine((zone) => IANAZone.isValidZone(zone), { error: 'a valid IANA zone such as Europe/London or America/New_York' });

export const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'a month and day written "MM-DD"');
/** An instant with its offset, as a calendar event's bound is kept: 2026-11-27T00:00:00.000Z. */
export const IsoInstant = z.iso.datetime({ offset: true, error: 'an instant written like 2026-11-27T00:00:00Z (with Z or an offset)' });
export const IsoDate = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'a date written "YYYY-MM-DD"');

/** Seed 001/002: approvals name roles and how many people of that role (e.g. two Governance Board members). */
export const ApproverRequirement = z.strictObject({
  role: z.string().min(1),
  count: z.number().int().min(1).default(1),
});
export type ApproverRequirement = z.infer<typeof ApproverRequirement>;

/** Whether a block may be overridden, by whom, and for which release types (all when omitted). */
export const OverridePolicy = z.strictObject({
  approvers: z.array(ApproverRequirement).min(1),
  releaseTypes: z.array(Id).optional(),
});
export type OverridePolicy = z.infer<typeof OverridePolicy>;

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
