import { z } from 'zod';

/**
 * The size of everything a request may carry, named once. Every string and array in a call's request
 * has one of these as its maximum (test/shared/api/bounds.test.ts walks the contract and fails on any
 * without): before them, a 490 KB handover status went through and was audited twice (issue 16).
 */

/** Ids and names a workspace defines (release, step, region, handover, QA item, status): slugs and short titles. */
export const MAX_ID_CHARS = 100;
/** A key that joins up to three ids, as a rollback step's `EUW2/rollback/<package>` does. */
export const MAX_KEY_CHARS = 3 * MAX_ID_CHARS + 2;
/** A person's name as typed into the console (the operator, an approver). */
export const MAX_PERSON_CHARS = 80;
/** A role in the workspace's words ("on-call PE", "Governance Board"). */
export const MAX_ROLE_CHARS = 60;
/** A note or reason a person types: a paragraph for the audit log and the CR, not a document. */
export const MAX_NOTE_CHARS = 2_000;
/** A link to a ticket or a dashboard; browsers and proxies stop being reliable past about 2,000 characters. */
export const MAX_LINK_CHARS = 2_000;
/** Regions named in one request: a workspace has a handful (seed 000 has 11); a list longer than this is not one. */
export const MAX_REGIONS = 100;
/** People who approve one override: seed 004's rules ask for two; ten is a board. */
export const MAX_APPROVERS = 10;
/** Keystrokes or one confirmed paste into a terminal, well inside the message limit (MAX_MESSAGE_BYTES). */
export const MAX_TERMINAL_INPUT_CHARS = 100_000;

export const IdString = z.string().max(MAX_ID_CHARS);
export const NoteString = z.string().max(MAX_NOTE_CHARS);
