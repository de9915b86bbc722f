import type { StepView } from '../../shared/api';
import { reopenedByWords as reopenedBy } from '../../shared/engine/reopenedSignOff';
import { dayAndClockWithZone } from './time';

/**
 * Seed 000's "Testing Failure": who reopened a sign-off, when (in `zone`) and the record's reason naming the failed
 * item. The step's row and the QA checklist say it in the engine's words (reopenedByWords), the words its refusals
 * give the steps after it, so QA and the PE read the same sentence; only the instant is told in the desk's zone.
 */
export function reopenedByWords(reopened: NonNullable<StepView['reopened']>, zone: string): string {
  const words = reopenedBy(reopened, dayAndClockWithZone(reopened.at, zone));
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}
