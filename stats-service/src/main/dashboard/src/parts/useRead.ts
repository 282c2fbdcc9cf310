import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../api';

export interface Read<T> {
  /** The last answer; kept while the next is read, so a panel does not flash empty. */
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * A panel's report: read again whenever `read` is a new function (memoize it on what it asks), not
 * read while it is null. A 401 goes to onUnauthorized, as the dashboard's own failures do, since the
 * key is no longer good anywhere; any other failure is the panel's to show.
 */
export function useRead<T>(read: (() => Promise<T>) | null, onUnauthorized: () => void): Read<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // The app makes a new onUnauthorized on each render: reading again for that would be a waste.
  const unauthorized = useEffectEvent(onUnauthorized);

  useEffect(() => {
    if (!read) {
      // A read this one replaced may still be under way: its end no longer counts.
      setLoading(false);
      return;
    }
    let current = true;
    setError(null);
    setLoading(true);
    read()
      .then((answer) => current && setData(answer), (failure: unknown) => {
        if (!current) {
          return;
        }
        // An answer to another question would read as this one's.
        setData(null);
        if (failure instanceof ApiError && failure.status === 401) {
          unauthorized();
        } else {
          setError((failure as Error).message);
        }
      })
      .finally(() => current && setLoading(false));
    return () => { current = false; };
  }, [read]);

  return { data, error, loading };
}
