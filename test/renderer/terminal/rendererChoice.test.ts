import { describe, expect, it } from 'vitest';
import { chooseRenderer, isRendererPreference, softwareRasterizer, type WebglProbe } from '../../../renderer/views/terminal/rendererChoice';

// Renderer names as Chromium reports them (UNMASKED_RENDERER_WEBGL).
const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const LLVMPIPE = 'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)';
const WARP = 'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)';
const INTEL = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)';
const APPLE = 'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)';

const gpu = (name: string | null): WebglProbe => ({ webgl2: true, rendererName: name });
const noWebgl2: WebglProbe = { webgl2: false, rendererName: null };

describe('the terminal renderer choice', () => {
  it.each([
    [SWIFTSHADER, 'SwiftShader'],
    [LLVMPIPE, 'llvmpipe'],
    [WARP, 'Microsoft Basic Render Driver'],
    ['Google SwiftShader', 'SwiftShader'],
    ['Software Rasterizer', 'a software rasterizer'],
  ])('names %j a software rasterizer (%s)', (name, said) => {
    expect(softwareRasterizer(name)).toBe(said);
  });

  it.each([[INTEL], [NVIDIA], [APPLE], [null]])('does not take %j for software', (name) => {
    expect(softwareRasterizer(name)).toBeNull();
  });

  it('auto: WebGL on a real GPU, and says which', () => {
    for (const name of [INTEL, NVIDIA, APPLE]) {
      expect(chooseRenderer('auto', gpu(name), false)).toEqual({ renderer: 'webgl', reason: `WebGL: a GPU is there (${name})` });
    }
  });

  it('auto: DOM where WebGL is drawn in software, saying so in the words the title shows', () => {
    expect(chooseRenderer('auto', gpu(SWIFTSHADER), false)).toEqual({ renderer: 'dom', reason: 'DOM: WebGL here is software (SwiftShader)' });
    expect(chooseRenderer('auto', gpu(LLVMPIPE), false).renderer).toBe('dom');
    expect(chooseRenderer('auto', gpu(WARP), false).renderer).toBe('dom');
  });

  it('auto and webgl: DOM where there is no WebGL2', () => {
    expect(chooseRenderer('auto', noWebgl2, false)).toEqual({ renderer: 'dom', reason: 'DOM: this page has no WebGL2' });
    expect(chooseRenderer('webgl', noWebgl2, false).renderer).toBe('dom');
  });

  it('webgl forces WebGL even on a software rasterizer', () => {
    expect(chooseRenderer('webgl', gpu(SWIFTSHADER), false)).toEqual({ renderer: 'webgl', reason: `WebGL: chosen in the preference (${SWIFTSHADER})` });
  });

  it('dom is DOM whatever the GPU', () => {
    expect(chooseRenderer('dom', gpu(NVIDIA), false)).toEqual({ renderer: 'dom', reason: 'DOM: chosen in the preference' });
  });

  it('once WebGL failed on the page, every choice is DOM, the forced one too', () => {
    for (const preference of ['auto', 'webgl'] as const) {
      expect(chooseRenderer(preference, gpu(NVIDIA), true)).toEqual({
        renderer: 'dom',
        reason: 'DOM: WebGL failed on this page (it lost its context or could not load)',
      });
    }
  });

  it('knows its three preferences and nothing else (what localStorage may hold)', () => {
    expect(['auto', 'webgl', 'dom'].every(isRendererPreference)).toBe(true);
    for (const foreign of ['gpu', 'canvas', 'WEBGL', '', null, 1, {}]) expect(isRendererPreference(foreign)).toBe(false);
  });
});
