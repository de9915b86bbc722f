import type { RegionSummary } from '../../shared/api';

function localTime(now: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone, weekday: 'short' }).format(now);
}

export function RegionPane({ regions, now }: { regions: RegionSummary[]; now: number }) {
  return (
    <section className="region-pane" aria-label="Regions">
      <h2>Regions</h2>
      <ul className="region-grid">
        {regions.map((region) => (
          <li key={region.id} className="region-tile" data-region={region.id}>
            <div className="region-tile-head">
              <span className="region-id">{region.id}</span>
              <span className="region-name">{region.name}</span>
            </div>
            <dl className="region-facts">
              <dt>AWS</dt>
              <dd>{region.awsRegion}</dd>
              <dt>Local</dt>
              <dd>
                {localTime(now, region.zone)} <span className="muted">{region.zone}</span>
              </dd>
              {region.sibling && (
                <>
                  <dt>Sibling</dt>
                  <dd>{region.sibling}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
