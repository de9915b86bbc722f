import { useState } from 'react';
import type { AlertView } from '../../shared/api';
import { dayAndClockWithZone, operatorZone } from '../format/time';
import { wordsWithInstants } from '../format/refusal';
import { collapsedAlertKey, isAlertCollapsed, rememberAlertCollapsed } from '../store/collapsed-alerts';
import { useConsole } from '../store/store';

const NO_ALERTS: AlertView[] = [];

type AlertAction = AlertView['actions'][number];

export function AlertBar({ onRollback, onFixForward }: { onRollback: (handoverId: string) => void; onFixForward: (alert: AlertView, action: AlertAction) => void }) {
  const alerts = useConsole((s) => s.view?.alerts ?? NO_ALERTS);
  const selectRegion = useConsole((s) => s.selectRegion);
  const showScreen = useConsole((s) => s.showScreen);
  const screen = useConsole((s) => s.screen);
  const releaseId = useConsole((s) => s.view?.release.id ?? '');
  if (alerts.length === 0) return null;
  const act = (alert: AlertView, action: AlertAction) => {
    if (action.kind === 'rollback' && action.handoverId) onRollback(action.handoverId);
    else if (action.kind === 'fix-forward') onFixForward(alert, action);
    else if (action.kind === 'open-qa') showScreen('qa');
    else if (action.kind === 'open-announcements') showScreen('evidence');
    else if (alert.regionId) selectRegion(alert.regionId);
  };
  return (
    <div className="alerts" aria-label="Alerts">
      {alerts.map((alert) => (
        <Alert key={alert.id} alert={alert} releaseId={releaseId} actions={alert.actions.filter((action) => !(action.kind === 'open-qa' && screen === 'qa'))} act={act} />
      ))}
    </div>
  );
}

/**
 * One alert. One that carries a summary (a testing failure) may be collapsed to its title, that line and its time,
 * on this desk only: a view preference the window keeps across reloads, per failure; nothing is logged. It never
 * goes while main sends it.
 */
function Alert({ alert, releaseId, actions, act }: { alert: AlertView; releaseId: string; actions: AlertAction[]; act: (alert: AlertView, action: AlertAction) => void }) {
  const key = collapsedAlertKey(releaseId, alert);
  const [collapsedKey, setCollapsedKey] = useState<string | null>(() => (isAlertCollapsed(key) ? key : null));
  const collapsible = typeof alert.summary === 'string';
  const collapsed = collapsible && collapsedKey === key;
  const toggle = () => {
    rememberAlertCollapsed(key, !collapsed);
    setCollapsedKey(collapsed ? null : key);
  };
  return (
    // Its notice's "Show the banner" scrolls to it by its id and gives it the keyboard (Toasts.tsx).
    <div role="alert" tabIndex={-1} className={`alert alert-${alert.severity}${collapsed ? ' alert-collapsed' : ''}`} data-alert-region={alert.regionId ?? ''} data-alert-id={alert.id}>
      <div className="alert-head">
        <strong className="alert-title">{alert.title}</strong>
        {collapsed && <span className="alert-summary">{alert.summary}</span>}
        <span className="alert-at muted">{dayAndClockWithZone(alert.at, operatorZone())}</span>
      </div>
      {!collapsed && <span className="alert-detail">{alert.detail}</span>}
      {!collapsed && alert.decision && (
        <span className="alert-decision" aria-label="What was decided">
          {/* Its deadline on this desk's clock, as the alert's own time beside it. */}
          {wordsWithInstants(alert.decision, alert.decisionInstants, operatorZone())}
        </span>
      )}
      <div className="alert-actions">
        {/* Keyed by what each does, not its words: "Roll back HO-1234" becoming "HO-1234 rolled back: open the record" is the same button, so focus comes back to it when the rollback dialog closes. */}
        {!collapsed &&
          actions.map((action) => (
            <button
              key={`${action.kind}:${action.handoverId ?? action.label}`}
              type="button"
              className={action.kind === 'rollback' && alert.severity !== 'info' ? 'danger' : undefined}
              onClick={() => act(alert, action)}
            >
              {action.label}
            </button>
          ))}
        {collapsible && (
          <button type="button" className="alert-toggle" aria-expanded={!collapsed} onClick={toggle}>
            {collapsed ? 'Expand' : 'Collapse'}
          </button>
        )}
      </div>
    </div>
  );
}
