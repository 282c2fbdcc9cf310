package tally.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tally.ingest.IngestProperties;
import tally.ingest.pipeline.Event;
import tally.ingest.pipeline.EventContext;
import tally.ingest.queue.Acknowledger;
import tally.ingest.queue.GroupCommitWriter;
import tally.ingest.queue.QueueBound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durable acknowledgement of single events by 64 concurrent requests: each call returns once its
 * event is committed in PostgreSQL (fsync on), as a durable 202 does. {@code groupCommit} goes
 * through Tally's {@link Acknowledger} and {@link GroupCommitWriter} (one COPY and one WAL flush
 * per group); the reference in the same run, {@code insertAndCommitEach}, is what a service
 * without group commit does: one INSERT and one commit per event on its own connection.
 *
 * <p>Run: {@code ./tally bench jmh GroupCommit}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(64)
public class GroupCommitBenchmark {

    static final Event EVENT = new Event("site-abc-123", "page_view", "/pricing", "user-xyz-789",
            Instant.parse("2026-11-12T19:30:01Z"), null, null, null, EventContext.NONE);

    /** One database and one writer shared by all benchmark threads, as in the service. */
    @State(Scope.Benchmark)
    public static class Tally {
        BenchDatabase db;
        GroupCommitWriter writer;
        Acknowledger acknowledger;

        @Setup(Level.Trial)
        public void start() throws Exception {
            db = new BenchDatabase(70);
            IngestProperties properties = Binder.get(new StandardEnvironment())
                    .bindOrCreate("tally.ingest", IngestProperties.class);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            writer = new GroupCommitWriter(db.dataSource, properties, meters);
            writer.start();
            acknowledger = new Acknowledger(writer, new QueueBound(JdbcClient.create(db.dataSource), properties, meters),
                    properties, meters);
        }

        @TearDown(Level.Iteration)
        public void emptyQueue() throws SQLException {
            db.execute("TRUNCATE events_queue");
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            writer.stop();
            db.close();
        }
    }

    /** Each benchmark thread's own connection, for the reference. */
    @State(Scope.Thread)
    public static class OwnConnection {
        Connection connection;
        PreparedStatement insert;

        @Setup(Level.Trial)
        public void open(Tally tally) throws SQLException {
            connection = tally.db.connect();
            insert = connection.prepareStatement("""
                    INSERT INTO events_queue (site_id, event_type, path, user_id, occurred_at) VALUES (?, ?, ?, ?, ?)""");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Benchmark
    public void groupCommit(Tally tally) {
        tally.acknowledger.acknowledge(List.of(EVENT));
    }

    @Benchmark
    public void insertAndCommitEach(OwnConnection own) throws SQLException {
        own.insert.setString(1, EVENT.siteId());
        own.insert.setString(2, EVENT.eventType());
        own.insert.setString(3, EVENT.path());
        own.insert.setString(4, EVENT.userId());
        own.insert.setTimestamp(5, Timestamp.from(EVENT.occurredAt()));
        own.insert.executeUpdate();
    }
}
