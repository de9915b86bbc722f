// A rollback moves its handover along its path (Production Rollback Required → Stage Rollback Required →
// Failed Production Rollout) as whoever started it, so rollback.yaml's roles and releases.yaml's handoverMoves
// must agree. A workspace where they do not is a load error naming both files, the role and the move,
// instead of a "Roll back" the dialog offers and the console refuses only once it is pressed.
import { describe, expect, it } from 'vitest';
import { minimalErrorsWith } from './minimal-workspace';

/** Seed 000's failed handovers, given to the PE alone. */
const RELEASES = `releaseTypes:
  - { id: product, title: Product release }
handoverMoves:
  - { to: Rollout Complete, by: [QA], source: 'seed 000 gate 5' }
  - { to: Production Rollback Required, by: [PE], source: 'seed 000 "Failed on Production"' }
  - { to: Failed Production Rollout, by: [PE], source: 'seed 000 "Failed on Production"' }
`;

describe('rollback roles and handover moves, checked at load', () => {
  it('refuses a rollback role that may not make the moves a rollback makes, at the move, naming the role\'s line in rollback.yaml', () => {
    expect(minimalErrorsWith({ 'releases.yaml': RELEASES, 'rollback.yaml': 'roles:\n  - PE\n  - QA\n' })).toEqual([
      'releases.yaml:5:45: A rollback moves a handover to "Production Rollback Required", which releases.yaml gives only to PE, but rollback.yaml:3:5 lets "QA" run a rollback; add "QA" to this move or take it out of rollback.yaml\'s roles.',
      'releases.yaml:6:42: A rollback moves a handover to "Failed Production Rollout", which releases.yaml gives only to PE, but rollback.yaml:3:5 lets "QA" run a rollback; add "QA" to this move or take it out of rollback.yaml\'s roles.',
    ]);
  });

  it('refuses moves given to some roles when rollback.yaml names none, since then anyone may start a rollback', () => {
    expect(minimalErrorsWith({ 'releases.yaml': RELEASES })[0]).toBe(
      'releases.yaml:5:45: A rollback moves a handover to "Production Rollback Required", which releases.yaml gives only to PE, but rollback.yaml names no roles, so anyone may start one; list who may roll back in rollback.yaml (roles: [PE]).',
    );
  });

  it.each([
    ['rollback roles that may make every move', { 'releases.yaml': RELEASES, 'rollback.yaml': 'roles: [pe]\n' }],
    // Seed 000: the on-call engineer QA informs is a PE, and may do what a PE may.
    [
      'a rollback role that acts as the role a move is given to',
      { 'workspace.yaml': 'name: m\nroles:\n  - { name: PE }\n  - { name: QA }\n  - { name: on-call PE, actsAs: [PE] }\n', 'releases.yaml': RELEASES, 'rollback.yaml': 'roles: [on-call PE]\n' },
    ],
    ['moves that leave the rollback statuses to anyone', { 'releases.yaml': RELEASES.split('\n').slice(0, 4).join('\n'), 'rollback.yaml': 'roles: [QA]\n' }],
  ])('loads %s', (_name, replaced) => {
    expect(minimalErrorsWith(replaced)).toEqual([]);
  });
});
