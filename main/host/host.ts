import type { z } from 'zod';
import {
  calls,
  isCallName,
  type ApiError,
  type CallName,
  type CallRequest,
  type CallResponse,
  type Result,
} from '../../shared/api';
import type { EventBus, EventListener } from './events';
import { ApiFailure } from './failure';

/** Who is calling: the adapter fills this in, handlers may record it in the audit log. */
export interface CallContext {
  transport: 'electron' | 'browser';
  /** An opaque id of the window or socket, so per-connection state (terminal acks) can be kept apart. */
  connectionId: string;
}

export type Handler<K extends CallName> = (
  request: z.output<(typeof calls)[K]['request']>,
  context: CallContext,
) => Promise<CallResponse<K>> | CallResponse<K>;

export type Handlers = { [K in CallName]: Handler<K> };

export interface Host {
  /** Validates, dispatches and answers one call. Never throws: every failure is a typed error. */
  invoke(call: string, payload: unknown, context: CallContext): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  /** Called when a connection goes away, so services drop what they kept for it. */
  disconnect(connectionId: string): void;
  /** The connections that stopped reading what they hold paused (a terminal's output): the adapter lets them go. */
  stalledConnections(): readonly string[];
  close(): Promise<void>;
}

export interface HostOptions {
  handlers: Handlers;
  bus: EventBus;
  onDisconnect?: (connectionId: string) => void;
  stalledConnections?: () => readonly string[];
  onClose?: () => Promise<void>;
}

function issuesOf(error: z.ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

function failure(code: ApiError['code'], message: string, issues?: ApiError['issues']): Result<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/**
 * Binds the services to the contract once. Both adapters (Electron IPC and browser-mode WebSocket)
 * hand every message to `invoke`; neither parses payloads nor calls a service itself.
 */
export function createHost({ handlers, bus, onDisconnect, stalledConnections, onClose }: HostOptions): Host {
  async function invoke(call: string, payload: unknown, context: CallContext): Promise<Result<unknown>> {
    if (!isCallName(call)) {
      return failure('unknown_call', `There is no call named "${call.slice(0, 100)}".`);
    }
    const spec = calls[call];
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      return failure('invalid_request', `The request for ${call} is malformed.`, issuesOf(parsed.error));
    }
    try {
      const handler = handlers[call] as Handler<typeof call>;
      const value = await handler(parsed.data as CallRequest<typeof call>, context);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiFailure) return { ok: false, error: error.toApiError() };
      console.error(`release-console: ${call} failed:`, error);
      return failure('internal', `${call} failed inside the console: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    invoke,
    onEvent: (listener) => bus.subscribe(listener),
    disconnect: (connectionId) => onDisconnect?.(connectionId),
    stalledConnections: () => stalledConnections?.() ?? [],
    close: async () => {
      await onClose?.();
    },
  };
}
