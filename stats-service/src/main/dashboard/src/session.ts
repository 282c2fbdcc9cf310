// The secret key, kept for this browser tab's session only (sessionStorage): closing the tab
// signs out, and the key is never written anywhere that outlives it.

const KEY = 'tally.secret';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
