import type { GateView } from '../../shared/api';
import { dayAndClockIn, relative } from '../format/time';
import { useConsole } from '../store/store';
import { StepRow } from './StepRow';
import { useNow } from './use-now';

export function GateDeadline({ gate }: { gate: GateView }) {
  const now = useNow();
  if (gate.deadline === null) return null;
  return (
    <span className={`deadline ${gate.missed ? 'deadline-missed' : ''}`}>
      {gate.missed ? 'Missed' : 'Due'} {dayAndClockIn(gate.deadline, gate.deadlineZone ?? 'UTC')} {gate.deadlineZone} ({relative(gate.deadline, now)})
    </span>
  );
}

/** The runbook's gates and steps, optionally for one region (plus the steps that cover every region). */
export function Checklist({ regionId }: { regionId?: string }) {
  const view = useConsole((s) => s.view);
  if (!view) return null;
  const zoneOf = new Map(view.regions.map((r) => [r.id, r.zone]));
  return (
    <div className="checklist">
      {view.gates.map((gate) => {
        const steps = regionId ? gate.steps.filter((s) => s.regionId === regionId) : gate.steps;
        if (steps.length === 0) return null;
        return (
          <section key={gate.id} className="gate" aria-label={gate.title}>
            <header className="gate-head">
              <h3>{gate.title}</h3>
              <GateDeadline gate={gate} />
            </header>
            {gate.missed && gate.onMiss && <p className="banner banner-warn">{gate.onMiss}</p>}
            <ol className="steps">
              {steps.map((step) => (
                <StepRow key={step.key} step={step} regionZone={step.regionId ? (zoneOf.get(step.regionId) ?? null) : null} />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
