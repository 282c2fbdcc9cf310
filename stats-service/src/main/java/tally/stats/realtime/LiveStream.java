package tally.stats.realtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live stream of processed events, per site, as Server-Sent Events. One poller for all
 * subscribers reads the events processed in the last {@link #LOOKBACK} every 500 ms:
 * processors commit concurrently and out of order, so "processed after the last poll" would
 * miss a batch that committed late; looking back a few seconds and remembering what was sent
 * does not. An event reaches subscribers about a second after ingest (the drain loop's 200 ms
 * plus one poll). A poll sends at most {@link #MAX_PER_POLL} events, the newest: past that rate
 * (2,000 events a second over the watched sites) a live view skips the rest. Every
 * {@link #HEARTBEAT} each stream gets a comment, so a client that went away is noticed and its
 * slot freed even on a quiet site.
 *
 * <p>This class is thread-safe: subscribers are concurrent collections, polls run on one scheduler thread.
 */
@Component
class LiveStream implements SmartLifecycle {

    /** How far back each poll reads: longer than any batch transaction takes to commit. */
    static final Duration LOOKBACK = Duration.ofSeconds(10);
    /** Most events one poll sends: a burst beyond this is a firehose no one reads live. */
    static final int MAX_PER_POLL = 1000;
    /** Most open streams; past it a new one gets 503, since each holds a connection. */
    static final int MAX_SUBSCRIBERS = 200;
    /** How long a stream stays open; the browser's EventSource (or the dashboard) reconnects. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    /** How often every stream gets a comment, which finds the clients that are gone. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    private final RecentEvents recent;
    private final Clock clock;
    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    /** Ids sent within the lookback window, so an event read by two polls is sent once. Poller thread only. */
    private final Map<Long, Instant> sent = new LinkedHashMap<>();
    private volatile boolean running;
    /** Open streams, reserved before one is added, so the bound holds under concurrent subscribes. */
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    /** When the streams last got a heartbeat. Poller thread only. */
    private Instant lastHeartbeat = Instant.EPOCH;

    LiveStream(RecentEvents recent, Clock clock) {
        this.recent = recent;
        this.clock = clock;
    }

    /** A new stream of a site's events; null when too many are open. */
    SseEmitter subscribe(String siteId) {
        if (open.incrementAndGet() > MAX_SUBSCRIBERS) {
            open.decrementAndGet();
            return null;
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        subscribers.compute(siteId, (site, list) -> {
            List<SseEmitter> streams = list == null ? new CopyOnWriteArrayList<>() : list;
            streams.add(emitter);
            return streams;
        });
        java.util.concurrent.atomic.AtomicBoolean removed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable remove = () -> {
            if (removed.compareAndSet(false, true)) {
                open.decrementAndGet();
                // Removing the emitter and an emptied list in one step: a subscribe between them would be lost.
                subscribers.computeIfPresent(siteId, (site, streams) -> {
                    streams.remove(emitter);
                    return streams.isEmpty() ? null : streams;
                });
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            emitter.send(SseEmitter.event().comment("streaming " + siteId));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    /** Starts with the application. */
    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown begins (this phase stops
     * first), so open streams do not hold the shutdown for its whole grace period.
     */
    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(site -> site.forEach(SseEmitter::complete));
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Scheduled(fixedDelayString = "${tally.stats.realtime-poll:500ms}")
    void poll() {
        Set<String> sites = subscribers.keySet();
        Instant now = clock.instant();
        sent.values().removeIf(at -> at.isBefore(now.minus(LOOKBACK)));
        if (sites.isEmpty()) {
            return;
        }
        if (lastHeartbeat.isBefore(now.minus(HEARTBEAT))) {
            lastHeartbeat = now;
            subscribers.values().forEach(streams -> streams.forEach(LiveStream::heartbeat));
        }
        List<RecentEvents.LiveEvent> events;
        try {
            events = recent.processedSince(now.minus(LOOKBACK), Set.copyOf(sites), MAX_PER_POLL);
        } catch (DataAccessException e) {
            log.warn("realtime poll failed, retrying at the next: {}", e.getMostSpecificCause().getMessage());
            return;
        }
        for (RecentEvents.LiveEvent event : events) {
            if (sent.putIfAbsent(event.id(), now) == null) {
                send(event);
            }
        }
    }

    private static void heartbeat(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().comment("heartbeat"));
        } catch (IOException | IllegalStateException e) {
            end(emitter, e);
        }
    }

    private void send(RecentEvents.LiveEvent event) {
        for (SseEmitter emitter : subscribers.getOrDefault(event.siteId(), List.of())) {
            try {
                emitter.send(SseEmitter.event().name("event").id(Long.toString(event.id())).data(event, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                end(emitter, e);
            }
        }
    }

    /**
     * Ends the stream of a client that is gone. Once the web server has seen the client go, it
     * refuses to end the stream a second time: that refusal is caught here, or it would stop this
     * poll before the event reached the site's other streams.
     */
    private static void end(SseEmitter emitter, Exception cause) {
        try {
            emitter.completeWithError(cause);
        } catch (IllegalStateException alreadyEnded) {
            log.debug("stream already ended by the web server: {}", alreadyEnded.getMessage());
        }
    }
}
