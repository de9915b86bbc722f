import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Issue 20: no serious or critical axe-core violation on any screen or dialog. Minor and moderate are reported by axe but not failed here. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core on what the page shows now and fails with each serious or critical violation: the rule,
 * what it asks for, and the elements that break it, so the failure says what to fix and where.
 */
export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => FAILING_IMPACTS.has(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n')}`);
  expect.soft(serious, `axe-core on ${where}:\n${serious.join('\n')}`).toEqual([]);
}
