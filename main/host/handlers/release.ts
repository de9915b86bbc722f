import type { Handlers } from '../host';
import { ApiFailure } from '../failure';
import type { ReleaseService } from '../../release/service';
import { announcement, crEvidenceMarkdown, deploymentLogEntry, type EvidenceInput, type EvidenceOptions } from '../../release/evidence';

export interface ReleaseHandlerDeps {
  releases: ReleaseService;
  /** Moves the rehearsal clock, when `decide` allows it (never on the system clock). */
  moveClock: (move: { to?: number; advanceMs?: number }) => Promise<number>;
  evidence: (releaseId: string, options: EvidenceOptions) => Promise<EvidenceInput>;
  /** Set while the release log is read-only (tampering found, not acknowledged). */
  readOnly: () => { reason: string } | null;
}

type ReleaseCalls =
  | 'startStep'
  | 'stopStep'
  | 'retakeBaseline'
  | 'takeOverLease'
  | 'completeStep'
  | 'approveStep'
  | 'overrideStep'
  | 'approveOverride'
  | 'tickQaItem'
  | 'transitionHandover'
  | 'moveRehearsalClock'
  | 'exportEvidence';

export function releaseHandlers({ releases, moveClock, evidence, readOnly }: ReleaseHandlerDeps): Pick<Handlers, ReleaseCalls> {
  return {
    startStep: (ref) => releases.startStep(ref),
    stopStep: (ref) => releases.stopStep(ref),
    retakeBaseline: (ref) => releases.retakeBaseline(ref),
    takeOverLease: ({ regionId, reason }) => releases.takeOverLease(regionId, reason),
    completeStep: ({ outcome, note, ...ref }) => releases.completeStep(ref, outcome, note),
    approveStep: (ref) => releases.approveStep(ref),
    overrideStep: ({ reason, approvers, ...ref }) => releases.overrideStep(ref, reason, approvers),
    approveOverride: (ref) => releases.approveOverride(ref),
    tickQaItem: ({ releaseId, itemId, outcome, note, link }) => releases.tickQa(releaseId, itemId, outcome, note, link),
    transitionHandover: ({ releaseId, handoverId, to }) => releases.transitionHandover(releaseId, handoverId, to),
    moveRehearsalClock: async (move) => {
      if (move.to === undefined && move.advanceMs === undefined) throw new ApiFailure('invalid_request', 'Say where the clock goes: `to` (epoch ms) or `advanceMs`.');
      return { now: await moveClock(move) };
    },
    exportEvidence: async ({ releaseId, format, includeTranscripts }) => {
      releases.release(releaseId);
      const input = await evidence(releaseId, { includeTranscripts: includeTranscripts ?? false });
      const file =
        format === 'cr-markdown'
          ? crEvidenceMarkdown(input)
          : format === 'deployment-log'
            ? deploymentLogEntry(input)
            : announcement(format === 'announcement-start' ? 'start' : format === 'announcement-complete' ? 'complete' : 'rollback', input);
      // An export reads the record; it is logged, except while the log is read-only, when evidence of what was
      // found is exactly what a PE needs to take off the machine.
      if (!readOnly()) await releases.require({ kind: 'exportEvidence', release: releaseId, format, filename: file.filename });
      // The screen shows the list the file carries; never the text, which is in `content` only when asked for.
      return { ...file, transcripts: input.transcripts.map(({ content: _content, ...listed }) => listed) };
    },
  };
}
