import { vi } from 'vitest';

/**
 * Sets each variable (undefined: removes it) until `vi.unstubAllEnvs()`, which puts back what was there before:
 * the files of a fork share its process (vitest.config.ts), so what one file sets must not reach the next.
 */
export function stubEnvs(variables: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
}
