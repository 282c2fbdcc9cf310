// A site's settings as its form edits them: checked as the API checks them, sent as a PUT of what
// changed, and the API's refusals placed next to the field they name.
import { ApiError } from '../api';
import type { SettingsChange, SiteSettings } from '../reports';

/** The longest retention the API takes, in days (100 years). */
export const MAX_RETENTION_DAYS = 36_500;

/** The settings form's values, kept as typed so a half-typed number is not lost. */
export interface Draft {
  timeZone: string;
  keepForever: boolean;
  /** The days to keep raw events, as typed; read only when keepForever is off. */
  days: string;
}

export type SettingsField = 'time_zone' | 'retention_days';

/** What to say next to each field, and under the form for a failure that names neither. */
export type SettingsErrors = Partial<Record<SettingsField | 'form', string>>;

/** How the form names each field the API names, so the API's reason reads as a sentence. */
const LABELS: Record<SettingsField, string> = { time_zone: 'Time zone', retention_days: 'Retention' };

export function draftOf(settings: SiteSettings): Draft {
  return {
    timeZone: settings.time_zone,
    keepForever: settings.retention_days === null,
    days: settings.retention_days === null ? '' : String(settings.retention_days),
  };
}

/**
 * The IANA zones to suggest, UTC first: the browser's own list where it has one (Intl leaves UTC
 * out of it), else UTC alone, and the field takes any name typed.
 */
export function knownZones(intl: { supportedValuesOf?: (key: 'timeZone') => string[] } = Intl): string[] {
  let zones: string[] = [];
  try {
    zones = intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    // An engine that has the function but not the key: suggest UTC only.
  }
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

/**
 * A typed zone, trimmed and spelled as the list spells it when it differs only in case
 * ("europe/zurich"); any other name is left for the API to judge, since its list and the
 * browser's are not the same.
 */
export function canonicalZone(typed: string, zones: readonly string[]): string {
  const zone = typed.trim();
  if (zones.includes(zone)) {
    return zone;
  }
  const matches = zones.filter((known) => known.toLowerCase() === zone.toLowerCase());
  return matches.length === 1 ? matches[0] : zone;
}

/**
 * The PUT body of the settings that differ from the stored ones (empty when none do), or what is
 * wrong with the form before the API is asked. A zone is checked only for being there: which
 * names count is the API's to say.
 */
export function settingsChange(draft: Draft, stored: SiteSettings, zones: readonly string[]): { body: SettingsChange } | { errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const zone = canonicalZone(draft.timeZone, zones);
  if (zone === '') {
    errors.time_zone = 'Time zone is needed: an IANA name such as Europe/Zurich, or UTC.';
  }
  let days: number | null = null;
  if (!draft.keepForever) {
    const typed = draft.days.trim();
    days = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
    if (!(days >= 1 && days <= MAX_RETENTION_DAYS)) {
      errors.retention_days = `Retention must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, or keep forever.`;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    body: {
      ...(zone !== stored.time_zone ? { time_zone: zone } : {}),
      ...(days !== stored.retention_days ? { retention_days: days } : {}),
    },
  };
}

/** Where a failed save is told: a 400 next to the field it names, with the API's reason; anything else under the form. */
export function settingsErrors(failure: unknown): SettingsErrors {
  if (failure instanceof ApiError && failure.status === 400 && failure.reason
    && (failure.field === 'time_zone' || failure.field === 'retention_days')) {
    return { [failure.field]: `${LABELS[failure.field]} ${failure.reason}` };
  }
  return { form: failure instanceof Error ? failure.message : String(failure) };
}

/** How long raw events are kept, as a phrase: "kept forever", "kept 90 days". */
export function retentionPhrase(days: number | null): string {
  if (days === null) {
    return 'kept forever';
  }
  return `kept ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** The settings in one line, for the card while it is closed: "Europe/Zurich, raw events kept 90 days". */
export function describeSettings(settings: SiteSettings): string {
  return `${settings.time_zone}, raw events ${retentionPhrase(settings.retention_days)}`;
}

/** The time and day now in a zone ("14:05 on Sat 28 Nov"), or null for a name this browser does not know. */
export function zoneClock(zone: string, now: Date): string | null {
  try {
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }).format(now);
    return `${time} on ${day.replace(',', '')}`;
  } catch {
    return null;
  }
}
