package tally.stats.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * The visitor sketches of rollup rows that reports have read, and the unions of those of earlier
 * days, by row version: a list of top pages by visitors unions hundreds of daily sketches, and
 * reading and merging them was most of its time. A row's version is its {@code xmin}, the
 * transaction that wrote it last: any change to the row (the processor merging a batch in, a
 * user forgotten) is a new transaction, so a cached sketch or union is used only while every row
 * it came from is unchanged. Past days' rows rarely change, so their sketches are read and
 * merged once; today's change with every batch and are merged in again each time. A union's
 * estimate is kept too, so that a list asked again over past days merges nothing.
 *
 * <p>Bounded by the bytes held ({@code tally.stats.sketch-cache-mb}, 0 turns it off); the least
 * used go first. Its hits and misses are the {@code cache.*} metrics named {@code sketches}.
 */
@Component
class SketchCache {

    /**
     * One version of a row of a rollup of sketches: its table, its dimension there (null in
     * tables of one), its site, value and day, and the row's {@code xmin}. A changed row is a new
     * key; its old version is never asked for again and goes first.
     */
    record Key(String table, String dimension, String siteId, String value, LocalDate day, long version) {
    }

    /** The union of these versions of rows, merged in this order. */
    private record Union(List<Key> rows) {
    }

    /** The estimate of the union of these versions of rows, merged in this order. */
    private record Estimate(List<Key> rows) {
    }

    /** What an entry costs beyond its sketch's bytes: the map's node and a key's fields. */
    private static final int ENTRY_OVERHEAD = 160;

    /** Sketches and union images (byte[]) by Key and Union, estimates (Long) by Estimate. */
    private final Cache<Object, Object> sketches;

    SketchCache(@Value("${tally.stats.sketch-cache-mb:16}") long megabytes, MeterRegistry meters) {
        this.sketches = Caffeine.newBuilder()
                .maximumWeight(megabytes << 20)
                .weigher((key, held) -> (held instanceof byte[] sketch ? sketch.length : Long.BYTES) + ENTRY_OVERHEAD * switch (key) {
                    case Union union -> union.rows().size();
                    case Estimate estimate -> estimate.rows().size();
                    default -> 1;
                })
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, sketches, "sketches");
    }

    /** The sketch of this version of a row, or null if it is not held. */
    byte[] get(Key row) {
        return (byte[]) sketches.getIfPresent(row);
    }

    void put(Key row, byte[] sketch) {
        sketches.put(row, sketch);
    }

    /** The union of the sketches of these versions of rows, or null if it is not held. */
    byte[] union(List<Key> rows) {
        return (byte[]) sketches.getIfPresent(new Union(rows));
    }

    void putUnion(List<Key> rows, byte[] union) {
        sketches.put(new Union(List.copyOf(rows)), union);
    }

    /** The estimate of the union of the sketches of these versions of rows, or null if it is not held. */
    Long estimate(List<Key> rows) {
        return (Long) sketches.getIfPresent(new Estimate(rows));
    }

    void putEstimate(List<Key> rows, long estimate) {
        sketches.put(new Estimate(List.copyOf(rows)), estimate);
    }
}
