package tally.processor.drain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tally.processor.ProcessorProperties;
import tally.processor.fold.FoldedDays;
import tally.processor.rollup.AllTimePathCounts;
import tally.processor.rollup.AllTimeUsers;
import tally.processor.rollup.BatchAggregate;
import tally.processor.rollup.DailyDimensions;
import tally.processor.rollup.DailyEventCounts;
import tally.processor.rollup.DailyRevenue;
import tally.processor.rollup.DailyPaths;
import tally.processor.rollup.DailyUsers;
import tally.processor.rollup.MonthlyPathCounts;
import tally.processor.rollup.SiteDay;
import tally.processor.session.Visits;

import java.util.Set;
import java.util.TreeSet;


/**
 * Processes one batch in one transaction: claim and move (see {@link ClaimBatch}), hold its
 * sites' fold locks, then add the batch to each rollup, mark the running totals of any finished
 * day it changed stale ({@link FoldedDays}), then commit. Everything a batch does commits together or not at
 * all, which is the whole of Tally's exactly-once: a crash at any point leaves the rows in the
 * queue and no trace in events or the rollups, and the next claim takes them again.
 *
 * <p>A batch locks its visitors first ({@link Visits}), then rollup rows, each in key order, so
 * concurrent processors wait rather than deadlock;
 * should PostgreSQL still pick a victim (a lock it could not order), the batch is rolled back
 * and simply run again. This class is thread-safe.
 */
@Component
public class BatchProcessor {

    /** A deadlock victim retries at once; three times is plenty for a race that is already rare. */
    private static final int LOCK_RETRIES = 3;

    private final TransactionTemplate transaction;
    private final ClaimBatch claim;
    private final DailyEventCounts eventCounts;
    private final DailyRevenue revenue;
    private final DailyPaths paths;
    private final DailyUsers users;
    private final AllTimePathCounts allTimePaths;
    private final AllTimeUsers allTimeUsers;
    private final DailyDimensions dimensions;
    private final MonthlyPathCounts monthlyPaths;
    private final Visits visits;
    private final FoldedDays folds;
    private final int batchSize;
    private final Counter drained;
    private final Counter duplicates;
    private final Timer batchTime;

    public BatchProcessor(TransactionTemplate transaction, ClaimBatch claim, DailyEventCounts eventCounts, DailyRevenue revenue,
                          DailyPaths paths, DailyUsers users,
                          AllTimePathCounts allTimePaths, AllTimeUsers allTimeUsers, DailyDimensions dimensions,
                          MonthlyPathCounts monthlyPaths, Visits visits, FoldedDays folds, ProcessorProperties properties,
                          MeterRegistry meters) {
        this.visits = visits;
        this.folds = folds;
        this.dimensions = dimensions;
        this.monthlyPaths = monthlyPaths;
        this.transaction = transaction;
        this.claim = claim;
        this.eventCounts = eventCounts;
        this.revenue = revenue;
        this.paths = paths;
        this.users = users;
        this.allTimePaths = allTimePaths;
        this.allTimeUsers = allTimeUsers;
        this.batchSize = properties.batchSize();
        this.drained = Counter.builder("tally.processor.drained").description("queue rows processed").register(meters);
        this.duplicates = Counter.builder("tally.processor.duplicates").description("events dropped for a repeated event_id").register(meters);
        this.batchTime = Timer.builder("tally.processor.batch").description("time to process one batch").register(meters);
    }

    /** Processes up to one batch of any queued rows; returns what it did (drained 0 when the queue was empty). */
    public BatchResult processOne() {
        return processOne(Long.MAX_VALUE);
    }

    /** Processes up to one batch of the queue rows with ids up to {@code lastId}. */
    public BatchResult processOne(long lastId) {
        for (int attempt = 1; ; attempt++) {
            try {
                BatchResult result = batchTime.record(() -> transaction.execute(status -> runBatch(lastId)));
                drained.increment(result.drained());
                duplicates.increment(result.duplicates());
                return result;
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= LOCK_RETRIES) {
                    throw e;
                }
            }
        }
    }

    public int batchSize() {
        return batchSize;
    }

    private BatchResult runBatch(long lastId) {
        ClaimBatch.Claimed claimed = claim.claim(batchSize, lastId);
        if (claimed.drained() == 0) {
            return BatchResult.EMPTY;
        }
        BatchAggregate batch = BatchAggregate.of(claimed.kept());
        if (batch.isEmpty()) {
            return new BatchResult(claimed.drained(), 0, Set.of());
        }
        folds.hold(batch.days().stream().map(SiteDay::siteId).toList());
        Set<SiteDay> visitDays = visits.add(claimed.kept());
        eventCounts.add(batch);
        revenue.add(batch);
        paths.add(batch);
        monthlyPaths.add(batch);
        users.add(batch);
        allTimePaths.add(batch);
        allTimeUsers.add(batch);
        dimensions.add(batch);
        Set<SiteDay> changed = new TreeSet<>(batch.days());
        changed.addAll(visitDays);
        folds.changed(changed);
        return new BatchResult(claimed.drained(), claimed.kept().size(), batch.days());
    }
}
