import { useEffect, useRef, useState } from 'react';
import { useConsole } from '../store/store';
import { BackOutDialog } from './rollback/BackOutDialog';
import { Checklist } from './Checklist';
import { ReconcileButton, ReconcileStatus } from './Reconcile';
import { RegionLease } from './RegionLease';
import { RegionGraphs } from './graphs/RegionGraphs';
import { RegionTerminals } from './terminal/RegionTerminals';

/** One region: its steps, and beside them the region's terminal and graphs. */
export function RegionWorkspace({ regionId }: { regionId: string }) {
  const region = useConsole((s) => s.view?.regions.find((r) => r.id === regionId));
  const selectRegion = useConsole((s) => s.selectRegion);
  const releaseId = useConsole((s) => s.view?.release.id);
  const [backingOut, setBackingOut] = useState(false);
  const heading = useRef<HTMLHeadingElement | null>(null);
  const shown = region !== undefined;
  // The tile's "Open LON" goes with the control pane: the keyboard lands on the region's name, not on the
  // page (where the next Tab began again at the top of the screen). Focus put somewhere on purpose is kept.
  useEffect(() => {
    if (shown && (document.activeElement === null || document.activeElement === document.body)) heading.current?.focus({ preventScroll: true });
  }, [regionId, shown]);
  if (!region) return null;
  return (
    <section className="region-workspace" aria-label={`Region ${region.id}`}>
      <header className="region-workspace-head">
        <button type="button" onClick={() => selectRegion(null)}>
          ← All regions
        </button>
        <h2 ref={heading} tabIndex={-1}>
          {region.id} <span className="muted">{region.name}</span>
        </h2>
        <span className="region-workspace-health">
          <span className={`health-dot health-dot-${region.health}`} />
          <span className="muted">{region.healthDetail}</span>
        </span>
        <span className="region-workspace-head-end">
          <ReconcileButton region={region} />
          {/* Issue 17: a region must always be backed out, whatever its window says. */}
          <button type="button" className="danger" onClick={() => setBackingOut(true)}>
            Back out region
          </button>
        </span>
      </header>
      {backingOut && releaseId && <BackOutDialog releaseId={releaseId} regionId={region.id} onClose={() => setBackingOut(false)} />}
      {/* Who holds the region, for what, until when: the tile's line, here too, where the person about to press Run looks. */}
      <RegionLease region={region} />
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
