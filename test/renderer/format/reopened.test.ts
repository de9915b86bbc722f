import { describe, expect, it } from 'vitest';
import { reopenedByWords } from '../../../renderer/format/reopened';
import { reopenedSignOffWords } from '../../../shared/engine/reopenedSignOff';

const reopened = { by: { name: 'quinn', role: 'QA' }, at: Date.parse('2026-03-20T08:30:00Z'), reason: '“Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer' };

describe("a reopened sign-off's words, on its step row and on the QA checklist", () => {
  it.each([
    ['UTC', 'Reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: “Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer'],
    ['America/Los_Angeles', 'Reopened by quinn (QA) at Fri 20 Mar, 01:30 Los Angeles: “Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer'],
  ])('say who reopened it, when in the operator\'s zone (%s) and the record\'s reason', (zone, words) => {
    expect(reopenedByWords(reopened, zone)).toBe(words);
  });

  it("are, in UTC, the words of the engine's refusal to the steps after it: who, role, when and why, in that order", () => {
    const refusal = reopenedSignOffWords({ owner: 'QA', title: 'QA post-rollout testing' }, reopened);
    expect(refusal).toBe(`Testing failure: QA's sign-off “QA post-rollout testing” was r${reopenedByWords(reopened, 'UTC').slice(1)}.`);
  });
});
