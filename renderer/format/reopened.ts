import type { StepView } from '../../shared/api';
import { dayAndClockWithZone } from './time';

/**
 * Seed 000's "Testing Failure": who reopened a sign-off, when (in `zone`) and the record's reason naming the failed
 * item. The step's row and the QA checklist say it in these words, so QA and the PE read the same sentence.
 */
export function reopenedByWords(reopened: NonNullable<StepView['reopened']>, zone: string): string {
  return `Reopened by ${reopened.by.name} (${reopened.by.role}) at ${dayAndClockWithZone(reopened.at, zone)}: ${reopened.reason}`;
}
