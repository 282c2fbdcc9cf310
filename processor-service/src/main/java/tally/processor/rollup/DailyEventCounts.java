package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;

/** rollup_daily_events: events per site, day (the site's local day) and event type. */
@Component
public class DailyEventCounts {

    static final String UPSERT = """
            INSERT INTO rollup_daily_events (site_id, day, event_type, events)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::bigint[])
            ON CONFLICT (site_id, day, event_type)
            DO UPDATE SET events = rollup_daily_events.events + excluded.events""";

    private final JdbcClient jdbc;

    public DailyEventCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the batch's counts; one row per key, in key order. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        int n = batch.eventsByType.size();
        String[] sites = new String[n];
        String[] days = new String[n];
        String[] types = new String[n];
        long[] counts = new long[n];
        int i = 0;
        for (Map.Entry<BatchAggregate.TypeKey, Long> e : batch.eventsByType.entrySet()) {
            sites[i] = e.getKey().siteId();
            days[i] = e.getKey().day().toString();
            types[i] = e.getKey().eventType();
            counts[i++] = e.getValue();
        }
        jdbc.sql(UPSERT).params(sites, days, types, counts).update();
    }
}
