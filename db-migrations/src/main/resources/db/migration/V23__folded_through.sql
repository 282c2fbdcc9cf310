-- The last day a site's running totals hold: where the fold went, or the day before the first
-- folded day a late event changed since (least() passes over a null refold_from). Null when the
-- site has none. The one rule that the fold and every reader of the totals go by.
CREATE FUNCTION folded_through(site text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT least(through, refold_from - 1) FROM folded_days WHERE site_id = site);
