import type { AlertView } from '../../shared/api';
import { dayAndClockIn, operatorZone } from '../format/time';

import { useConsole } from '../store/store';

const NO_ALERTS: AlertView[] = [];

export function AlertBar({ onRollback }: { onRollback: (handoverId: string) => void }) {
  const alerts = useConsole((s) => s.view?.alerts ?? NO_ALERTS);
  const selectRegion = useConsole((s) => s.selectRegion);
  const showScreen = useConsole((s) => s.showScreen);
  if (alerts.length === 0) return null;
  return (
    <div className="alerts" aria-label="Alerts">
      {alerts.map((alert) => (
        <div key={alert.id} role="alert" className={`alert alert-${alert.severity}`} data-alert-region={alert.regionId ?? ''}>
          <strong>{alert.title}</strong>
          <span>{alert.detail}</span>
          <span className="muted">{dayAndClockIn(alert.at, operatorZone())}</span>
          <span className="spacer" />
          {alert.actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className={action.kind === 'rollback' ? 'danger' : undefined}
              onClick={() => (action.kind === 'rollback' && action.handoverId ? onRollback(action.handoverId) : action.kind === 'open-qa' ? showScreen('qa') : alert.regionId && selectRegion(alert.regionId))}
            >
              {action.label}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
