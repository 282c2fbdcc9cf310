// Numbers and times as people read them.

const whole = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function count(n: number): string {
  return Math.abs(n) >= 100_000 ? compact.format(n) : whole.format(n);
}

export function millis(ms: number): string {
  if (!Number.isFinite(ms)) {
    return '–';
  }
  if (ms < 10) {
    return `${ms.toFixed(1)} ms`;
  }
  if (ms < 10_000) {
    return `${Math.round(ms)} ms`;
  }
  return `${(ms / 1000).toFixed(1)} s`;
}

export function seconds(s: number): string {
  if (s < 60) {
    return `${Math.round(s)} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  }
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** A change between two figures, as people expect it: "+12 %", "−3 %", or "new". */
export function change(current: number, previous: number): string {
  if (previous === 0) {
    return current === 0 ? '0 %' : 'new';
  }
  const percent = Math.round(((current - previous) / previous) * 100);
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent)} %`;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country's flag and English name from its ISO 3166-1 code: "CH" is "🇨🇭 Switzerland". */
export function countryName(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) {
    return code;
  }
  const flag = String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
  return `${flag} ${regions.of(code) ?? code}`;
}
