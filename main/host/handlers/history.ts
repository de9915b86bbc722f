import type { PastReleaseView } from '../../../shared/api';
import type { Handlers } from '../host';
import type { ReleaseHistory } from '../../release/history';
import { crEvidenceMarkdown, deploymentLogEntry, type EvidenceInput } from '../../release/evidence';

export interface HistorySources {
  history: ReleaseHistory;
  pastReleases(): Promise<PastReleaseView[]>;
  /** The release's evidence as an export builds it (main/release/evidence.ts), without its transcripts' text. */
  evidence(releaseId: string): Promise<EvidenceInput>;
}

/** Reading only: none of these is in RECORD_CHANGING_CALLS, so all answer while the log is read-only, and none is logged. */
export function historyHandlers({ history, pastReleases, evidence }: HistorySources): Pick<Handlers, 'getHistory' | 'getPastReleases' | 'readReleaseEvidence'> {
  return {
    getHistory: ({ filter, offset, limit }) => history.page(filter, offset, limit),
    getPastReleases: async () => ({ releases: await pastReleases() }),
    readReleaseEvidence: async ({ releaseId }) => {
      const input = await evidence(releaseId);
      return {
        crEvidence: crEvidenceMarkdown(input).content,
        deploymentLog: deploymentLogEntry(input).content,
        transcripts: input.transcripts.map(({ content: _content, ...listed }) => listed),
      };
    },
  };
}
