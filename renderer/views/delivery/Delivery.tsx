import './delivery.css';
import { useEffect, useMemo, useState } from 'react';
import type { DeliveryView } from '../../../shared/api';
import { deliveryCsv, type DeliveryReport } from '../../../shared/delivery/report';
import { HIGHER_IS_BETTER } from '../../../shared/workspace/schema/delivery';
import { send } from '../../api/actions';
import { copyText, downloadFile } from '../../api/files';
import { useConsole } from '../../store/store';
import { useNow } from '../use-now';
import { useLongWait } from '../use-long-wait';
import { defaultPeriod, periodBounds, type DayPeriod } from './period';
import { Sparkline } from './Sparkline';
import { ActionButton } from '../ActionButton';

type Environment = DeliveryView['report']['environment'];
type Metric = DeliveryReport['metrics'][number];

const STATUS_WORDS: Record<Metric['status'], string> = {
  target: 'Meets its target',
  threshold: 'Within its threshold',
  beyond: 'Beyond its threshold',
  'no goal': 'No goal set',
  'no data': 'Nothing to count',
};

function plural(count: number, noun: string) {
  return (
    <>
      <strong>{count}</strong> {noun}
      {count === 1 ? '' : 's'}
    </>
  );
}

/** The words under the sparkline, each coloured as its dashed line is. */
function GoalLine({ metric }: { metric: Metric }) {
  if (metric.target === null || metric.threshold === null) return <p className="delivery-goal muted">No Target or Threshold in workspace.yaml</p>;
  const side = HIGHER_IS_BETTER[metric.id] ? '≥' : '≤';
  return (
    <p className="delivery-goal muted">
      <span className="delivery-goal-target">
        Target {side} {metric.target}
      </span>{' '}
      ·{' '}
      <span className="delivery-goal-threshold">
        Threshold {side} {metric.threshold}
      </span>{' '}
      {metric.unit}
    </p>
  );
}

/**
 * Issue 19: the delivery metrics of the live release log (rehearsals excluded), week by week against the
 * workspace's Target and Threshold, for a period, environment and package; exported as the same report
 * `release-console dora --json` prints.
 */
export function Delivery() {
  const now = useNow();
  const toast = useConsole((s) => s.toast);
  const [period, setPeriod] = useState<DayPeriod>(() => defaultPeriod(now));
  const [environment, setEnvironment] = useState<Environment>('production');
  const [pkg, setPkg] = useState<string>('');
  const [view, setView] = useState<DeliveryView | null>(null);
  const bounds = periodBounds(period);

  useEffect(() => {
    if ('error' in bounds) return;
    let current = true;
    void send('getDeliveryReport', { environment, package: pkg === '' ? null : pkg, since: bounds.since, until: bounds.until }).then((answer) => {
      if (current && answer) setView(answer);
    });
    return () => {
      current = false;
    };
    // The bounds are derived from the period: asking again when the period changes is enough.
  }, [period.from, period.to, environment, pkg]);

  // No report stands under a period that is not one (its numbers were another period's), and nothing is being read for it.
  const invalid = 'error' in bounds;
  const report = invalid ? null : (view?.report ?? null);
  const slowRead = useLongWait(report === null && !invalid);
  const weeks = useMemo(() => report?.weeks.map((w) => Date.parse(w.since) / 1000) ?? [], [report]);
  const filename = report ? `delivery-${report.environment}${report.package ? `-${report.package}` : ''}-${period.from}-to-${period.to}` : 'delivery';

  return (
    <section className="delivery" aria-labelledby="delivery-title">
      <header className="delivery-head">
        <h2 id="delivery-title">Delivery</h2>
        <p className="muted">From the release log: a deployment is a handover complete in its last target region; rehearsals are left out.</p>
      </header>
      <form className="delivery-filters" onSubmit={(e) => e.preventDefault()}>
        {/* Whole UTC days, as `release-console dora --since/--until` reads its dates (period.ts): said, as History says its zone. */}
        <label>
          <span>
            First day <span className="muted">(UTC)</span>
          </span>
          <input type="date" value={period.from} max={period.to} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
        </label>
        <label>
          <span>
            Last day <span className="muted">(UTC)</span>
          </span>
          <input type="date" value={period.to} min={period.from} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
        </label>
        <label>
          Environment
          <select value={environment} onChange={(e) => setEnvironment(e.target.value as Environment)}>
            {(view?.environments ?? ['production']).map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
          </select>
        </label>
        <label>
          Package
          <select value={pkg} onChange={(e) => setPkg(e.target.value)}>
            <option value="">All packages</option>
            {view?.packages.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <ActionButton disabledReason={report ? null : 'No report yet: the period is being read, or it is not a valid period'} onClick={() => report && downloadFile({ filename: `${filename}.csv`, mediaType: 'text/csv', content: deliveryCsv(report) })}>
          Export CSV
        </ActionButton>
        <ActionButton disabledReason={report ? null : 'No report yet: the period is being read, or it is not a valid period'} onClick={() => report && downloadFile({ filename: `${filename}.json`, mediaType: 'application/json', content: `${JSON.stringify(report, null, 2)}\n` })}>
          Export JSON
        </ActionButton>
        <ActionButton disabledReason={report ? null : 'No report yet: the period is being read, or it is not a valid period'} onClick={() => report && void copyText(deliveryCsv(report), toast, 'the delivery report (CSV)')}>
          Copy CSV
        </ActionButton>
      </form>
      {invalid && (
        <p role="alert" className="banner banner-warn">
          {bounds.error}
        </p>
      )}
      {!report ? (
        slowRead && <p className="muted">Reading the release log…</p>
      ) : (
        <>
          <p className="delivery-counts" aria-label="Counts">
            {plural(report.counts.deployments, 'deployment')} · {plural(report.counts.failedChanges, 'failed change')} · {plural(report.counts.failedRollouts, 'failed rollout')} · {plural(report.counts.restores, 'restore')}, over{' '}
            {plural(report.weeks.length, 'week')}
          </p>
          <div className="delivery-grid">
            {report.metrics.map((metric) => (
              <article key={metric.id} className={`delivery-metric delivery-${metric.status.replace(' ', '-')}`} aria-label={metric.label}>
                <h3>{metric.label}</h3>
                <p className="delivery-value">
                  <span data-testid={`delivery-value-${metric.id}`}>{metric.value === null ? '–' : metric.value}</span> <span className="muted">{metric.unit}</span>
                </p>
                <p className="delivery-status">{STATUS_WORDS[metric.status]}</p>
                <Sparkline label={metric.label} weeks={weeks} values={report.weeks.map((w) => w.values[metric.id])} target={metric.target} threshold={metric.threshold} />
                <GoalLine metric={metric} />
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
