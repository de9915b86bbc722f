import type { LogRecordView } from '../../../shared/api';
import type { Handlers } from '../host';

export interface LogRecordSource {
  record(): LogRecordView;
  /** Appends the acknowledgement as the operator the console knows now, then says where the log stands. */
  acknowledge(): Promise<LogRecordView>;
}

export function recordHandlers(source: LogRecordSource): Pick<Handlers, 'getLogRecord' | 'acknowledgeLog'> {
  return {
    getLogRecord: () => source.record(),
    acknowledgeLog: () => source.acknowledge(),
  };
}
