import { useEffect, useState } from 'react';
import type { LogRecordView } from '../../../shared/api';
import { consoleApi } from '../../api/boot';
import { useConsole } from '../../store/store';

/**
 * Where the release log stands and what its start-up checks found, as main says: read on each
 * (re)connection, and replaced whenever main pushes a new record (after an acknowledgement).
 */
export function useLogRecord(): LogRecordView | null {
  const connection = useConsole((s) => s.connection);
  const [record, setRecord] = useState<LogRecordView | null>(null);
  useEffect(() => consoleApi().onLogRecord(setRecord), []);
  useEffect(() => {
    if (connection !== 'open') return;
    let current = true;
    void consoleApi()
      .getLogRecord({})
      .then((result) => current && result.ok && setRecord(result.value));
    return () => {
      current = false;
    };
  }, [connection]);
  return record;
}

/** The head as a person pastes it into a CR: enough to find and check the exact entry later. */
export function headForCopy(record: LogRecordView): string {
  return `Release log head: seq ${record.head.seq}, sha256 ${record.head.hash}`;
}
