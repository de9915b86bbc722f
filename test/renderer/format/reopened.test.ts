import { describe, expect, it } from 'vitest';
import { reopenedByWords } from '../../../renderer/format/reopened';

const reopened = { by: { name: 'quinn', role: 'QA' }, at: Date.parse('2026-03-20T08:30:00Z'), reason: '“Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer' };

describe("a reopened sign-off's words, on its step row and on the QA checklist", () => {
  it.each([
    ['UTC', 'Reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: “Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer'],
    ['America/Los_Angeles', 'Reopened by quinn (QA) at Fri 20 Mar, 01:30 Los Angeles: “Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer'],
  ])('say who reopened it, when in the operator\'s zone (%s) and the record\'s reason', (zone, words) => {
    expect(reopenedByWords(reopened, zone)).toBe(words);
  });
});
