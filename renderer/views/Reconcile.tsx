import { useState } from 'react';
import type { RegionView } from '../../shared/api';
import { send } from '../api/actions';
import { clockWithZone, operatorZone } from '../format/time';
import { ActionButton } from './ActionButton';

/** "10:55 New York": the zone by its city, as every other time on the console names it (not "GMT-4"). */
function reconciledAt(at: number): string {
  return clockWithZone(at, operatorZone());
}

/**
 * A region's last reconcile in words: where the tools and the console disagree, each as main wrote it.
 * Shown on the region's tile and under the region workspace's header.
 */
export function ReconcileStatus({ region }: { region: RegionView }) {
  const { reconcile } = region;
  switch (reconcile.status) {
    case 'no-probes':
      return <div className="reconcile reconcile-none muted">Not checked against the tools · no probes declared</div>;
    case 'not-reconciled':
      // "Not reconciled" read as "the region is out of step"; it only means nobody has asked the tools yet.
      return <div className="reconcile reconcile-none muted">Not yet checked against the tools</div>;
    case 'agrees':
      return <div className="reconcile reconcile-agrees">Tools agree · reconciled {reconciledAt(reconcile.at!)}</div>;
    case 'failed':
      return (
        <div className="reconcile reconcile-failed">
          <strong>Reconcile failed</strong> · {reconciledAt(reconcile.at!)}
          <div>{reconcile.error}</div>
        </div>
      );
    case 'differs':
      return (
        <div className="reconcile reconcile-differs">
          <strong>
            Tools disagree with the console ({reconcile.differences.length}) · reconciled {reconciledAt(reconcile.at!)}
          </strong>
          <ul>
            {reconcile.differences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </div>
      );
  }
}

/** Runs the region's probes; main logs the result and pushes it onto the tile. */
export function ReconcileButton({ region }: { region: RegionView }) {
  const [running, setRunning] = useState(false);
  const noProbes = region.reconcile.status === 'no-probes';
  return (
    <ActionButton
      disabledReason={noProbes ? `regions.yaml declares no probes for ${region.id}` : running ? `${region.id}'s probes are running` : null}
      title={`Run ${region.id}'s probes and compare what they report with what the console believes`}
      onClick={async () => {
        setRunning(true);
        try {
          await send('reconcileRegion', { regionId: region.id });
        } finally {
          setRunning(false);
        }
      }}
    >
      {running ? 'Reconciling…' : 'Reconcile'}
    </ActionButton>
  );
}
