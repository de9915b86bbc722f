import { vi } from 'vitest';

/** The credentials a machine's own environment may hold, cleared with `stubEnvs`: the profile a test names is what signs. */
export const NO_AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined };

/**
 * Sets each variable (undefined: removes it) until `vi.unstubAllEnvs()`, which puts back what was there before:
 * the files of a fork share its process (vitest.config.ts), so what one file sets must not reach the next.
 */
export function stubEnvs(variables: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
}
