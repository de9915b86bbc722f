/** The record moved to shared/ so the decision engine can fold it; main keeps its old import path. */
export { RollbackRecord, RollbackStepRecord } from '../../shared/rollback/record';
