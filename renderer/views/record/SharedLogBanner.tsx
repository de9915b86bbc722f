import { useLogRecord } from './useLogRecord';

/**
 * The team's shared log, when it cannot be used: unreachable ("Shared log unreachable since 14:02 UTC —
 * read-only: …") or not holding against this desk's copy. Worded by main (shared/team/storeStatus.ts), the
 * same words a refused change carries. Nothing is shown while it works, or when the desk works alone.
 */
export function SharedLogBanner() {
  const record = useLogRecord();
  const shared = record?.sharedLog;
  if (!shared || (shared.reachable && !shared.broken)) return null;
  return (
    <div role="alert" aria-label="Shared log" className={`banner ${shared.broken ? 'banner-error' : 'banner-warn'} shared-log-banner`} data-table={shared.table}>
      {shared.line}
    </div>
  );
}
