import { z } from 'zod';
import { ApproverRequirement, Id, IsoDate, IsoInstant, LocalTime, MonthDay, OverridePolicy, Weekday, Zone } from './common';
import { CalendarSource } from './calendarSource';

/** A recurring window, half-open [start, end) in its zone's wall-clock time on the listed days. */
export const Window = z.strictObject({
  id: Id,
  title: z.string().min(1),
  zone: Zone,
  days: z.array(Weekday).min(1).optional(),
  start: LocalTime.default('00:00'),
  end: LocalTime.default('24:00'),
  override: OverridePolicy.optional(),
  note: z.string().optional(),
});
export type Window = z.infer<typeof Window>;

export const FreezePeriod = z.discriminatedUnion('kind', [
  /** Seed 001: Dec 15 – Jan 2 every year (inclusive days; may wrap the year end). */
  z.strictObject({ kind: z.literal('annual'), from: MonthDay, to: MonthDay }),
  /** A one-off period such as a product launch (inclusive days). */
  z.strictObject({ kind: z.literal('dates'), from: IsoDate, to: IsoDate }),
  /** Seed 001: the last 3 days of each quarter (financial close). */
  z.strictObject({ kind: z.literal('quarterEnd'), lastDays: z.number().int().min(1).max(31) }),
  /** Seed 004: avoid Fridays after 14:00, weekends. Half-open [start, end) on the listed days. */
  z.strictObject({ kind: z.literal('weekly'), days: z.array(Weekday).min(1), start: LocalTime.default('00:00'), end: LocalTime.default('24:00') }),
  /**
   * Issue 19: an absolute interval [start, end), as a calendar event becomes one (an .ics file, a URL, an
   * SSM Change Calendar). A null bound is open-ended: a DEFAULT_CLOSED calendar is frozen before its first
   * open period, and a calendar that could not be read at all is frozen throughout.
   */
  z.strictObject({ kind: z.literal('interval'), start: IsoInstant.nullable(), end: IsoInstant.nullable(), summary: z.string().optional() }),
]);
export type FreezePeriod = z.infer<typeof FreezePeriod>;

/** Seed 001/002: a freeze exempts some release types, outright or with named approvers. */
export const FreezeException = z.strictObject({
  releaseType: Id,
  approvers: z.array(ApproverRequirement).optional(),
});
export type FreezeException = z.infer<typeof FreezeException>;

export const Freeze = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    reason: z.string().optional(),
    /** The zone its days are counted in; a calendar's all-day and floating events are read in it too. */
    zone: Zone,
    periods: z.array(FreezePeriod).default([]),
    /** Where the team keeps this freeze instead of writing its periods here; main loads it into `periods`. */
    calendar: CalendarSource.optional(),
    exceptions: z.array(FreezeException).default([]),
  })
  .refine((freeze) => freeze.periods.length > 0 || freeze.calendar !== undefined, {
    error: 'a freeze needs its periods, or a calendar (an .ics file, an https URL or an SSM Change Calendar) to read them from',
    path: ['periods'],
  });
export type Freeze = z.infer<typeof Freeze>;

export const RulesFile = z.strictObject({
  windows: z.array(Window).default([]),
  freezes: z.array(Freeze).default([]),
});
