import { useState } from 'react';
import type { ScenarioKind, ScenarioState } from '../../shared/api';
import { send } from '../api/actions';
import { useConsole } from '../store/store';
import { DRILL_LABELS } from '../../shared/metrics/drills';

function drillText(drill: ScenarioState): string {
  const what = `${drill.regionId} ${DRILL_LABELS[drill.scenario].toLowerCase()}`;
  return drill.rolledBackMs === null ? what : `${what} (rolled back)`;
}

/**
 * Rehearsal drills: switches a simulated scenario on a region so an operator can practise the alert and the
 * rollback. Shown only when the metrics come from the simulator, so it can never touch real CloudWatch data.
 */
export function DrillControl() {
  const scenarios = useConsole((s) => s.scenarios);
  const regions = useConsole((s) => s.view?.regions);
  const setScenarios = useConsole((s) => s.setScenarios);
  const [regionId, setRegionId] = useState('');
  const [scenario, setScenario] = useState<ScenarioKind>('errorSpike');
  const [open, setOpen] = useState(false);
  if (scenarios === null || !regions || regions.length === 0) return null;
  const region = regions.some((r) => r.id === regionId) ? regionId : regions[0]!.id;
  const start = async () => {
    const result = await send('setScenario', { regionId: region, scenario });
    if (result) setScenarios(result.scenarios);
    setOpen(false);
  };
  // The choice of region and scenario opens from "Drill…": the status bar keeps to one line at 1280 px with a
  // drill running, and what is running stays in it.
  return (
    <span className="drill" aria-label="Drill">
      <button type="button" className="compact tag-warn drill-open" aria-expanded={open} aria-controls="drill-start" onClick={() => setOpen(!open)}>
        Drill…
      </button>
      {scenarios.length > 0 && (
        <span className="drill-active" role="status" aria-label="Active drills" title={`Drill: ${scenarios.map(drillText).join(', ')}`}>
          {scenarios.map(drillText).join(', ')}
        </span>
      )}
      {open && (
        <span id="drill-start" className="drill-start" role="group" aria-label="Start a drill" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <select aria-label="Drill region" value={region} onChange={(e) => setRegionId(e.target.value)}>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id}
              </option>
            ))}
          </select>
          <select aria-label="Drill scenario" value={scenario} onChange={(e) => setScenario(e.target.value as ScenarioKind)}>
            {(Object.keys(DRILL_LABELS) as ScenarioKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {DRILL_LABELS[kind]}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void start()}>
            Start drill
          </button>
        </span>
      )}
    </span>
  );
}
