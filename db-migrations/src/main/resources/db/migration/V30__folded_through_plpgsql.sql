-- folded_through (V23), the same rule in PL/pgSQL: a SQL function whose body holds a subquery is
-- not inlined, and sets up its execution at every call (0.12 ms); PL/pgSQL keeps the plan of its
-- query for the session (0.06 ms). Every top list and visitor count of the stats service calls it.
CREATE OR REPLACE FUNCTION folded_through(site text) RETURNS date
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    RETURN (SELECT least(through, refold_from - 1) FROM folded_days WHERE site_id = site);
END
$$;
