import type { ApiError } from '../../shared/api';
import { clockWithZone } from './time';

/**
 * A refusal's sentence as this desk reads it: the engine names an instant in UTC ("done by alice at 10:55 UTC"), as
 * the log and the CLI read it, and says which words name it (`instant`); here those words are the desk's clock in its
 * zone, named ("at 06:55 New York"), as every recorded time on this desk is. A UTC desk reads the engine's words.
 */
export function refusalWords(error: Pick<ApiError, 'message' | 'instant'>, zone: string): string {
  const instant = error.instant;
  if (!instant) return error.message;
  return error.message.replace(instant.words, clockWithZone(instant.at, zone));
}
