import type { ApiError, NamedInstant } from '../../shared/api';
import { wordsWithInstants } from '../../shared/instantWords';

export { wordsWithInstants };

/** A refusal's sentence as this desk reads it (`wordsWithInstants`). */
export function refusalWords(error: Pick<ApiError, 'message' | 'instants'>, zone: string): string {
  return wordsWithInstants(error.message, error.instants, zone);
}

/** A step's reasons as this desk reads them: each instant they name in the desk's zone (`wordsWithInstants`). */
export function reasonsWords(step: { reasons: readonly string[]; instants?: readonly NamedInstant[] | undefined }, zone: string): string[] {
  return step.reasons.map((reason) => wordsWithInstants(reason, step.instants, zone));
}
