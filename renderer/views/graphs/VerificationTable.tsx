import { useEffect, useState } from 'react';
import type { VerificationTable as Table } from '../../../shared/api';
import { send } from '../../api/actions';
import { useConsole } from '../../store/store';
import { copyText, downloadFile } from '../../api/files';
import { ActionButton } from '../ActionButton';

const STATUS_CLASS: Record<Table['rows'][number]['status'], string> = {
  OK: 'verdict-ok',
  CONSIDER: 'verdict-consider',
  ROLLBACK: 'verdict-rollback',
  'NO DATA': 'verdict-none',
  STALE: 'verdict-stale',
};

/**
 * Seed 001's verification table for one region, as main computes it (Metric | Baseline | Current | Delta |
 * Status), re-read after every poll and every new baseline; Copy and Download give the text the CR takes.
 */
export function VerificationTable({ regionId }: { regionId: string }) {
  const now = useConsole((s) => s.metricsNow);
  const baselines = useConsole((s) => s.baselines);
  const toast = useConsole((s) => s.toast);
  const [table, setTable] = useState<Table | null>(null);

  useEffect(() => {
    let current = true;
    void send('getVerificationTable', { regionId }).then((answer) => {
      if (current && answer) setTable(answer);
    });
    return () => {
      current = false;
    };
  }, [regionId, now, baselines]);

  const stamp = new Date(now).toISOString().slice(0, 16).replace(':', '');
  return (
    <section className="verification" aria-label={`${regionId} verification table`}>
      <header className="verification-head">
        <h3>Verification</h3>
        <span className="spacer" />
        <ActionButton disabledReason={table ? null : 'The table is still being read'} onClick={() => table && void copyText(table.text, toast, `${regionId}'s verification table`)}>
          Copy
        </ActionButton>
        <ActionButton disabledReason={table ? null : 'The table is still being read'} onClick={() => table && downloadFile({ filename: `verification-${regionId}-${stamp}.txt`, mediaType: 'text/plain', content: table.text })}>
          Download
        </ActionButton>
      </header>
      {table === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <table className="verification-table">
          <thead>
            <tr>
              <th>Metric</th>
              <th>Baseline</th>
              <th>Current</th>
              <th title="Against the baseline: in percentage points (pp) for a metric that is itself a percentage, relative (%) for the others">Delta</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.metricId}>
                <td>
                  {row.metric}
                  {/* A count says what it is per ("Requests per minute"): a bare "Requests 30612" read as a total. */}
                  {row.per && <span className="muted verification-per"> {row.per}</span>}
                </td>
                <td className="num">{row.baseline}</td>
                <td className="num">{row.current}</td>
                <td className="num">{row.delta}</td>
                <td>
                  <span className={`verdict ${STATUS_CLASS[row.status]}`}>{row.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
