import { useConsole } from '../store/store';

/**
 * The console went away (the serve process stopped, the bastion rebooted) while a view is on screen. The
 * status bar's small "Disconnected — retrying" was easy to miss, and the screen below it still offered Run and
 * Roll back as if they would act: this says, where the PE is looking, that they will not until it is back.
 */
export function ConnectionLost() {
  const connection = useConsole((s) => s.connection);
  const hasView = useConsole((s) => s.view !== null);
  if (!hasView || connection === 'open') return null;
  return (
    <div role="alert" className="banner banner-error connection-lost">
      <strong>The connection to the console is lost — retrying every second.</strong> What is on screen is the state
      before it was lost, and nothing pressed now reaches the console; the screen is brought up to date when it is back.
    </div>
  );
}
