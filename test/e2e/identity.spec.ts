// Issue 15, "Identity from AWS", in Chromium. In a rehearsal each window picks a simulated persona, marked
// as such, so one machine rehearses a PE and a second PE side by side; outside rehearsals the status bar
// shows the desk's AWS identity, and there is nothing to type.
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openConsole, openScreen, press, setOperator, step } from './steps';

test.use({ serveArgs: ['--rehearsal-at', ROLLOUT_MORNING] });

async function windowOf(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openConsole(page, url);
  return page;
}

const persona = (page: Page) => page.getByRole('group', { name: 'Persona (simulated)' });

test('in a rehearsal each window is its own simulated persona: the PE who wrote the CR cannot approve it, the second PE in the other window can', async ({ browser, served }) => {
  const pe = await windowOf(browser, served.url);
  const secondPe = await windowOf(browser, served.url);
  await setOperator(pe, 'alice', 'PE');
  await setOperator(secondPe, 'bob', 'PE');
  // Each window keeps its own persona: choosing bob in one did not make the other bob.
  await expect(persona(pe)).toHaveAttribute('data-operator', 'alice|PE');
  await expect(persona(secondPe)).toHaveAttribute('data-operator', 'bob|PE');
  for (const page of [pe, secondPe]) await expect(persona(page).getByText('persona (simulated)')).toBeVisible();

  await openScreen(pe, 'Checklist');
  await press(pe, 'write-prod-cr@*', 'Mark done');
  await expectState(pe, 'write-prod-cr@*', 'Done');
  await expect(step(pe, 'write-prod-cr@*')).toContainText('Done by alice (PE)');
  // The writer's own window: main's verdict disables the approval and says why.
  await expect(step(pe, 'review-prod-cr@*').getByRole('button', { name: 'Approve as alice' })).toBeDisabled();
  await expect(step(pe, 'review-prod-cr@*').getByRole('button', { name: 'Approve as alice' })).toHaveAttribute('title', /alice did "PE writes Production CR instructions" and cannot also approve/);

  await openScreen(secondPe, 'Checklist');
  await expectState(secondPe, 'write-prod-cr@*', 'Done');
  await pe.screenshot({ path: 'test-results/identity-persona-pe.png' });
  await press(secondPe, 'review-prod-cr@*', 'Approve as bob');
  await expectState(secondPe, 'review-prod-cr@*', 'Done');
  await expectState(pe, 'review-prod-cr@*', 'Done');
  await expect(persona(pe)).toHaveAttribute('data-operator', 'alice|PE');
  await secondPe.screenshot({ path: 'test-results/identity-persona-second-pe.png' });
});
