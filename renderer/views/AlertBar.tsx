import type { AlertView } from '../../shared/api';
import { dayAndClockWithZone, operatorZone } from '../format/time';

import { useConsole } from '../store/store';

const NO_ALERTS: AlertView[] = [];

type AlertAction = AlertView['actions'][number];

export function AlertBar({ onRollback, onFixForward }: { onRollback: (handoverId: string) => void; onFixForward: (alert: AlertView, action: AlertAction) => void }) {
  const alerts = useConsole((s) => s.view?.alerts ?? NO_ALERTS);
  const selectRegion = useConsole((s) => s.selectRegion);
  const showScreen = useConsole((s) => s.showScreen);
  const screen = useConsole((s) => s.screen);
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
        <div key={alert.id} role="alert" className={`alert alert-${alert.severity}`} data-alert-region={alert.regionId ?? ''}>
          <div className="alert-head">
            <strong className="alert-title">{alert.title}</strong>
            <span className="alert-at muted">{dayAndClockWithZone(alert.at, operatorZone())}</span>
          </div>
          <span className="alert-detail">{alert.detail}</span>
          {alert.decision && (
            <span className="alert-decision" aria-label="What was decided">
              {alert.decision}
            </span>
          )}
          <div className="alert-actions">
            {/* On the QA checklist already, "Open the QA checklist" would do nothing but look like it should. */}
            {alert.actions.filter((action) => !(action.kind === 'open-qa' && screen === 'qa')).map((action) => (
              <button
                key={action.label}
                type="button"
                className={action.kind === 'rollback' && alert.severity !== 'info' ? 'danger' : undefined}
                onClick={() => act(alert, action)}
              >
                {action.label}
              </button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
