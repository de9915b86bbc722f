import { useState } from 'react';
import type { WorkspaceProblem } from '../../shared/api';
import { consoleApi } from '../api/boot';
import { useConsole } from '../store/store';
import { ActionButton } from './ActionButton';

/**
 * Browser mode's workspace that does not load. serve said it on its stderr, where the PE is not looking: the
 * page says what is wrong and where, and what to do. The console reads the folder again on every save and the
 * page opens the console then; "Try again" reads it now (a folder on a share whose saves are not seen).
 */
export function WorkspaceProblemScreen({ problem }: { problem: WorkspaceProblem }) {
  const setWorkspaceProblem = useConsole((s) => s.setWorkspaceProblem);
  const [reading, setReading] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const count = problem.errors.length;

  async function tryAgain(): Promise<void> {
    setReading(true);
    setOutcome(null);
    const result = await consoleApi().retryWorkspace({});
    setReading(false);
    if (!result.ok) setOutcome(result.error.message);
    else if (result.value) {
      setWorkspaceProblem(result.value);
      setOutcome(`Read again: it still does not load (${result.value.errors.length} error${result.value.errors.length === 1 ? '' : 's'}).`);
    } else setOutcome('It loads: opening the console…');
  }

  return (
    <main className="workspace-problem" aria-labelledby="workspace-problem-title">
      <h1 id="workspace-problem-title">The workspace could not be loaded</h1>
      <p>
        <code>{problem.dir}</code> has {count === 1 ? 'an error' : `${count} errors`}. Nothing can be run until {count === 1 ? 'it is' : 'they are'} fixed.
      </p>
      <ol className="workspace-problem-errors" aria-label="Workspace errors">
        {problem.errors.map((e, i) => (
          <li key={`${e.file}:${e.line}:${e.column}:${i}`}>
            <code className="where">
              {e.file}:{e.line}:{e.column}
            </code>
            <span className="what">{e.message}</span>
          </li>
        ))}
      </ol>
      <p>
        Fix {count === 1 ? 'the file' : 'the files'} in your editor and save: this page reads the folder again on every save and opens the console
        as soon as it loads.
      </p>
      <p className="workspace-problem-actions">
        <ActionButton className="primary" disabledReason={reading ? 'Reading the folder again…' : null} onClick={() => void tryAgain()}>
          Try again
        </ActionButton>
        <span role="status" className="muted">
          {reading ? 'Reading the folder again…' : outcome}
        </span>
      </p>
    </main>
  );
}
