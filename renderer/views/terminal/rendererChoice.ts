// Which xterm.js renderer a console terminal draws with: the one decision, pure (no DOM, no xterm.js), so
// every terminal of the page (step terminals, shells, the transcript viewer) and the preference's title
// give the same answer for the same facts.
//
// Followed from VS Code (src/vs/workbench/contrib/terminal/browser/xterm/xtermTerminal.ts):
// `terminal.integrated.gpuAcceleration` is 'auto' | 'on' | 'off', default 'auto'; `_shouldLoadWebgl()` is
// true for 'on', and for 'auto' while no renderer has been "suggested"; when the WebGL addon fails to
// load or its context is lost, VS Code disposes it, continues on the DOM renderer and sets the static
// `_suggestedRendererType = 'dom'`, so later terminals of that window do not try again.
// Where we differ: VS Code's 'auto' tries WebGL wherever WebGL2 exists. Here 'auto' also declines a
// software rasterizer (SwiftShader, llvmpipe ...): WebGL drawn on the CPU takes the cores the pty, main
// and xterm.js's parse need, and Chromium started with --disable-gpu still offers WebGL2 through
// SwiftShader, so "WebGL2 exists" alone would pick the slow path on exactly the machines without a GPU.

export type RendererPreference = 'auto' | 'webgl' | 'dom';
export type RendererKind = 'webgl' | 'dom';

export const RENDERER_PREFERENCES: readonly RendererPreference[] = ['auto', 'webgl', 'dom'];

export function isRendererPreference(value: unknown): value is RendererPreference {
  return typeof value === 'string' && (RENDERER_PREFERENCES as readonly string[]).includes(value);
}

/** What the page learned about WebGL, once: whether a WebGL2 context could be made, and its renderer's name. */
export interface WebglProbe {
  webgl2: boolean;
  /** UNMASKED_RENDERER_WEBGL (or RENDERER where the unmasked name is not offered); null without WebGL2. */
  rendererName: string | null;
}

/**
 * Names that mean the "GPU" is the CPU: Chromium's SwiftShader (alone or under ANGLE), Mesa's llvmpipe and
 * softpipe, Windows' WARP ("Microsoft Basic Render Driver"), and drivers that call themselves software.
 */
const SOFTWARE_RASTERIZERS = /swiftshader|llvmpipe|softpipe|software|basic render driver|\bwarp\b/i;

/** The software rasterizer's own name for the user, e.g. "SwiftShader", or null when the name is a real GPU's. */
export function softwareRasterizer(rendererName: string | null): string | null {
  if (rendererName === null) return null;
  const match = SOFTWARE_RASTERIZERS.exec(rendererName);
  if (match === null) return null;
  const known: Record<string, string> = {
    swiftshader: 'SwiftShader',
    llvmpipe: 'llvmpipe',
    softpipe: 'softpipe',
    'basic render driver': 'Microsoft Basic Render Driver',
    warp: 'WARP',
  };
  return known[match[0].toLowerCase()] ?? 'a software rasterizer';
}

export interface RendererChoice {
  renderer: RendererKind;
  /** Said to the user in the preference's title: what was picked here and why. */
  reason: string;
}

/**
 * The renderer for a terminal. `webglFailed` is the page's memory that WebGL failed to load or lost its
 * context (VS Code's suggestedRendererType): from then on every choice is DOM, even a forced 'webgl',
 * since the addon would fail again the same way.
 */
export function chooseRenderer(preference: RendererPreference, probe: WebglProbe, webglFailed: boolean): RendererChoice {
  if (preference === 'dom') return { renderer: 'dom', reason: 'DOM: chosen in the preference' };
  if (webglFailed) return { renderer: 'dom', reason: 'DOM: WebGL failed on this page (it lost its context or could not load)' };
  if (!probe.webgl2) return { renderer: 'dom', reason: 'DOM: this page has no WebGL2' };
  if (preference === 'webgl') return { renderer: 'webgl', reason: `WebGL: chosen in the preference (${probe.rendererName ?? 'unnamed renderer'})` };
  const software = softwareRasterizer(probe.rendererName);
  if (software !== null) return { renderer: 'dom', reason: `DOM: WebGL here is software (${software})` };
  return { renderer: 'webgl', reason: `WebGL: a GPU is there (${probe.rendererName ?? 'unnamed renderer'})` };
}
