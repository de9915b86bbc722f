import { useConsole } from '../store/store';
import { Checklist } from './Checklist';
import { ReconcileButton, ReconcileStatus } from './Reconcile';
import { RegionGraphs } from './graphs/RegionGraphs';
import { RegionTerminals } from './terminal/RegionTerminals';

/** One region: its steps, and beside them the region's terminal and graphs. */
export function RegionWorkspace({ regionId }: { regionId: string }) {
  const region = useConsole((s) => s.view?.regions.find((r) => r.id === regionId));
  const selectRegion = useConsole((s) => s.selectRegion);
  if (!region) return null;
  return (
    <section className="region-workspace" aria-label={`Region ${region.id}`}>
      <header className="region-workspace-head">
        <button type="button" onClick={() => selectRegion(null)}>
          ← All regions
        </button>
        <h2>
          {region.id} <span className="muted">{region.name}</span>
        </h2>
        <span className={`health-dot health-dot-${region.health}`} />
        <span className="muted">{region.healthDetail}</span>
        <span className="region-workspace-head-end">
          <ReconcileButton region={region} />
        </span>
      </header>
      <ReconcileStatus region={region} />
      <RegionGraphs regionId={region.id} zone={region.zone} />
      <div className="region-workspace-body">
        <div className="region-steps">
          <Checklist regionId={region.id} />
        </div>
        <div className="region-side">
          <RegionTerminals regionId={region.id} />
        </div>
      </div>
    </section>
  );
}
