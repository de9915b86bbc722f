// Carries out rendererChoice's answer on a live xterm.js Terminal: loads or disposes the WebGL addon (the
// DOM renderer is xterm.js's own, back as soon as the addon is gone), so switching keeps the terminal's
// buffer, scrollback and selection. Also holds what the page learned: the WebGL probe, read once, and
// whether WebGL failed here (VS Code's suggestedRendererType), with the one toast that says so.
import { useSyncExternalStore } from 'react';
import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
import { consoleStore } from '../../store/store';
import { chooseRenderer, type RendererChoice, type RendererKind, type RendererPreference, type WebglProbe } from './rendererChoice';

let probed: WebglProbe | null = null;

/** WebGL2 and its renderer's name, asked of a throwaway canvas once per page; its context is released at once. */
export function webglProbe(): WebglProbe {
  if (probed !== null) return probed;
  probed = { webgl2: false, rendererName: null };
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl !== null) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
      probed = { webgl2: true, rendererName: typeof name === 'string' ? name : null };
      // Chromium allows only so many live contexts per page; the terminals need theirs.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // A browser that throws on the probe has no WebGL we would trust: DOM.
  }
  return probed;
}

let webglFailed = false;
const failureListeners = new Set<() => void>();

/** WebGL failed on this page: every terminal chooses DOM from now on, and the user is told once. */
function noteWebglFailed(what: string): void {
  if (webglFailed) return;
  webglFailed = true;
  for (const listener of failureListeners) listener();
  consoleStore.getState().toast('info', `Terminals: WebGL ${what}; the terminals continue on the DOM renderer, with what they showed.`);
}

function subscribeFailure(listener: () => void): () => void {
  failureListeners.add(listener);
  return () => {
    failureListeners.delete(listener);
  };
}

/** The choice for `preference` on this page, re-rendered when WebGL fails. */
export function useRendererChoice(preference: RendererPreference): RendererChoice {
  const failed = useSyncExternalStore(subscribeFailure, () => webglFailed);
  return chooseRenderer(preference, webglProbe(), failed);
}

/**
 * One terminal's renderer: `apply` is called on creation and whenever the preference or the terminal's
 * visibility changes. Only a shown terminal holds a WebGL context: Chromium keeps at most 16 live per page
 * and drops the oldest beyond that (checked here: the 17th context loses the first), and the console keeps
 * every step terminal and shell of a release alive in hidden tabs, so a context per terminal would soon
 * lose one. A hidden terminal is on DOM, which draws nothing while hidden, and gets WebGL back when shown.
 */
export class TerminalRenderer {
  private webgl: WebglAddon | null = null;
  private readonly unsubscribe: () => void;
  private preference: RendererPreference = 'auto';
  private visible = true;

  /** `host` shows the renderer in use (data-renderer), for the e2e tests and anyone inspecting the page. */
  constructor(
    private readonly term: Terminal,
    private readonly host: HTMLElement,
  ) {
    // A failure anywhere moves every terminal of the page to DOM (VS Code only changes later ones): a lost
    // context usually means the GPU process went, taking every context with it, and the preference's
    // title then tells the truth about all of them.
    this.unsubscribe = subscribeFailure(() => this.apply(this.preference, this.visible));
  }

  apply(preference: RendererPreference, visible = this.visible): RendererKind {
    this.preference = preference;
    this.visible = visible;
    const chosen = chooseRenderer(preference, webglProbe(), webglFailed).renderer;
    const renderer = visible ? chosen : 'dom';
    if (renderer === 'webgl' && this.webgl === null) this.loadWebgl();
    else if (renderer === 'dom' && this.webgl !== null) this.dropWebgl();
    const now: RendererKind = this.webgl === null ? 'dom' : 'webgl';
    this.host.dataset.renderer = now;
    return now;
  }

  private loadWebgl(): void {
    let addon: WebglAddon | null = null;
    try {
      // Both can throw: the constructor where there is no WebGL2, loading where the context cannot be made.
      addon = new WebglAddon();
      this.term.loadAddon(addon);
    } catch (error) {
      addon?.dispose();
      noteWebglFailed(`could not start (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    this.webgl = addon;
    const loaded = addon;
    // The addon fires this after waiting for the browser to restore the context, which it did not.
    addon.onContextLoss(() => {
      if (this.webgl !== loaded) return;
      this.dropWebgl();
      this.host.dataset.renderer = 'dom';
      noteWebglFailed('lost its context');
    });
  }

  private dropWebgl(): void {
    const addon = this.webgl;
    if (addon === null) return;
    this.webgl = null;
    const canvases = [...this.host.querySelectorAll('canvas')];
    addon.dispose();
    // The addon removes its canvas but leaves the context to the garbage collector, and until then it
    // counts against the page's 16: released here, on the canvas it took out of the page.
    for (const canvas of canvases) {
      if (!canvas.isConnected) canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
    }
  }

  dispose(): void {
    this.unsubscribe();
    this.dropWebgl();
  }
}
