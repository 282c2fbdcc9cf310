package tally.stats.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.common.sketch.UserSketches;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Counts distinct visitors as unions of the sketches of rollup rows (daily, a month's running
 * total to or from a day, or six days' sums), reading each sketch
 * once: the sketches and the unions of earlier days come from {@link SketchCache} while their
 * rows are unchanged.
 */
@Component
class SketchUnions {

    /** The sketches of some rows, by value and day, with their version (which may be newer than the one asked). */
    static final String SKETCHES = """
            SELECT %1$s, day, xmin::text::bigint, users FROM %2$s
            WHERE %3$s AND (%1$s, day) IN (SELECT * FROM unnest(:values::text[], :days::date[]))""";

    private final JdbcClient jdbc;
    private final SketchCache cache;

    SketchUnions(KeyedReads keyed, SketchCache cache) {
        this.jdbc = keyed.jdbc();
        this.cache = cache;
    }

    /**
     * The estimate of each group's union of sketch rows, selected by {@code rows} as group, value,
     * day, version, estimate and table (the daily rollup of {@code sketched}, or a running
     * total's), in day order; groups that {@code keep} refuses are skipped. A group of one row has
     * that row's estimate. Otherwise its earlier days' rows are merged into one union (kept as the
     * union's image), which {@link SketchCache} keeps while they are unchanged, and its last day's
     * rows (today's, in a range that ends today, which change with every batch) are merged into
     * that. So a question asked again merges a sketch or two per group, not one per day, and
     * none while its rows are unchanged (the union's estimate is kept by their versions).
     */
    Map<String, Long> estimates(String siteId, RollupReader.Sketched sketched, JdbcClient.StatementSpec rows, Predicate<String> keep) {
        Map<String, List<SketchCache.Key>> groups = new HashMap<>();
        Map<String, Long> rowEstimates = new HashMap<>();
        rows.query(rs -> {
            String group = rs.getString(1);
            if (keep.test(group)) {
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new SketchCache.Key(rs.getString(6),
                        sketched.dimension(), siteId, rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4)));
                rowEstimates.put(group, rs.getLong(5));
            }
        });
        return estimates(siteId, sketched, groups, rowEstimates);
    }

    /**
     * The estimate of each group's union of its sketch rows, already found (by the top of a list,
     * {@link TopOfSegments}): their keys in day order, and the estimate of the group's last row,
     * which is the group's own where it has one row only.
     */
    Map<String, Long> estimates(String siteId, RollupReader.Sketched sketched, Map<String, List<SketchCache.Key>> groups,
                                Map<String, Long> rowEstimates) {
        // Of each group of several rows: its estimate if held, else the union of its earlier days
        // if held, and the sketches still needed.
        Map<String, Long> distinct = HashMap.newHashMap(groups.size());
        Map<String, byte[]> heldUnions = new HashMap<>();
        List<SketchCache.Key> needed = new ArrayList<>();
        groups.forEach((group, keys) -> {
            Long held = keys.size() == 1 ? rowEstimates.get(group) : cache.estimate(keys);
            if (held != null) {
                distinct.put(group, held);
            } else {
                List<SketchCache.Key> earlier = earlierDays(keys);
                byte[] heldUnion = earlier.isEmpty() ? null : cache.union(earlier);
                if (heldUnion != null) {
                    heldUnions.put(group, heldUnion);
                }
                needed.addAll(heldUnion == null ? keys : keys.subList(earlier.size(), keys.size()));
            }
        });
        Map<SketchCache.Key, byte[]> sketches = sketches(sketched, siteId, needed);
        groups.forEach((group, keys) -> distinct.computeIfAbsent(group, g -> union(keys, heldUnions.get(g), sketches)));
        return distinct;
    }

    /**
     * The estimate of the union of a group's rows: its earlier days' union (held, or made from
     * their sketches and kept, as a union's image that the last day's sketches are merged into
     * without inserting its hashes again), then its last day's sketches; kept too. A row gone
     * meanwhile makes a union of no version to keep.
     */
    private long union(List<SketchCache.Key> keys, byte[] heldUnion, Map<SketchCache.Key, byte[]> sketches) {
        List<SketchCache.Key> earlier = earlierDays(keys);
        List<byte[]> lastDay = keys.subList(earlier.size(), keys.size()).stream().map(sketches::get).filter(Objects::nonNull).toList();
        boolean whole = lastDay.size() == keys.size() - earlier.size();
        byte[] earlierUnion = heldUnion;
        if (earlierUnion == null && !earlier.isEmpty()) {
            List<byte[]> read = earlier.stream().map(sketches::get).filter(Objects::nonNull).toList();
            earlierUnion = UserSketches.unionImage(read);
            if (read.size() == earlier.size()) {
                cache.putUnion(earlier, earlierUnion);
            } else {
                whole = false;
            }
        }
        long estimate = earlierUnion == null ? UserSketches.unionEstimate(lastDay) : UserSketches.unionEstimate(earlierUnion, lastDay);
        if (whole) {
            cache.putEstimate(keys, estimate);
        }
        return estimate;
    }

    /** The rows of a group (in day order) before its last day. */
    private static List<SketchCache.Key> earlierDays(List<SketchCache.Key> keys) {
        LocalDate last = keys.getLast().day();
        int before = 0;
        while (keys.get(before).day().isBefore(last)) {
            before++;
        }
        return keys.subList(0, before);
    }

    /**
     * The sketches of these rows: from the cache, else read (and cached), a query per table. A
     * row read again may have changed since its key was read; the newer sketch is used then, as a
     * later read would. The rows are found by value and day, with the site's (and dimension's) index.
     */
    private Map<SketchCache.Key, byte[]> sketches(RollupReader.Sketched sketched, String siteId, List<SketchCache.Key> keys) {
        Map<SketchCache.Key, byte[]> sketches = HashMap.newHashMap(keys.size());
        Map<String, Map<Map.Entry<String, LocalDate>, SketchCache.Key>> missing = new HashMap<>();
        for (SketchCache.Key key : keys) {
            byte[] held = cache.get(key);
            if (held != null) {
                sketches.put(key, held);
            } else {
                missing.computeIfAbsent(key.table(), t -> new HashMap<>()).put(Map.entry(key.value(), key.day()), key);
            }
        }
        missing.forEach((table, rows) -> jdbc.sql(SKETCHES.formatted(sketched.column(), table, sketched.rows()))
                .param("site", siteId).param("dimension", sketched.dimension())
                .param("values", rows.values().stream().map(SketchCache.Key::value).toArray(String[]::new))
                .param("days", rows.values().stream().map(key -> key.day().toString()).toArray(String[]::new))
                .query(rs -> {
                    SketchCache.Key asked = rows.get(Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    byte[] sketch = rs.getBytes(4);
                    if (sketch == null) {
                        return;
                    }
                    sketches.put(asked, sketch);
                    cache.put(new SketchCache.Key(table, asked.dimension(), siteId, asked.value(), asked.day(), rs.getLong(3)), sketch);
                }));
        return sketches;
    }
}
