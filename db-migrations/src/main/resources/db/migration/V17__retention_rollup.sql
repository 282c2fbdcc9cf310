-- Retention as a rollup. Each visitor keeps the first day they had an event counted on and the
-- days since that they had one (bit i: the first day plus i), so a batch knows which day, week
-- and month is new for them. rollup_retention counts, per site, unit ('day', 'week' from Monday,
-- 'month'), cohort (the first day of the unit the visitor was first seen in) and period (units
-- after the cohort's; 0 is its own), the visitors of the cohort active in that period. A late
-- event that moves a visitor's first day moves them to their new cohort. Filled from the
-- events stored before it (for a site with a retention, from the days it still keeps).
ALTER TABLE visitors ADD COLUMN first_day date, ADD COLUMN active_days varbit;

CREATE TABLE rollup_retention (
    site_id  text    NOT NULL,
    unit     text    NOT NULL,
    cohort   date    NOT NULL,
    period   integer NOT NULL,
    visitors bigint  NOT NULL,
    PRIMARY KEY (site_id, unit, cohort, period)
);

CREATE TEMPORARY TABLE active_days ON COMMIT DROP AS
SELECT DISTINCT site_id, coalesce(visitor_id, user_id) AS visitor_id, coalesce(day, (occurred_at AT TIME ZONE 'UTC')::date) AS day
FROM events;

CREATE TEMPORARY TABLE first_days ON COMMIT DROP AS
SELECT site_id, visitor_id, min(day) AS first_day, max(day) AS last_day FROM active_days GROUP BY site_id, visitor_id;

UPDATE visitors v SET first_day = a.first_day, active_days = a.bits
FROM (SELECT d.site_id, d.visitor_id, f.first_day,
             bit_or(set_bit(repeat('0', f.last_day - f.first_day + 1)::varbit, d.day - f.first_day, 1)) AS bits
      FROM active_days d JOIN first_days f USING (site_id, visitor_id)
      GROUP BY d.site_id, d.visitor_id, f.first_day) a
WHERE v.site_id = a.site_id AND v.visitor_id = a.visitor_id;

INSERT INTO rollup_retention (site_id, unit, cohort, period, visitors)
SELECT site_id, unit, cohort, period, count(*)
FROM (SELECT DISTINCT d.site_id, d.visitor_id, u.unit, date_trunc(u.unit, f.first_day)::date AS cohort,
             CASE u.unit
                 WHEN 'day' THEN d.day - f.first_day
                 WHEN 'week' THEN (date_trunc('week', d.day)::date - date_trunc('week', f.first_day)::date) / 7
                 ELSE ((extract(year FROM d.day) - extract(year FROM f.first_day)) * 12
                       + extract(month FROM d.day) - extract(month FROM f.first_day))::integer
             END AS period
      FROM active_days d JOIN first_days f USING (site_id, visitor_id)
      CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS u(unit)) p
GROUP BY site_id, unit, cohort, period;
