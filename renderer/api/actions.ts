import type { CallName, CallRequest, CallResponse } from '../../shared/api';
import { consoleStore } from '../store/store';
import { consoleApi } from './boot';

/**
 * Sends one intent and reports a refusal as a toast. Main decides; a refused intent (a blocked step, a
 * second PE who is the author) comes back with the reason in words, shown exactly as main said it.
 */
export async function send<K extends CallName>(call: K, request: CallRequest<K>): Promise<CallResponse<K> | null> {
  const fn = consoleApi()[call] as (r: CallRequest<K>) => Promise<{ ok: true; value: CallResponse<K> } | { ok: false; error: { code: string; message: string } }>;
  const result = await fn(request);
  if (result.ok) return result.value;
  consoleStore.getState().toastError(result.error as never);
  return null;
}
