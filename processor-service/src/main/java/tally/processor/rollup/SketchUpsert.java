package tally.processor.rollup;

import org.apache.datasketches.hll.HllSketch;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tally.common.sketch.UserSketches;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Adds sketches to a table of user sketches keyed by K. A sketch cannot be added in SQL, so this
 * is a read-merge-write: first insert the batch's sketch for keys that have none (ON CONFLICT DO
 * NOTHING, which waits for a concurrent insert of the same key to settle), then lock the keys
 * that already had one, merge in Java, and write back with the sketch's estimate. Both steps go
 * in key order, so processors meeting on the same keys queue up instead of deadlocking.
 *
 * <p>The statements take the key columns as arrays first, then the sketches and the estimates,
 * then any columns the caller adds along (the row's counts, so that one write per row carries
 * both): {@code insertNew} returns the keys it inserted, {@code lockExisting} selects key columns
 * and the stored sketch.
 *
 * <p>Without {@code insertNew}, the rows all exist and the transaction already holds them (it
 * has just written them), so {@code lockExisting} may read them without locking them again:
 * a read and a write per row instead of an insert attempt, a lock and a write.
 */
public final class SketchUpsert<K extends Comparable<K>> {

    static final int CHUNK = 500;

    private static final Object[] NO_COLUMNS = {};

    private final JdbcClient jdbc;
    private final String insertNew;
    private final String lockExisting;
    private final String update;
    private final Function<Set<K>, Object[]> keyColumns;
    private final RowMapper<K> keyOf;

    /** {@code insertNew} null: the rows exist and are held (above). */
    public SketchUpsert(JdbcClient jdbc, String insertNew, String lockExisting, String update,
                 Function<Set<K>, Object[]> keyColumns, RowMapper<K> keyOf) {
        this.jdbc = jdbc;
        this.insertNew = insertNew;
        this.lockExisting = lockExisting;
        this.update = update;
        this.keyColumns = keyColumns;
        this.keyOf = keyOf;
    }

    /**
     * Merges {@code added} in, in key order, {@value #CHUNK} keys at a time: a batch spread over
     * thousands of site-days (a backfill) then holds a few hundred sketches in memory at once,
     * not thousands. Call inside the batch transaction.
     */
    public void add(SortedMap<K, HllSketch> added) {
        add(added, keys -> NO_COLUMNS);
    }

    /**
     * Merges {@code added} in as {@link #add(SortedMap)} does, writing along with each sketch the
     * columns {@code along} gives for a set of its keys: arrays in the keys' order.
     */
    public void add(SortedMap<K, HllSketch> added, Function<Set<K>, Object[]> along) {
        SortedMap<K, HllSketch> chunk = new TreeMap<>();
        for (Map.Entry<K, HllSketch> e : added.entrySet()) {
            chunk.put(e.getKey(), e.getValue());
            if (chunk.size() == CHUNK) {
                addChunk(chunk, along);
                chunk = new TreeMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            addChunk(chunk, along);
        }
    }

    private void addChunk(SortedMap<K, HllSketch> added, Function<Set<K>, Object[]> along) {
        Set<K> inserted = insertNew == null ? Set.of()
                : new HashSet<>(jdbc.sql(insertNew).params(withSketches(added, along)).query(keyOf).list());
        Set<K> existing = new TreeSet<>(added.keySet());
        existing.removeAll(inserted);
        if (existing.isEmpty()) {
            return;
        }
        SortedMap<K, HllSketch> merged = new TreeMap<>();
        jdbc.sql(lockExisting).params(keyColumns.apply(existing)).query(rs -> {
            K key = keyOf.mapRow(rs, 0);
            merged.put(key, UserSketches.merge(rs.getBytes("users"), added.get(key)));
        });
        jdbc.sql(update).params(withSketches(merged, along)).update();
    }

    private Object[] withSketches(SortedMap<K, HllSketch> sketches, Function<Set<K>, Object[]> along) {
        return Stream.of(Stream.of(keyColumns.apply(sketches.keySet())),
                Stream.of(serialized(sketches.values()), estimates(sketches.values())),
                Stream.of(along.apply(sketches.keySet()))).flatMap(s -> s).toArray();
    }

    private static byte[][] serialized(Collection<HllSketch> sketches) {
        List<byte[]> bytes = sketches.stream().map(HllSketch::toCompactByteArray).toList();
        return bytes.toArray(byte[][]::new);
    }

    private static long[] estimates(Collection<HllSketch> sketches) {
        return sketches.stream().mapToLong(UserSketches::estimate).toArray();
    }
}
