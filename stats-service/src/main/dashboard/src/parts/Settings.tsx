import { useEffect, useEffectEvent, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { saveSiteSettings, siteSettings, type SiteSettings } from '../reports';
import {
  describeSettings, draftOf, knownZones, MAX_RETENTION_DAYS, settingsChange, settingsErrors, zoneClock,
  type Draft, type SettingsErrors,
} from '../logic/settings';

interface Props {
  secret: string;
  /** The site the card is for: give the card this as its key, so a save under way for one site never lands in another's form. */
  site: string;
  /** After a save: the reports are read again, since a new zone moves the site's days. */
  onSaved: () => void;
  onUnauthorized: () => void;
}

/** The zones suggested as one types; the browser's list does not change while the page is open. */
const ZONES = knownZones();
/** This browser's own zone, offered with one click. */
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The picked site's time zone and raw-event retention, shown closed in one line and changed with a PUT. */
export function Settings({ secret, site, onSaved, onUnauthorized }: Props) {
  const [stored, setStored] = useState<SiteSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const id = useId();
  const unauthorized = useEffectEvent(onUnauthorized);

  useEffect(() => {
    let current = true;
    siteSettings(secret, site).then((read) => {
      if (current) {
        setStored(read);
        setDraft(draftOf(read));
      }
    }, (failure: unknown) => {
      if (!current) {
        return;
      }
      if (failure instanceof ApiError && failure.status === 401) {
        unauthorized();
      } else {
        setLoadError((failure as Error).message);
      }
    });
    return () => { current = false; };
  }, [secret, site]);

  // An edited field's complaint is about what it held before: it goes until the next save says otherwise.
  const edit = (change: Partial<Draft>) => {
    setDraft((before) => (before ? { ...before, ...change } : before));
    setErrors(({ time_zone, retention_days }) => ({
      ...('timeZone' in change ? {} : { time_zone }),
      ...('days' in change || 'keepForever' in change ? {} : { retention_days }),
    }));
    setNote(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!stored || !draft) {
      return;
    }
    setNote(null);
    const checked = settingsChange(draft, stored, ZONES);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    if (Object.keys(checked.body).length === 0) {
      setNote('Nothing changed.');
      return;
    }
    setSaving(true);
    try {
      const now = await saveSiteSettings(secret, site, checked.body);
      setStored(now);
      setDraft(draftOf(now));
      setNote('Saved. The reports are read again.');
      onSaved();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) {
        onUnauthorized();
      } else {
        setErrors(settingsErrors(failure));
      }
    } finally {
      setSaving(false);
    }
  };

  const clock = draft ? zoneClock(draft.timeZone.trim(), new Date()) : null;
  return (
    <section className="card settings" aria-label="Site settings">
      <details>
        <summary>
          <h3>Settings</h3>{' '}
          <span className="muted">{site}: {stored ? describeSettings(stored) : loadError ? 'not read' : 'reading…'}</span>
        </summary>
        {loadError && <p role="alert" className="error">Could not read the settings: {loadError}</p>}
        {draft && (
          <form className="settings-form" onSubmit={save} noValidate>
            <div className="setting">
              <label className="field-name" htmlFor={`${id}-zone`}>Time zone</label>
              <div className="inline">
                <input id={`${id}-zone`} name="time_zone" list={`${id}-zones`} value={draft.timeZone} autoComplete="off" spellCheck={false}
                  onChange={(e) => edit({ timeZone: e.target.value })} aria-invalid={errors.time_zone ? true : undefined}
                  aria-describedby={`${errors.time_zone ? `${id}-zone-error ` : ''}${id}-zone-help`} />
                {BROWSER_ZONE && BROWSER_ZONE !== draft.timeZone.trim() && (
                  <button type="button" className="quiet" onClick={() => edit({ timeZone: BROWSER_ZONE })}>Use {BROWSER_ZONE}</button>
                )}
              </div>
              <datalist id={`${id}-zones`}>
                {ZONES.map((zone) => <option key={zone} value={zone} />)}
              </datalist>
              {errors.time_zone && <p id={`${id}-zone-error`} role="alert" className="error">{errors.time_zone}</p>}
              <p id={`${id}-zone-help`} className="muted">
                The site's days, and its today, follow this zone for events processed from now on; days already counted stay as they were.
                {clock && ` It is ${clock} there.`}
              </p>
            </div>
            <fieldset className="setting" aria-describedby={`${errors.retention_days ? `${id}-days-error ` : ''}${id}-days-help`}>
              <legend>Raw events</legend>
              <label className="inline">
                <input type="radio" name={`${id}-retention`} checked={draft.keepForever} onChange={() => edit({ keepForever: true })} />
                Keep forever
              </label>
              <div className="inline">
                <label className="inline">
                  <input type="radio" name={`${id}-retention`} checked={!draft.keepForever} onChange={() => edit({ keepForever: false })} />
                  Delete after
                </label>
                <input type="number" name="retention_days" aria-label="Days to keep raw events" min={1} max={MAX_RETENTION_DAYS} step={1}
                  inputMode="numeric" placeholder="90" value={draft.days} onChange={(e) => edit({ days: e.target.value, keepForever: false })}
                  aria-invalid={errors.retention_days ? true : undefined} />
                <span>days</span>
              </div>
              {errors.retention_days && <p id={`${id}-days-error`} role="alert" className="error">{errors.retention_days}</p>}
              <p id={`${id}-days-help`} className="muted">
                Raw events older than this are deleted within the hour; the rollups, and the reports by day read from them, stay
                (hourly charts, funnels, retention cohorts and exports then reach back this far only).
              </p>
            </fieldset>
            <div className="inline">
              <button type="submit" disabled={saving}>{saving ? 'Saving…' : 'Save settings'}</button>
              {note && <p role="status">{note}</p>}
            </div>
            {errors.form && <p role="alert" className="error">Could not save: {errors.form}</p>}
          </form>
        )}
      </details>
    </section>
  );
}
