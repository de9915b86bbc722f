import { Fragment, useEffect, useRef } from 'react';
import type { RegionView } from '../../shared/api';

/** One empty list, so a selector before the first view returns the same value every time. */
const NO_REGIONS: RegionView[] = [];
import { dayInZones, inZones, operatorZone, relative } from '../format/time';
import { reasonsWords } from '../format/refusal';
import { countOf } from '../../shared/words';
import { useConsole } from '../store/store';
import { ReconcileStatus } from './Reconcile';
import { RegionLease } from './RegionLease';
import { StateBadge } from './StateBadge';
import { useNow } from './use-now';

function WindowLine({ region, now }: { region: RegionView; now: number }) {
  const { window } = region;
  const zones = [window.ruleZone, region.zone, operatorZone()];
  if (window.open) {
    return (
      <div className="window window-open">
        <strong>Open now</strong>
        {window.closesAt !== null ? (
          <span>
            {' '}
            · closes {inZones(window.closesAt, zones)} ({relative(window.closesAt, now)})
          </span>
        ) : (
          <span> · any time</span>
        )}
      </div>
    );
  }
  return (
    <div className="window window-closed">
      <strong>Closed</strong>
      {window.opensAt !== null ? (
        <span>
          {' '}
          · opens {inZones(window.opensAt, zones)} ({relative(window.opensAt, now)})
        </span>
      ) : window.nextOpensAt !== null ? (
        <span className="next-opening">
          {' '}
          · next opens{' '}
          {dayInZones(window.nextOpensAt, zones).map((part, i) => (
            <Fragment key={part}>
              {i > 0 && ' · '}
              <span className="zone-time">{part}</span>
            </Fragment>
          ))}{' '}
          <span className="zone-time">({relative(window.nextOpensAt, now)})</span>
        </span>
      ) : (
        <span> · no opening within three weeks</span>
      )}
    </div>
  );
}

function RegionTile({ region, now, onOpen }: { region: RegionView; now: number; onOpen: () => void }) {
  return (
    <li className={`region-tile health-${region.health}`} data-region={region.id}>
      <button type="button" className="region-tile-button" onClick={onOpen} aria-label={`Open ${region.id}`}>
        <div className="region-tile-head">
          <span className={`health-dot health-dot-${region.health}`} title={region.healthDetail} />
          <span className="region-id">{region.id}</span>
          <span className="region-name">{region.name}</span>
        </div>
        <WindowLine region={region} now={now} />
        <div className="maintenance">
          {region.maintenance.on ? (
            <span className="maintenance-on">Maintenance ON{region.maintenance.redirectedTo && ` → traffic to ${region.maintenance.redirectedTo}`}</span>
          ) : (
            <span className="muted">Maintenance off{region.sibling && ` · sibling ${region.sibling}`}</span>
          )}
        </div>
        <div className="health-line">{region.healthDetail}</div>
        <ReconcileStatus region={region} />
        {region.currentStep && (
          <div className="current-step">
            <StateBadge state={region.currentStep.state} /> {region.currentStep.title}
          </div>
        )}
        {region.currentStep && region.currentStep.reasons.length > 0 && (region.currentStep.state === 'blocked' || region.currentStep.state === 'failed') && (
          <div className={`current-step-reason current-step-reason-${region.currentStep.state}`}>{reasonsWords(region.currentStep, operatorZone())[0]}{region.currentStep.reasons.length > 1 && ` (+${region.currentStep.reasons.length - 1} more)`}</div>
        )}
        {region.versions.length > 0 && (
          <ul className="versions">
            {region.versions.map((v) => (
              <li key={v.name}>
                <span className="mono">{v.name}</span> <span className="muted mono">{v.version}</span>
              </li>
            ))}
          </ul>
        )}
      </button>
      <RegionLease region={region} />
    </li>
  );
}

/**
 * Why metrics are stale, here and not only inside a region: main's own words and the fix they name, one
 * line per distinct reason (a profile without credentials covers every region it serves).
 */
function StaleMetrics() {
  const endpoints = useConsole((s) => s.metricEndpoints);
  const reasons = new Map<string, string[]>();
  for (const e of endpoints) if (e.message !== null) reasons.set(e.message, [...(reasons.get(e.message) ?? []), ...e.regionIds]);
  if (reasons.size === 0) return null;
  const regionCount = new Set([...reasons.values()].flat()).size;
  return (
    <div role="alert" className="banner banner-warn stale-metrics">
      <strong>Metrics are stale in {countOf(regionCount, 'region')}.</strong>
      <ul>
        {[...reasons].map(([message, regionIds]) => (
          <li key={message}>
            <span className="mono">{regionIds.join(', ')}</span>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ControlPane() {
  const regions = useConsole((s) => s.view?.regions ?? NO_REGIONS);
  const selectRegion = useConsole((s) => s.selectRegion);
  const regionLeft = useConsole((s) => s.regionLeft);
  const grid = useRef<HTMLUListElement | null>(null);
  const now = useNow();
  // "← All regions" goes with the workspace: the keyboard goes back to the tile it was opened from, not to
  // the page. After the frame, so the tile is scrolled to once the screen has opened at its top (App.tsx).
  useEffect(() => {
    if (regionLeft === null || (document.activeElement !== null && document.activeElement !== document.body)) return;
    const frame = requestAnimationFrame(() => grid.current?.querySelector<HTMLElement>(`[aria-label="Open ${CSS.escape(regionLeft)}"]`)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [regionLeft]);
  return (
    <section className="region-pane" aria-label="Regions">
      <StaleMetrics />
      <ul className="region-grid" ref={grid}>
        {regions.map((region) => (
          <RegionTile key={region.id} region={region} now={now} onOpen={() => selectRegion(region.id)} />
        ))}
      </ul>
    </section>
  );
}
