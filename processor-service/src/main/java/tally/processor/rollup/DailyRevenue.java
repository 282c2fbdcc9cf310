package tally.processor.rollup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Map;

/**
 * rollup_daily_revenue: the amounts events carried per site, day, event type and currency
 * (summed per currency: Tally keeps no exchange rates), and how many events carried one.
 */
@Component
public class DailyRevenue {

    static final String UPSERT = """
            INSERT INTO rollup_daily_revenue AS r (site_id, day, event_type, currency, amount, events)
            SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::numeric[], ?::bigint[])
            ON CONFLICT (site_id, day, event_type, currency)
            DO UPDATE SET amount = r.amount + excluded.amount, events = r.events + excluded.events""";

    private final JdbcClient jdbc;

    public DailyRevenue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the batch's revenue, if any; one row per key, in key order. Call inside the batch transaction. */
    public void add(BatchAggregate batch) {
        int n = batch.revenue.size();
        if (n == 0) {
            return;
        }
        String[] sites = new String[n];
        String[] days = new String[n];
        String[] types = new String[n];
        String[] currencies = new String[n];
        BigDecimal[] amounts = new BigDecimal[n];
        long[] counts = new long[n];
        int i = 0;
        for (Map.Entry<BatchAggregate.RevenueKey, BatchAggregate.RevenueSum> e : batch.revenue.entrySet()) {
            sites[i] = e.getKey().type().siteId();
            days[i] = e.getKey().type().day().toString();
            types[i] = e.getKey().type().eventType();
            currencies[i] = e.getKey().currency();
            amounts[i] = e.getValue().amount();
            counts[i++] = e.getValue().events();
        }
        jdbc.sql(UPSERT).params(sites, days, types, currencies, amounts, counts).update();
    }
}
