import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../../shared/api';
import type { CallContext, Handler, Handlers } from './host';

/** What one window has chosen: the release it shows and who sits at it. */
export interface WindowSession {
  releaseId: string;
  operator: Actor;
}

export interface WindowSessionDefaults {
  /** The release a new window opens on: the one last chosen anywhere, kept in state.json. */
  releaseId(): string;
  /** The operator a new window starts as: the one last set anywhere, or the OS user. */
  operator(): Actor;
  /**
   * Outside rehearsals and the demo, the desk's identity from AWS: every window acts as it, and nothing a
   * window sends changes it (issue 15). Null where windows choose simulated personas.
   */
  deskOperator?(): Actor | null;
  isRelease(releaseId: string): boolean;
}

/**
 * Each window (an Electron webContents, a browser tab's socket) has its own selected release and operator,
 * so a PE on the product release and an on-call engineer on the emergency one can share a console. An
 * intent from a window is done as that window's operator: handlers run inside `actAs`, and the services
 * read the acting operator from here.
 */
export class WindowSessions {
  private readonly sessions = new Map<string, WindowSession>();
  private readonly acting = new AsyncLocalStorage<WindowSession>();

  constructor(private readonly defaults: WindowSessionDefaults) {}

  of(connectionId: string): WindowSession {
    let session = this.sessions.get(connectionId);
    if (!session) {
      session = { releaseId: this.defaults.releaseId(), operator: this.defaults.operator() };
      this.sessions.set(connectionId, session);
    }
    const desk = this.defaults.deskOperator?.() ?? null;
    if (desk) session.operator = desk;
    // The workspace may have lost the release since (a reload): fall back to the default, never to nothing.
    if (!this.defaults.isRelease(session.releaseId)) session.releaseId = this.defaults.releaseId();
    return session;
  }

  /** A reconnecting window names the release it showed; one the workspace no longer has is ignored. */
  restore(connectionId: string, shown: { releaseId?: string | undefined }): WindowSession {
    const session = this.of(connectionId);
    if (shown.releaseId !== undefined && this.defaults.isRelease(shown.releaseId)) session.releaseId = shown.releaseId;
    return this.of(connectionId);
  }

  /**
   * The persona a reconnecting window names, when its session (new after main restarted) holds another:
   * taken only as a pick in the picker is, decided and logged (the window handlers). Null at a desk with an
   * AWS identity, where nothing a window sends changes who acts.
   */
  personaToRestore(connectionId: string, shown: Actor | undefined): Actor | null {
    if (!shown || this.defaults.deskOperator?.()) return null;
    const { operator } = this.of(connectionId);
    return operator.name === shown.name && operator.role === shown.role ? null : { name: shown.name, role: shown.role };
  }

  select(connectionId: string, releaseId: string): void {
    this.of(connectionId).releaseId = releaseId;
  }

  setOperator(connectionId: string, operator: Actor): void {
    if (this.defaults.deskOperator?.()) return;
    this.of(connectionId).operator = { name: operator.name, role: operator.role, persona: true };
  }

  drop(connectionId: string): void {
    this.sessions.delete(connectionId);
  }

  /** The operator of the window whose call is being handled (and of what that call started); undefined outside one. */
  actingOperator(): Actor | undefined {
    return this.acting.getStore()?.operator;
  }

  /** The release shown in the window whose call is being handled (a shell it opens goes into that release's evidence); undefined outside one. */
  actingReleaseId(): string | undefined {
    return this.acting.getStore()?.releaseId;
  }

  /** Every handler runs as its window's operator, including the work it leaves running (a command step's run). */
  actAs(handlers: Handlers): Handlers {
    const wrapped: Record<string, Handler<never>> = {};
    for (const [name, handler] of Object.entries(handlers) as [string, (request: unknown, context: CallContext) => unknown][]) {
      wrapped[name] = ((request: unknown, context: CallContext) => this.acting.run({ ...this.of(context.connectionId) }, () => handler(request, context))) as Handler<never>;
    }
    return wrapped as unknown as Handlers;
  }
}
