import type { ReleaseView, StepView } from '../../shared/api';

/**
 * Reading one step out of a release view, as the tests under test/main do wherever they wait for a step
 * or look at what it recorded: the desk tests (team/desk-calls.ts), the release tests
 * (release/console-calls.ts) and the others alike.
 */
export const stepOf = (view: ReleaseView, key: string): StepView | undefined => view.gates.flatMap((g) => g.steps).find((s) => s.key === key);

export const stepState = (view: ReleaseView, key: string) => stepOf(view, key)?.state;
