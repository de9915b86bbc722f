import { messageSegments } from '../../shared/announce/links';
import { useConsole } from '../store/store';

/**
 * Text whose ticket ids and URLs are links, by the rules a Slack post uses (shared/announce/links.ts): a
 * ticket the release names, through the workspace's ticketUrl, and only to a host under its externalLinks.
 */
export function LinkedText({ text, tickets }: { text: string; tickets: readonly string[] }) {
  const allowedHosts = useConsole((s) => s.session?.workspace.externalLinks);
  const ticketUrl = useConsole((s) => s.session?.workspace.ticketUrl ?? undefined);
  return (
    <>
      {messageSegments(text, { allowedHosts: allowedHosts ?? [], ticketUrl, tickets }).map((s, i) =>
        s.href === undefined ? (
          s.text
        ) : (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
            {s.text}
          </a>
        ),
      )}
    </>
  );
}
