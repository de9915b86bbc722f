import { describe, expect, it } from 'vitest';
import { observedWorld, parseProbeOutput } from '../../../shared/world/probeReport';
import { reconcilable, regionReconcileView, worldDifferences, type BelievedWorld } from '../../../shared/world/reconcile';
import type { ObservedWorld } from '../../../shared/world/probeReport';

const believed = (over: Partial<BelievedWorld> = {}): BelievedWorld => ({ regionId: 'EUW2', maintenanceMode: false, versions: { 'voicemail-service': '2.4.0' }, ...over });
const observed = (over: Partial<ObservedWorld> = {}): ObservedWorld => ({ regionId: 'EUW2', maintenanceMode: false, versions: { 'voicemail-service': '2.4.0' }, ...over });

describe('worldDifferences: what the tools report against what the console believes', () => {
  it.each<[string, BelievedWorld, ObservedWorld, string[]]>([
    ['agreement is no difference', believed(), observed(), []],
    ['maintenance the console did not put on', believed(), observed({ maintenanceMode: true }), ['tools say EUW2 is in maintenance; the console did not put it there']],
    ['maintenance the console put on but the tools say is off', believed({ maintenanceMode: true }), observed(), ['tools say EUW2 is serving its own traffic; the console believes it is in maintenance']],
    ['a version other than the one expected', believed(), observed({ versions: { 'voicemail-service': '2.4.1' } }), ['tools say EUW2 runs voicemail-service 2.4.1; the console expected 2.4.0']],
    ['a package that no longer runs', believed(), observed({ versions: { 'voicemail-service': null } }), ['tools say EUW2 does not run voicemail-service; the console expected 2.4.0']],
    ['a new package running before the console deployed it', believed({ versions: { 'sentiment-worker': null } }), observed({ versions: { 'sentiment-worker': '0.3.0' } }), ['tools say EUW2 runs sentiment-worker 0.3.0; the console expected it not to run there']],
    ['a new package that is not running, reported or not', believed({ versions: { 'sentiment-worker': null, x: null } }), observed({ versions: { 'sentiment-worker': null } }), []],
    ['a package the tools do not report', believed(), observed({ versions: {} }), ['tools do not report voicemail-service in EUW2; the console expected 2.4.0']],
    ['packages the console has no belief about are not differences', believed(), observed({ versions: { 'voicemail-service': '2.4.0', 'portal-web': '12.4.0' } }), []],
    ['no maintenance probe: maintenance is not compared', believed({ maintenanceMode: true }), observed({ maintenanceMode: null }), []],
    ['no versions probe: versions are not compared', believed(), observed({ versions: null }), []],
    [
      'every difference, maintenance first and packages by name',
      believed({ versions: { b: '1', a: '1' } }),
      observed({ maintenanceMode: true, versions: { a: '2', b: '3' } }),
      ['tools say EUW2 is in maintenance; the console did not put it there', 'tools say EUW2 runs a 2; the console expected 1', 'tools say EUW2 runs b 3; the console expected 1'],
    ],
  ])('%s', (_name, belief, report, sentences) => {
    expect(worldDifferences(belief, report).map((d) => d.sentence)).toEqual(sentences);
  });

  it('carries the facts beside the sentence, for the log', () => {
    expect(worldDifferences(believed(), observed({ versions: { 'voicemail-service': '2.4.1' } }))).toEqual([
      { kind: 'version', regionId: 'EUW2', package: 'voicemail-service', reported: true, tools: '2.4.1', console: '2.4.0', sentence: 'tools say EUW2 runs voicemail-service 2.4.1; the console expected 2.4.0' },
    ]);
  });
});

describe('regionReconcileView: what the tile shows', () => {
  it.each([
    ['a region without probes is not reconciled and cannot be', false, null, { status: 'no-probes', at: null, differences: [], error: null }],
    ['a region with probes before its first reconcile', true, null, { status: 'not-reconciled', at: null, differences: [], error: null }],
    ['a reconcile that agrees', true, { at: 5, observed: observed() }, { status: 'agrees', at: 5, differences: [], error: null }],
    ['a reconcile that differs', true, { at: 5, observed: observed({ maintenanceMode: true }) }, { status: 'differs', at: 5, differences: ['tools say EUW2 is in maintenance; the console did not put it there'], error: null }],
    ['a reconcile whose probe failed', true, { at: 5, error: 'The maintenance probe of EUW2 failed.' }, { status: 'failed', at: 5, differences: [], error: 'The maintenance probe of EUW2 failed.' }],
  ] as const)('%s', (_name, hasProbes, last, view) => {
    expect(regionReconcileView(hasProbes, last, believed())).toEqual(view);
  });

  it('a difference goes away once the console believes what the tools said, without reconciling again', () => {
    const last = { at: 5, observed: observed({ maintenanceMode: true }) };
    expect(regionReconcileView(true, last, believed()).status).toBe('differs');
    expect(regionReconcileView(true, last, believed({ maintenanceMode: true }))).toMatchObject({ status: 'agrees', differences: [] });
  });
});

describe('reconcilable: which regions Reconcile may probe', () => {
  it.each([
    ['a region with probes', { id: 'EUW2', probes: { maintenance: 'm' } }, { ok: true }],
    ['a region without probes', { id: 'EUW2' }, { ok: false, code: 'conflict', message: 'EUW2 is not reconciled: regions.yaml declares no probes for it.' }],
    ['no such region', undefined, { ok: false, code: 'not_found', message: 'There is no region EUW2.' }],
  ])('%s', (_name, region, verdict) => {
    expect(reconcilable(region, 'EUW2')).toMatchObject(verdict);
  });
});

describe('probe reports', () => {
  it.each([
    ['maintenance', '{"region":"EUW2","maintenanceMode":true,"redirectedTo":"EUC1"}', true],
    ['maintenance', '{"region":"EUW2","maintenanceMode":false,"redirectedTo":null,"extra":1}', true],
    ['versions', '{"versions":[{"region":"EUW2","package":"transcribed","version":null}]}', true],
  ] as const)('accepts a %s report %s', (kind, text, ok) => {
    expect(parseProbeOutput(kind, text).ok).toBe(ok);
  });

  it.each([
    ['maintenance', 'EUW2: maintenance mode ON', /its output is not JSON .*it began "EUW2: maintenance mode ON"/],
    ['maintenance', '{"region":"EUW2","maintenanceMode":"on"}', /does not match the maintenance report: maintenanceMode: /],
    ['versions', '{"versions":[{"region":"EUW2","package":"transcribed"}]}', /does not match the versions report: versions\.0\.version: /],
    ['versions', '[]', /does not match the versions report: the document: /],
  ] as const)('refuses a %s report %s with what is wrong and where', (kind, text, message) => {
    const parsed = parseProbeOutput(kind, text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('keeps only the rows for the region, and refuses a maintenance report about another region', () => {
    const versions = { versions: [{ region: 'EUW2', package: 'a', version: '1' }, { region: 'EUC1', package: 'a', version: '2' }, { region: 'EUW2', package: '__proto__', version: '3' }] };
    const seen = observedWorld('EUW2', null, versions);
    expect(seen).toEqual({ ok: true, observed: { regionId: 'EUW2', maintenanceMode: null, versions: { a: '1', ['__proto__']: '3' } } });
    if (seen.ok) expect(Object.hasOwn(seen.observed.versions!, '__proto__')).toBe(true);
    expect(observedWorld('EUW2', { region: 'EUC1', maintenanceMode: true }, null)).toEqual({ ok: false, error: 'the maintenance probe for EUW2 reported region EUC1' });
  });
});
