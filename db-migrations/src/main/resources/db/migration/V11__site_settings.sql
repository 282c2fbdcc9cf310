-- Per-site settings. retention_days: raw events older than that many days are deleted by the
-- processor's retention sweep (the rollups, and so every report, are kept); null keeps them.
CREATE TABLE site_settings (
    site_id        text    PRIMARY KEY,
    retention_days integer CHECK (retention_days BETWEEN 1 AND 36500)
);
