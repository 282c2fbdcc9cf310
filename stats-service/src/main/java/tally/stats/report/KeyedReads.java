package tally.stats.report;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connections of the statements that read rollup rows by their keys only (a site, a day or
 * month, a value, an index's first n by a count): the top of a list ({@link TopOfSegments}), and
 * the visitor sketches of listed values ({@link RollupReader}, {@link SketchUnions}). Their best
 * plan is the same for any keys, so a connection plans each once (a generic plan) and runs it
 * again as it is.
 *
 * <p>The service's other connections plan each run for its parameters (force_custom_plan, in
 * application.yml), as a range of days needs; for the top of a page list's segments, that planning
 * took two thirds of PostgreSQL's time (2.3 of 3.4 ms on the benchmark's data, 0.9 ms planned once),
 * and reading a visitors list's sketch rows here took its PostgreSQL time from 3.7 to 2.8 ms.
 * This is a second pool with the first one's settings, whose connections ask for generic plans. It
 * starts on its first use, as the first pool does, so the service starts while PostgreSQL is down;
 * its metrics are those of the first, with the pool named {@code tally-stats-db-keyed}.
 */
@Component
class KeyedReads implements AutoCloseable {

    /** Run after the first pool's session settings, so that it overrides their plan mode alone. */
    static final String GENERIC_PLANS = "SET plan_cache_mode = force_generic_plan";

    private final HikariDataSource pool = new HikariDataSource();
    private final JdbcClient jdbc;

    KeyedReads(HikariDataSource service, MeterRegistry meters) {
        service.copyStateTo(pool);
        pool.setPoolName(service.getPoolName() + "-keyed");
        String serviceSession = service.getConnectionInitSql();
        pool.setConnectionInitSql(serviceSession == null ? GENERIC_PLANS : serviceSession + "; " + GENERIC_PLANS);
        // Its hikaricp_* metrics, as Spring Boot registers the first pool's.
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        jdbc = JdbcClient.create(pool);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        pool.close();
    }
}
