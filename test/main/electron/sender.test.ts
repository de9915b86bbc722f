import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/electron/sender';

describe('IPC sender validation', () => {
  it.each([
    ['the app top frame', { url: 'app://console/index.html', isTopFrame: true }, true],
    ['the app top frame on another route', { url: 'app://console/index.html#/release', isTopFrame: true }, true],
    ['a subframe of the app', { url: 'app://console/index.html', isTopFrame: false }, false],
    ['another app host', { url: 'app://evil/index.html', isTopFrame: true }, false],
    ['a web page', { url: 'https://console.example/index.html', isTopFrame: true }, false],
    ['a file URL', { url: 'file:///tmp/index.html', isTopFrame: true }, false],
    ['an unparseable URL', { url: 'not a url', isTopFrame: true }, false],
    ['a null frame (destroyed or navigated away)', null, false],
  ])('%s is %s', (_name, frame, trusted) => {
    expect(isTrustedSender(frame)).toBe(trusted);
  });
});
