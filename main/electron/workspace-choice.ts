/**
 * Which workspace the desktop app opens, and what the start screen and the workspace-error window offer.
 * Pure decisions: main.ts shows them with Electron's dialogs and carries out the answer.
 */

/** How many workspace folders File → Open Recent keeps. */
export const RECENT_LIMIT = 10;

/** The folder goes to the top of the list, once; the oldest fall off the end. */
export function withRecent(recent: readonly string[], dir: string): string[] {
  return [dir, ...recent.filter((d) => d !== dir)].slice(0, RECENT_LIMIT);
}

/**
 * What was open when the app last quit: a folder, the demo, or nothing because the person closed the
 * workspace (then the start screen comes back, as they left it).
 */
export type LastWorkspace = { kind: 'dir'; dir: string } | { kind: 'demo' } | { kind: 'closed' };

export type StartChoice = { kind: 'open'; dir: string } | { kind: 'demo' } | { kind: 'startScreen'; missing: string | null };

/**
 * RELEASE_CONSOLE_WORKSPACE wins (scripts and tests name a folder and mean it: a missing one is a workspace
 * error, shown as such). Otherwise the last workspace if its folder is still there, the start screen if it
 * is gone or was closed, and the demo on a first start.
 */
export function startupChoice(request: { envWorkspace: string | undefined; last: LastWorkspace | undefined; exists: (dir: string) => boolean }): StartChoice {
  if (request.envWorkspace) return { kind: 'open', dir: request.envWorkspace };
  const last = request.last ?? { kind: 'demo' };
  if (last.kind === 'demo') return { kind: 'demo' };
  if (last.kind === 'closed') return { kind: 'startScreen', missing: null };
  return request.exists(last.dir) ? { kind: 'open', dir: last.dir } : { kind: 'startScreen', missing: last.dir };
}

export type PromptAction = { kind: 'openWorkspace' } | { kind: 'openRecent'; dir: string } | { kind: 'demo' } | { kind: 'reload'; dir: string } | { kind: 'quit' };

/** The start screen's content: a message, one button per choice, and the workspace's errors if it has any. */
export interface Prompt {
  title: string;
  message: string;
  detail: string;
  /** Each `file:line:column: message` of a workspace that does not load. */
  errors: string[];
  buttons: { label: string; action: PromptAction }[];
}

/** The most recent folders shown as buttons on the start screen (the rest stay in File → Open Recent). */
const START_SCREEN_RECENT = 5;

function quitLast(buttons: Prompt['buttons']): Pick<Prompt, 'buttons'> {
  return { buttons: [...buttons, { label: 'Quit', action: { kind: 'quit' } as const }] };
}

/** The empty start screen: the same choices as the File menu, and why it is showing. Quit is last. */
export function startScreenPrompt(request: { missing: string | null; recent: readonly string[] }): Prompt {
  const recent = request.recent.filter((dir) => dir !== request.missing).slice(0, START_SCREEN_RECENT);
  return {
    title: 'Release Console',
    message: request.missing ? `The last workspace cannot be found: ${request.missing}` : 'No workspace is open.',
    detail: request.missing
      ? 'It may have been moved, renamed or unmounted. Open a workspace folder, a recent one, or the demo.'
      : 'Open a workspace folder (its workspace.yaml, regions, rules and runbooks), a recent one, or the demo.',
    errors: [],
    ...quitLast([
      { label: 'Open Workspace…', action: { kind: 'openWorkspace' } },
      ...recent.map((dir) => ({ label: `Open ${dir}`, action: { kind: 'openRecent', dir } as const })),
      { label: 'Open the Demo', action: { kind: 'demo' } },
    ]),
  };
}

/** A workspace that does not load: every error with its file:line:column, and "Reload" once it is fixed. */
export function workspaceErrorPrompt(request: { dir: string; lines: readonly string[] }): Prompt {
  return {
    title: 'Release Console — workspace error',
    message: `The workspace ${request.dir} could not be loaded.`,
    detail: `Fix the file${request.lines.length === 1 ? '' : 's'} and press Reload.`,
    errors: [...request.lines],
    ...quitLast([
      { label: 'Reload', action: { kind: 'reload', dir: request.dir } },
      { label: 'Open Workspace…', action: { kind: 'openWorkspace' } },
      { label: 'Open the Demo', action: { kind: 'demo' } },
    ]),
  };
}
