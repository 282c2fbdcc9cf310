package tally.bench;

import org.apache.datasketches.hll.HllSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tally.common.sketch.UserSketches;
import tally.processor.rollup.BatchAggregate;
import tally.processor.rollup.KeptEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The processor's work in Java for one batch of 10,000 events shaped like the end-to-end
 * benchmark's (50 sites and 2,000 paths, both skewed; 100k users; 7 days):
 * {@code aggregateBatch} sums it into sorted rollup keys and one user sketch per site-day
 * ({@link BatchAggregate}); its reference in the same run, {@code countByKeyReference}, only
 * counts events per (site, day, path) in a HashMap, the least any aggregation must do.
 * {@code mergeStoredSketch} is the read-merge-write of one site-day's users: a stored sketch
 * of 10,000 users merged with a batch's 25 and serialized again.
 *
 * <p>Run: {@code ./tally bench jmh Rollup}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RollupBenchmark {

    private List<KeptEvent> batch;
    private byte[] storedSketch;
    private HllSketch batchSketch;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        LocalDate today = LocalDate.of(2026, 11, 28);
        batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(new KeptEvent("site-" + (int) (50 * Math.pow(random.nextDouble(), 3)),
                    random.nextDouble() < 0.8 ? "page_view" : "click",
                    "/p" + (int) (2000 * Math.pow(random.nextDouble(), 2)),
                    "u" + random.nextInt(100_000),
                    today.minusDays(random.nextInt(7))));
        }
        HllSketch stored = UserSketches.empty();
        for (int i = 0; i < 10_000; i++) {
            stored.update("u" + random.nextInt(100_000));
        }
        storedSketch = stored.toCompactByteArray();
        batchSketch = UserSketches.empty();
        for (int i = 0; i < 25; i++) {
            batchSketch.update("u" + random.nextInt(100_000));
        }
    }

    @Benchmark
    public BatchAggregate aggregateBatch() {
        return BatchAggregate.of(batch);
    }

    @Benchmark
    public Map<String, Long> countByKeyReference() {
        Map<String, Long> counts = new HashMap<>();
        for (KeptEvent e : batch) {
            counts.merge(e.siteId() + '\u0000' + e.day() + '\u0000' + e.path(), 1L, Long::sum);
        }
        return counts;
    }

    @Benchmark
    public byte[] mergeStoredSketch() {
        return UserSketches.merge(storedSketch, batchSketch).toCompactByteArray();
    }
}
