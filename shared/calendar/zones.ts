import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

/**
 * The IANA zone a calendar's TZID names. Google and AWS write IANA names; Outlook writes Windows names
 * ("GMT Standard Time", "W. Europe Standard Time"), mapped here by the CLDR windowsZones table that the
 * windows-iana package ships (its first answer is CLDR's "001" territory, the zone Windows means).
 * Null when the name is neither: the event's own VTIMEZONE then has to say what it means.
 */
const known = new Map<string, string | null>();

export function ianaZoneOf(tzid: string): string | null {
  let zone = known.get(tzid);
  if (zone === undefined) {
    // Every occurrence of an event asks again; the CLDR table is searched once per name.
    zone = lookUp(tzid);
    known.set(tzid, zone);
  }
  return zone;
}

function lookUp(tzid: string): string | null {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (IANAZone.isValidZone(name)) return name;
  const mapped = findIana(name)[0];
  return mapped && IANAZone.isValidZone(mapped) ? mapped : null;
}
