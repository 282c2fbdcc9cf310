import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import type { SiteSettings } from '../reports';
import {
  canonicalZone, describeSettings, draftOf, knownZones, retentionPhrase, settingsChange, settingsErrors, zoneClock,
} from './settings';

describe('settings', () => {
  const stored: SiteSettings = { site_id: 'shop', retention_days: null, time_zone: 'UTC' };
  const zones = ['UTC', 'America/New_York', 'Europe/Zurich'];

  it('starts the form from the stored settings', () => {
    expect(draftOf(stored)).toEqual({ timeZone: 'UTC', keepForever: true, days: '' });
    expect(draftOf({ ...stored, retention_days: 90, time_zone: 'Europe/Zurich' }))
      .toEqual({ timeZone: 'Europe/Zurich', keepForever: false, days: '90' });
  });

  it('suggests the browser\'s zones with UTC first, and UTC alone where the browser cannot list them', () => {
    expect(knownZones({ supportedValuesOf: () => ['Africa/Abidjan', 'Europe/Zurich'] })).toEqual(['UTC', 'Africa/Abidjan', 'Europe/Zurich']);
    expect(knownZones({ supportedValuesOf: () => ['Europe/Zurich', 'UTC'] })).toEqual(['UTC', 'Europe/Zurich']);
    expect(knownZones({})).toEqual(['UTC']);
    expect(knownZones({ supportedValuesOf: () => { throw new RangeError('Invalid key : timeZone'); } })).toEqual(['UTC']);
    expect(knownZones()).toContain('Europe/Zurich');
  });

  it('spells a zone typed in another case as the list does, and leaves unknown names to the API', () => {
    expect(canonicalZone('  Europe/Zurich ', zones)).toBe('Europe/Zurich');
    expect(canonicalZone('europe/zurich', zones)).toBe('Europe/Zurich');
    expect(canonicalZone('utc', zones)).toBe('UTC');
    expect(canonicalZone('Europe/Kyiv', zones)).toBe('Europe/Kyiv');
    expect(canonicalZone('Mars/Olympus_Mons', zones)).toBe('Mars/Olympus_Mons');
  });

  it('sends only the settings that changed', () => {
    expect(settingsChange({ timeZone: 'europe/zurich', keepForever: true, days: '' }, stored, zones))
      .toEqual({ body: { time_zone: 'Europe/Zurich' } });
    expect(settingsChange({ timeZone: 'UTC', keepForever: false, days: ' 90 ' }, stored, zones))
      .toEqual({ body: { retention_days: 90 } });
    expect(settingsChange({ timeZone: 'America/New_York', keepForever: false, days: '30' }, stored, zones))
      .toEqual({ body: { time_zone: 'America/New_York', retention_days: 30 } });
    expect(settingsChange({ timeZone: 'UTC', keepForever: true, days: '' }, stored, zones)).toEqual({ body: {} });
  });

  it('sends null to keep raw events forever again, whatever days were typed', () => {
    const limited = { ...stored, retention_days: 90 };
    expect(settingsChange({ timeZone: 'UTC', keepForever: true, days: '90' }, limited, zones)).toEqual({ body: { retention_days: null } });
    expect(settingsChange({ timeZone: 'UTC', keepForever: false, days: '90' }, limited, zones)).toEqual({ body: {} });
  });

  it('refuses what the API would refuse for days, and a missing zone, before asking it', () => {
    const refused = { retention_days: 'Retention must be a whole number of days from 1 to 36500, or keep forever.' };
    for (const days of ['', '0', '36501', '1.5', '-3', '1e3', 'ninety']) {
      expect(settingsChange({ timeZone: 'UTC', keepForever: false, days }, stored, zones)).toEqual({ errors: refused });
    }
    expect(settingsChange({ timeZone: 'UTC', keepForever: false, days: '36500' }, stored, zones)).toEqual({ body: { retention_days: 36500 } });
    expect(settingsChange({ timeZone: 'UTC', keepForever: false, days: '1' }, stored, zones)).toEqual({ body: { retention_days: 1 } });
    expect(settingsChange({ timeZone: '  ', keepForever: false, days: '0' }, stored, zones)).toEqual({
      errors: { time_zone: 'Time zone is needed: an IANA name such as Europe/Zurich, or UTC.', ...refused },
    });
  });

  it('puts the API\'s reason next to the field it names, and any other failure under the form', () => {
    const reason = 'must be an IANA time zone such as "Europe/Zurich" or "UTC"';
    expect(settingsErrors(new ApiError(400, 'bad_request', 'time_zone', reason)))
      .toEqual({ time_zone: `Time zone ${reason}` });
    expect(settingsErrors(new ApiError(400, 'bad_request', 'retention_days', 'must be a whole number of days from 1 to 36500, or null')))
      .toEqual({ retention_days: 'Retention must be a whole number of days from 1 to 36500, or null' });
    expect(settingsErrors(new ApiError(400, 'bad_request', 'site_id', 'must be 1 to 64 characters')))
      .toEqual({ form: '400 bad_request: site_id must be 1 to 64 characters' });
    expect(settingsErrors(new ApiError(503, 'service_unavailable', undefined, 'the database is unavailable; retry later')))
      .toEqual({ form: '503 service_unavailable the database is unavailable; retry later' });
    expect(settingsErrors('offline')).toEqual({ form: 'offline' });
  });

  it('says in a line what is stored', () => {
    expect(retentionPhrase(null)).toBe('kept forever');
    expect(retentionPhrase(1)).toBe('kept 1 day');
    expect(describeSettings({ site_id: 'shop', retention_days: 90, time_zone: 'Europe/Zurich' })).toBe('Europe/Zurich, raw events kept 90 days');
  });

  it('tells the time in a zone, and nothing for a name the browser does not know', () => {
    const now = new Date('2026-11-28T23:30:00Z');
    expect(zoneClock('UTC', now)).toBe('23:30 on Sat 28 Nov');
    expect(zoneClock('Europe/Zurich', now)).toBe('00:30 on Sun 29 Nov');
    expect(zoneClock('Mars/Olympus_Mons', now)).toBeNull();
    expect(zoneClock('', now)).toBeNull();
  });
});
