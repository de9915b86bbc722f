import { z } from 'zod';
import { ApproverRequirement, Id, IsoDate, LocalTime, MonthDay, OverridePolicy, Weekday, Zone } from './common';

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
]);
export type FreezePeriod = z.infer<typeof FreezePeriod>;

/** Seed 001/002: a freeze exempts some release types, outright or with named approvers. */
export const FreezeException = z.strictObject({
  releaseType: Id,
  approvers: z.array(ApproverRequirement).optional(),
});
export type FreezeException = z.infer<typeof FreezeException>;

export const Freeze = z.strictObject({
  id: Id,
  title: z.string().min(1),
  reason: z.string().optional(),
  zone: Zone,
  periods: z.array(FreezePeriod).min(1),
  exceptions: z.array(FreezeException).default([]),
});
export type Freeze = z.infer<typeof Freeze>;

export const RulesFile = z.strictObject({
  windows: z.array(Window).default([]),
  freezes: z.array(Freeze).default([]),
});
