import type { StateCreator } from 'zustand';
import type { RollbackRunView } from '../../shared/api';

export interface RollbackTarget {
  releaseId: string;
  handoverId: string;
}

/** Where the rollback dialog is and what main pushed about each handover's rollback run. */
export interface RollbackSlice {
  /** The handover whose rollback dialog is open; null when closed. */
  rollbackTarget: RollbackTarget | null;
  /** Keyed `${releaseId}/${handoverId}`: every run main pushed, so progress survives closing the dialog. */
  rollbackRuns: Record<string, RollbackRunView>;
  openRollback: (target: RollbackTarget) => void;
  closeRollback: () => void;
  upsertRollbackRun: (run: RollbackRunView) => void;
}

export function rollbackKey(target: RollbackTarget): string {
  return `${target.releaseId}/${target.handoverId}`;
}

export const createRollbackSlice: StateCreator<RollbackSlice, [], [], RollbackSlice> = (set, get) => ({
  rollbackTarget: null,
  rollbackRuns: {},
  openRollback: (rollbackTarget) => set({ rollbackTarget }),
  closeRollback: () => set({ rollbackTarget: null }),
  upsertRollbackRun: (run) => set({ rollbackRuns: { ...get().rollbackRuns, [rollbackKey(run)]: run } }),
});
