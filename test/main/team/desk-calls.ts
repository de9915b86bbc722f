import { expect } from 'vitest';
import type { ReleaseView, Result } from '../../../shared/api';
import { stepState } from '../release-view';
import { until } from '../until';
import type { ConsoleDesk } from './console-desks';

// Desk tests take the wait and the step reading from here with the desk calls; each is defined once, in ../until and ../release-view.
export { stepState, until };

/**
 * What the multi-desk tests do with a whole console desk (./console-desks.ts): call its API as a browser
 * window would, wait for what another desk wrote to reach it through the shared log, run a step to its
 * end, and close the desks afterwards.
 */
const context = { transport: 'browser' as const, connectionId: 'test' };

/** The call's value; a refusal fails the test with the call's name and the console's reason. */
export async function deskValue<T>(desk: ConsoleDesk, name: string, payload: unknown): Promise<T> {
  const result = (await desk.host.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
  return result.value;
}

export const releaseViewOf = (desk: ConsoleDesk) => deskValue<ReleaseView>(desk, 'getReleaseView', {});

/** Starts a step of `releaseId` in `regionId` on `desk` and expects it done (not failed) once it ends. */
export async function runDeskStep(desk: ConsoleDesk, releaseId: string, stepId: string, regionId: string): Promise<void> {
  await deskValue(desk, 'startStep', { releaseId, stepId, regionId });
  const view = await until(stepId, () => releaseViewOf(desk), (v) => ['done', 'failed'].includes(stepState(v, `${stepId}@${regionId}`) ?? ''));
  expect(stepState(view, `${stepId}@${regionId}`)).toBe('done');
}

export async function closeConsoleDesks(desks: readonly ConsoleDesk[]): Promise<void> {
  for (const desk of desks) {
    await desk.host.close();
    await desk.proxy.close();
  }
}
