import type { z } from 'zod';
import type { CallSpec, Result } from './contract';
import { sessionCalls, sessionEvents } from './session';
import { metricsCalls, metricsEvents } from './metrics';
import { terminalCalls, terminalEvents } from './terminal';
import { releaseCalls, releaseEvents } from './release';
import { rollbackCalls, rollbackEvents } from './rollback';
import { worldCalls } from './world';
import { recordCalls, recordEvents } from './record';
import { presenceCalls, presenceEvents } from './presence';
import { announcementCalls, announcementEvents } from './announcements';
import { calendarCalls, calendarEvents } from './calendar';
import { historyCalls } from './history';
import { deliveryCalls } from './delivery';

export * from './contract';
export * from './bounds';
export * from './session';
export * from './metrics';
export * from './terminal';
export * from './release';
export * from './rollback';
export * from './world';
export * from './record';
export * from './presence';
export * from './announcements';
export * from './calendar';
export * from './history';
export * from './delivery';

/**
 * The whole API. Each concern declares its calls and pushed events in its own file; this is the one
 * place they are joined. Nothing outside this object can be called from the renderer.
 */
export const calls = {
  ...sessionCalls,
  ...metricsCalls,
  ...terminalCalls,
  ...releaseCalls,
  ...rollbackCalls,
  ...worldCalls,
  ...recordCalls,
  ...presenceCalls,
  ...announcementCalls,
  ...calendarCalls,
  ...historyCalls,
  ...deliveryCalls,
} satisfies Record<string, CallSpec>;

export const events = {
  ...sessionEvents,
  ...metricsEvents,
  ...terminalEvents,
  ...releaseEvents,
  ...rollbackEvents,
  ...recordEvents,
  ...presenceEvents,
  ...calendarEvents,
  ...announcementEvents,
} satisfies Record<string, z.ZodType>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallRequest<K extends CallName> = z.input<Calls[K]['request']>;
export type CallResponse<K extends CallName> = z.output<Calls[K]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export type SubscriptionKey<K extends EventName> = `on${Capitalize<K>}`;

export function subscriptionKey<K extends EventName>(event: K): SubscriptionKey<K> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as SubscriptionKey<K>;
}

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/**
 * What the renderer holds: one method per call, one `onX` subscription per event returning its
 * unsubscribe function. The Electron preload and the browser-mode client both build exactly this.
 */
export type ConsoleApi = {
  [K in CallName]: (request: CallRequest<K>) => Promise<Result<CallResponse<K>>>;
} & {
  [K in EventName as SubscriptionKey<K>]: (listener: (payload: EventPayload<K>) => void) => () => void;
};

/** Every key the API object must have, no more: the preload and the tests compare against this. */
export const apiKeys: readonly string[] = [...callNames, ...eventNames.map(subscriptionKey)];

export * from './wire';
