import type { AlertView } from '../../shared/api';
import { dayAndClockIn, operatorZone } from '../format/time';

const NO_ALERTS: AlertView[] = [];
import { useConsole } from '../store/store';

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
          {alert.action?.kind === 'rollback' && alert.action.handoverId && (
            <button type="button" className="danger" onClick={() => onRollback(alert.action!.handoverId!)}>
              {alert.action.label}
            </button>
          )}
          {alert.action?.kind === 'open-region' && alert.regionId && (
            <button type="button" onClick={() => selectRegion(alert.regionId)}>
              {alert.action.label}
            </button>
          )}
          {alert.action?.kind === 'open-qa' && (
            <button type="button" onClick={() => showScreen('qa')}>
              {alert.action.label}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
