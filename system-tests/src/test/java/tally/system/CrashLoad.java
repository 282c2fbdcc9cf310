package tally.system;

import tally.testing.TestHttp;
import tally.testing.TestHttp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clients that keep sending while services die under them, and remember what they were told.
 * Every event carries a unique user_id, its identity in the client's record: those answered
 * 202 must be stored exactly once; those answered 4xx must not be stored at all; those whose
 * answer was lost (a connection cut by a kill, a 503) may be stored at most once.
 *
 * <p>Two kinds of request alternate: seed-style single events, and batches of 20 with event_ids,
 * some of them invalid. A batch whose answer is lost is retried with the same event_ids until
 * it gets one, and now and then an acknowledged batch is sent again, as clients do.
 */
final class CrashLoad {

    /** Events per batch request. */
    private static final int BATCH = 20;
    /** A client whose request failed waits this long before the next, as real clients back off. */
    private static final long BACKOFF_MILLIS = 100;

    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final Set<String> rejected = ConcurrentHashMap.newKeySet();
    final AtomicInteger answersLost = new AtomicInteger();
    final AtomicInteger resent = new AtomicInteger();
    private final AtomicReference<TestHttp> ingest;
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;

    CrashLoad(AtomicReference<TestHttp> ingest, int clientCount) {
        this.ingest = ingest;
        for (int c = 0; c < clientCount; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().name("crash-client-" + c).start(() -> run(client)));
        }
    }

    /** Stops sending and returns once every client has had its last answer. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join();
        }
    }

    private void run(int client) {
        long seq = 0;
        List<String> pendingBatch = null;
        String pendingBody = null;
        while (running || pendingBody != null) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (pendingBody == null && random.nextBoolean()) {
                single(client + "-" + seq++);
                continue;
            }
            if (pendingBody == null) {
                pendingBatch = new ArrayList<>();
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < BATCH; i++) {
                    String id = "b" + client + "-" + seq++;
                    pendingBatch.add(id);
                    boolean bad = random.nextInt(25) == 0;
                    body.append(i == 0 ? "" : ",").append(event(id, bad, "\"event_id\":\"" + id + "\","));
                }
                pendingBody = body.append("]").toString();
            }
            if (sendBatch(pendingBatch, pendingBody)) {
                if (random.nextInt(10) == 0 && sendBatch(pendingBatch, pendingBody)) {
                    resent.incrementAndGet();
                }
                pendingBatch = null;
                pendingBody = null;
            }
        }
    }

    private static String event(String id, boolean bad, String extra) {
        String site = bad ? "bad site" : "crash-" + Math.floorMod(id.hashCode(), 3);
        return "{" + extra + "\"site_id\":\"" + site + "\",\"event_type\":\"page_view\",\"path\":\"/p" + Math.floorMod(id.hashCode(), 7)
                + "\",\"user_id\":\"" + id + "\"}";
    }

    private void single(String id) {
        boolean bad = ThreadLocalRandom.current().nextInt(25) == 0;
        Reply reply = send("/functions/v1/ingest-event", event("s" + id, bad, ""));
        if (reply == null || reply.status() >= 500) {
            answersLost.incrementAndGet();
        } else if (reply.status() == 202) {
            acknowledged.add("s" + id);
        } else {
            rejected.add("s" + id);
        }
    }

    /** True once the batch has an answer (202, or 400 with every event refused). */
    private boolean sendBatch(List<String> ids, String body) {
        Reply reply = send("/api/v1/events", body);
        if (reply == null || reply.status() >= 500) {
            answersLost.incrementAndGet();
            // Once the load is stopping, an unanswered batch is left unknown rather than retried forever.
            return !running;
        }
        Set<Integer> refused = new java.util.HashSet<>();
        var list = reply.status() == 202 || reply.status() == 400 ? reply.json().get("rejected") : null;
        if (list == null) {
            throw new AssertionError("unexpected answer to a batch: " + reply.status() + " " + reply.body());
        }
        list.forEach(r -> refused.add(r.get("index").intValue()));
        for (int i = 0; i < ids.size(); i++) {
            (refused.contains(i) ? rejected : acknowledged).add(ids.get(i));
        }
        return true;
    }

    private Reply send(String path, String body) {
        try {
            Reply reply = ingest.get().postJson(path, body);
            if (reply.status() >= 500) {
                backOff();
            }
            return reply;
        } catch (RuntimeException e) {
            backOff();
            return null;
        }
    }

    private static void backOff() {
        try {
            Thread.sleep(BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
