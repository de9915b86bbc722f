import type { Handlers } from '../host';
import type { RollbackService } from '../../release/rollback';
import type { FixForwardService } from '../../release/fix-forward';

type RollbackCalls = 'previewBackOut' | 'backOutRegion' | 'stopBackOutStep' | 'previewRollback' | 'startRollback' | 'retryRollback' | 'skipRollbackStep' | 'abortRollback' | 'stopRollbackStep' | 'getRollback' | 'getIncident' | 'fixForward';

export function rollbackHandlers(rollbacks: RollbackService, fixForwards: FixForwardService): Pick<Handlers, RollbackCalls> {
  return {
    previewBackOut: ({ releaseId, regionId }) => rollbacks.previewBackOut(releaseId, regionId),
    backOutRegion: ({ releaseId, regionId, confirm, reason }) => rollbacks.backOut(releaseId, regionId, confirm, reason),
    stopBackOutStep: ({ releaseId, regionId, stepId }) => rollbacks.stopBackOutStep(releaseId, regionId, stepId),
    previewRollback: ({ releaseId, handoverId }) => rollbacks.preview(releaseId, handoverId),
    startRollback: ({ releaseId, handoverId, confirm, reason }) => rollbacks.start(releaseId, handoverId, confirm, reason),
    retryRollback: ({ releaseId, handoverId, stepId }) => rollbacks.retry(releaseId, handoverId, stepId),
    skipRollbackStep: ({ releaseId, handoverId, stepId, reason }) => rollbacks.skip(releaseId, handoverId, stepId, reason),
    abortRollback: ({ releaseId, handoverId }) => rollbacks.abort(releaseId, handoverId),
    stopRollbackStep: ({ releaseId, handoverId, stepId }) => rollbacks.stopStep(releaseId, handoverId, stepId),
    getRollback: ({ releaseId, handoverId }) => rollbacks.get(releaseId, handoverId),
    getIncident: ({ releaseId, handoverId }) => rollbacks.incident(releaseId, handoverId),
    fixForward: ({ releaseId, handoverId, reason, severity }) => fixForwards.decide(releaseId, handoverId, reason, severity),
  };
}
