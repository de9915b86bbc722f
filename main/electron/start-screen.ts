import { APP_ORIGIN } from './sender';
import type { Prompt, PromptAction } from './workspace-choice';

/**
 * The start screen and the workspace-error screen: a page main builds from a Prompt and serves on
 * app://console/start, with no script at all. Each choice is a link to app://console/start/choose?i=N;
 * the window never follows it (navigation is always refused), main reads which choice it was instead.
 */
export const START_SCREEN_PATH = '/start';
export const START_SCREEN_URL = `${APP_ORIGIN}${START_SCREEN_PATH}`;
const CHOOSE_PATH = `${START_SCREEN_PATH}/choose`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
:root { color-scheme: dark light; --bg: #0f1216; --panel: #161b22; --text: #e6edf3; --muted: #9da7b3; --border: #30363d; --accent: #4493f8; --bad: #f85149; }
@media (prefers-color-scheme: light) { :root { --bg: #f6f8fa; --panel: #ffffff; --text: #1f2328; --muted: #59636e; --border: #d1d9e0; --accent: #0969da; --bad: #cf222e; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { width: min(720px, calc(100vw - 48px)); background: var(--panel); border: 1px solid var(--border); border-radius: 12px; padding: 28px 32px; }
.brand { margin: 0 0 18px; font-size: 13px; font-weight: 700; letter-spacing: .02em; color: var(--muted); }
h1 { margin: 0 0 8px; font-size: 20px; overflow-wrap: anywhere; }
p { margin: 0 0 16px; color: var(--muted); }
ul.errors { margin: 0 0 16px; padding: 12px 16px; list-style: none; border: 1px solid var(--bad); border-radius: 8px; font: 13px/1.5 ui-monospace, "SF Mono", Menlo, Consolas, monospace; max-height: 50vh; overflow: auto; }
ul.errors li + li { margin-top: 6px; }
nav { display: flex; flex-direction: column; gap: 8px; }
nav a { display: block; padding: 8px 14px; border: 1px solid var(--border); border-radius: 6px; color: var(--text); text-decoration: none; overflow-wrap: anywhere; }
nav a:first-child { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
nav a:hover, nav a:focus-visible { border-color: var(--accent); outline: none; }
nav a:last-child { margin-top: 8px; color: var(--muted); }
`;

/** The page for a prompt: its message, its errors one per line, and one link per choice (the first is the default). */
export function startScreenHtml(prompt: Prompt): string {
  const errors = prompt.errors.length
    ? `<ul class="errors" aria-label="Workspace errors">${prompt.errors.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
    : '';
  const choices = prompt.buttons.map((button, i) => `<a href="${CHOOSE_PATH}?i=${i}">${escapeHtml(button.label)}</a>`).join('\n    ');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(prompt.title)}</title><style>${STYLE}</style></head>
<body>
<main>
  <p class="brand">Release Console</p>
  <h1>${escapeHtml(prompt.message)}</h1>
  ${errors}
  <p>${escapeHtml(prompt.detail)}</p>
  <nav aria-label="Choices">
    ${choices}
  </nav>
</main>
</body>
</html>
`;
}

/** Which choice a followed link on the start screen names, or null for any other URL (it stays refused). */
export function startScreenChoice(url: string, prompt: Prompt | null): PromptAction | null {
  if (!prompt) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN || parsed.pathname !== CHOOSE_PATH) return null;
  const raw = parsed.searchParams.get('i') ?? '';
  if (!/^\d{1,3}$/.test(raw)) return null;
  return prompt.buttons[Number(raw)]?.action ?? null;
}
