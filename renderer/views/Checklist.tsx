import type { ReactNode } from 'react';
import type { GateView, StepView } from '../../shared/api';
import { gateDeadlineParts } from '../format/deadline';
import { operatorZone } from '../format/time';
import { stepsDone } from '../../shared/words';
import { useConsole } from '../store/store';
import { StepRow } from './StepRow';
import { WholeWords } from './ArgvWords';
import { useNow } from './use-now';

export function GateDeadline({ gate }: { gate: GateView }) {
  const now = useNow();
  const parts = gateDeadlineParts(gate, now, operatorZone());
  if (parts === null) return null;
  return (
    <span className={`deadline ${gate.missed ? 'deadline-missed' : ''}`}>
      <WholeWords words={parts} className="deadline-part" />
    </span>
  );
}

/** Steps for every region in a row, or one region's steps of a gate. */
interface Part {
  regionId: string | null;
  steps: StepView[];
}

/**
 * A gate's steps in runbook order, each region's steps gathered where that region first appears:
 * "write the CR, review it" stay first, each region's sequence follows, "mark the CR complete" stays last.
 */
function byRegion(steps: StepView[]): Part[] {
  const parts: Part[] = [];
  const regions = new Map<string, StepView[]>();
  for (const step of steps) {
    if (step.regionId === null) {
      const last = parts.at(-1);
      if (last && last.regionId === null) last.steps.push(step);
      else parts.push({ regionId: null, steps: [step] });
      continue;
    }
    const group = regions.get(step.regionId);
    if (group) group.push(step);
    else {
      const steps = [step];
      regions.set(step.regionId, steps);
      parts.push({ regionId: step.regionId, steps });
    }
  }
  return parts;
}

function doneCount(steps: StepView[]): string {
  return stepsDone(steps.filter((s) => s.state === 'done').length, steps.length);
}

/**
 * A collapsible group. Open until every step in it is done, unless the operator opened or closed it:
 * their choice is kept (per release) across pushes and screens.
 */
function Group({ groupKey, steps, className, summary, children }: { groupKey: string; steps: StepView[]; className: string; summary: ReactNode; children: ReactNode }) {
  const chosen = useConsole((s) => s.openGroups[groupKey]);
  const setGroupOpen = useConsole((s) => s.setGroupOpen);
  const open = chosen ?? !steps.every((s) => s.state === 'done');
  return (
    <details className={className} open={open} onToggle={(e) => e.currentTarget.open !== open && setGroupOpen(groupKey, e.currentTarget.open)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** The runbook's gates, each grouped by region, or one region's steps (plus the steps that cover every region). */
export function Checklist({ regionId }: { regionId?: string }) {
  const view = useConsole((s) => s.view);
  if (!view) return null;
  const zoneOf = new Map(view.regions.map((r) => [r.id, r.zone]));
  const rows = (steps: StepView[]) => (
    <ol className="steps">
      {steps.map((step) => (
        <StepRow key={step.key} step={step} regionZone={step.regionId ? (zoneOf.get(step.regionId) ?? null) : null} />
      ))}
    </ol>
  );
  return (
    <div className="checklist">
      {view.gates.map((gate) => {
        const steps = regionId ? gate.steps.filter((s) => s.regionId === regionId) : gate.steps;
        if (steps.length === 0) return null;
        const gateKey = `${view.release.id}/${gate.id}`;
        return (
          <section key={gate.id} className="gate" aria-label={gate.title}>
            <Group
              groupKey={regionId ? `${gateKey}@${regionId}` : gateKey}
              steps={steps}
              className="gate-group"
              summary={
                <span className="gate-head">
                  <h3>{gate.title}</h3>
                  <GateDeadline gate={gate} />
                  <span className="group-count">{doneCount(steps)}</span>
                </span>
              }
            >
              {gate.missed && gate.onMiss && <p className="banner banner-warn">{gate.onMiss}</p>}
              {regionId
                ? rows(steps)
                : byRegion(steps).map((part) =>
                    part.regionId === null ? (
                      <div key={part.steps[0]!.key}>{rows(part.steps)}</div>
                    ) : (
                      <Group
                        key={part.regionId}
                        groupKey={`${gateKey}/${part.regionId}`}
                        steps={part.steps}
                        className="region-group"
                        summary={
                          <span className="region-group-head" data-region-group={part.regionId}>
                            <span className="region-id">{part.regionId}</span>
                            <span className="group-count">{doneCount(part.steps)}</span>
                          </span>
                        }
                      >
                        {rows(part.steps)}
                      </Group>
                    ),
                  )}
            </Group>
          </section>
        );
      })}
    </div>
  );
}
