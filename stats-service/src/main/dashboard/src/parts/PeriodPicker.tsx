import { useState } from 'react';
import { PERIODS, type Period } from '../logic/periods';

/** The named periods as toggle buttons, and a custom range of UTC days. */
export function PeriodPicker({ period, today, onChange }: { period: Period; today: string; onChange: (period: Period) => void }) {
  const [from, setFrom] = useState(period.from ?? today);
  const [to, setTo] = useState(period.to ?? today);
  return (
    <div className="range" role="group" aria-label="Period">
      {PERIODS.map((p) => (
        <button key={p.id} type="button" aria-pressed={period.id === p.id} onClick={() => onChange({ id: p.id })}>{p.label}</button>
      ))}
      <form className="custom" aria-label="Custom period" onSubmit={(event) => {
        event.preventDefault();
        onChange({ id: 'custom', from, to });
      }}>
        <input type="date" aria-label="From" value={from} max={to} required onChange={(event) => setFrom(event.target.value)} />
        <span aria-hidden="true">–</span>
        <input type="date" aria-label="To" value={to} min={from} required onChange={(event) => setTo(event.target.value)} />
        <button type="submit" aria-pressed={period.id === 'custom'}>Apply</button>
      </form>
    </div>
  );
}
