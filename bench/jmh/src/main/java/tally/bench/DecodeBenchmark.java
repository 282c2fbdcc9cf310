package tally.bench;

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
import org.openjdk.jmh.infra.Blackhole;
import tally.ingest.pipeline.EventDecoder;
import tally.ingest.pipeline.JsonBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ingest request path without HTTP or the database: strict JSON parsing ({@link JsonBody})
 * and validation into events ({@link EventDecoder}), for the seed's single page_view and for a
 * 1000-event array. The reference in the same run is Jackson's plain parse of the same bytes,
 * so the figure to read is how much Tally's strictness and checks add to it.
 * (Jackson's default mapper, without the duplicate-key, depth and size checks of JsonBody.)
 *
 * <p>Run: {@code ./tally bench jmh Decode}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

    static final String SEED_EVENT = """
            {"site_id":"site-abc-123","event_type":"page_view","path":"/pricing","user_id":"user-xyz-789","timestamp":"%s"}""";

    private byte[] single;
    private byte[] batch;
    private JsonBody json;
    private EventDecoder decoder;
    private final JsonMapper plainJackson = new JsonMapper();

    @Setup
    public void setUp() {
        String now = Clock.systemUTC().instant().toString();
        single = SEED_EVENT.formatted(now).getBytes(StandardCharsets.UTF_8);
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            array.append(i == 0 ? "" : ",").append("""
                    {"site_id":"bench","event_type":"page_view","path":"/p%d","user_id":"u%d","timestamp":"%s"}"""
                    .formatted(i % 20, i % 500, now));
        }
        batch = array.append(']').toString().getBytes(StandardCharsets.UTF_8);
        json = new JsonBody();
        decoder = new EventDecoder(Clock.systemUTC(), Duration.ofDays(3650), Duration.ofHours(1), json.mapper());
    }

    @Benchmark
    public void singleEvent(Blackhole out) {
        out.consume(decoder.decode(json.parse(single)));
    }

    @Benchmark
    public void singleEventJacksonParseOnly(Blackhole out) {
        out.consume(plainJackson.readTree(single));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void batchOf1000(Blackhole out) {
        JsonNode array = json.parse(batch);
        for (int i = 0; i < array.size(); i++) {
            out.consume(decoder.decode(array.get(i)));
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void batchOf1000JacksonParseOnly(Blackhole out) {
        out.consume(plainJackson.readTree(batch));
    }
}
