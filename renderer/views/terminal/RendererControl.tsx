import { useConsole } from '../../store/store';
import { isRendererPreference } from './rendererChoice';
import { useRendererChoice } from './terminalRenderer';

const LABELS = { auto: 'Auto', webgl: 'WebGL', dom: 'DOM' } as const;

/**
 * The panel's renderer preference, beside copy-on-select: Auto shows what it picked on this machine, and
 * the title says why (e.g. "DOM: WebGL here is software (SwiftShader)").
 */
export function RendererControl() {
  const preference = useConsole((s) => s.panel.renderer);
  const setPanel = useConsole((s) => s.setPanel);
  const choice = useRendererChoice(preference);
  const auto = useRendererChoice('auto');
  return (
    <label className="terminal-option" title={choice.reason}>
      Renderer
      <select
        className="terminal-renderer"
        aria-label="Terminal renderer"
        value={preference}
        onChange={(e) => {
          if (isRendererPreference(e.target.value)) setPanel({ renderer: e.target.value });
        }}
      >
        <option value="auto">{`${LABELS.auto} (${auto.renderer === 'webgl' ? LABELS.webgl : LABELS.dom})`}</option>
        {/* Forced WebGL that could not be had (no WebGL2, or it failed on this page) says what draws instead. */}
        <option value="webgl">{preference === 'webgl' && choice.renderer === 'dom' ? `${LABELS.webgl} (on DOM)` : LABELS.webgl}</option>
        <option value="dom">{LABELS.dom}</option>
      </select>
    </label>
  );
}
