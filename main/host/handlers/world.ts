import type { Handlers } from '../host';
import type { RegionReconciler } from '../../release/reconcile';

export function worldHandlers(reconciler: RegionReconciler): Pick<Handlers, 'reconcileRegion'> {
  return {
    reconcileRegion: ({ regionId }) => reconciler.reconcile(regionId),
  };
}
