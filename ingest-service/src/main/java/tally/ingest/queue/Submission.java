package tally.ingest.queue;

import tally.ingest.pipeline.Event;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request's events on their way to a commit. A submission is claimed exactly once: by a
 * writer, which will commit it, or by its request, which gave up waiting and answers 503. So a
 * 503 after a timeout means the events were never written, not "maybe written".
 */
final class Submission {

    private static final int WAITING = 0;
    private static final int CLAIMED_BY_WRITER = 1;
    private static final int ABANDONED = 2;

    final List<Event> events;
    /** The events' estimated memory, reserved against the writer's byte bound until they are written. */
    final int bytes;
    final CompletableFuture<Void> committed = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(WAITING);

    Submission(List<Event> events) {
        this.events = events;
        this.bytes = events.stream().mapToInt(Event::sizeEstimate).sum();
    }

    /** The writer takes it; false if its request has already given up. */
    boolean claimForWrite() {
        return state.compareAndSet(WAITING, CLAIMED_BY_WRITER);
    }

    /** The request gives up; false if a writer already has it, in which case its outcome must be awaited. */
    boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED);
    }
}
