package tally.common.counters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Copies this instance's {@code tally.*} counters into {@code service_counters} every couple
 * of seconds, so that the stats service's status endpoint can sum what every ingest and
 * processor instance has counted. Each instance writes only its own rows (its id includes the
 * pid and start time), so instances never contend, and totals survive restarts.
 */
@Component
public class CounterPublisher {

    private static final Logger log = LoggerFactory.getLogger(CounterPublisher.class);

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final String service;
    private final String instance;

    public CounterPublisher(MeterRegistry registry, JdbcClient jdbc, @Value("${spring.application.name}") String service) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.service = service;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "@" + ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** This method is called by one scheduler thread only. */
    @Scheduled(fixedDelayString = "${tally.counters.publish-interval:2s}", initialDelayString = "${tally.counters.publish-interval:2s}")
    public void publish() {
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            if (meter instanceof Counter counter && counter.getId().getName().startsWith("tally.")) {
                names.add(nameOf(counter));
                values.add((long) counter.count());
            }
        }
        if (names.isEmpty()) {
            return;
        }
        try {
            // One statement for all counters: a round trip per publish, not per counter.
            jdbc.sql("""
                    INSERT INTO service_counters (service, instance, name, value, updated_at)
                    SELECT ?, ?, c.name, c.value, now() FROM unnest(?::text[], ?::bigint[]) AS c(name, value)
                    ON CONFLICT (service, instance, name)
                    DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""")
                    .params(service, instance, names.toArray(String[]::new), values.stream().mapToLong(Long::longValue).toArray())
                    .update();
        } catch (DataAccessException e) {
            log.debug("counters not published this time: {}", e.getMostSpecificCause().getMessage());
        }
    }

    /** {@code tally.ingest.rejected{reason=too_long}}: the meter name and its tags, stable across instances. */
    static String nameOf(Counter counter) {
        var tags = counter.getId().getTags();
        if (tags.isEmpty()) {
            return counter.getId().getName();
        }
        return counter.getId().getName() + tags.stream().map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
