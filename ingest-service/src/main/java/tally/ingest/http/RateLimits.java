package tally.ingest.http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tally.common.http.TooManyRequestsException;
import tally.ingest.IngestProperties;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client-IP request rates and per-site event rates, as token buckets: a bucket holds up to
 * one second's worth of its rate times the burst factor, refills continuously, and a request
 * that finds too few tokens gets 429 with Retry-After. A rate of 0 turns a limit off (the
 * default: analytics traffic is bursty and often arrives through one proxy, so limits are a
 * deployment's choice). Idle buckets are swept every minute, so memory follows the number of
 * active clients, not every address ever seen.
 *
 * <p>This class is thread-safe.
 */
@Component
class RateLimits {

    /** A full bucket holds this many seconds of its rate, so short bursts pass. */
    private static final double BURST_SECONDS = 2.0;

    private final double perIp;
    private final double perSite;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> ips = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> sites = new ConcurrentHashMap<>();

    @Autowired
    RateLimits(IngestProperties properties) {
        this(properties.rateLimitPerIp(), properties.rateLimitPerSite(), System::nanoTime);
    }

    RateLimits(double perIp, double perSite, LongSupplier nanos) {
        this.perIp = perIp;
        this.perSite = perSite;
        this.nanos = nanos;
    }

    /** One request from {@code ip}; throws a 429 when the address is over its rate. */
    void request(String ip) {
        take(ips, perIp, ip, 1, "client", "requests from " + ip);
    }

    /** {@code events} events for {@code site}; throws a 429 when the site is over its rate. */
    void events(String site, int events) {
        take(sites, perSite, site, events, "site_id", "events for site " + site);
    }

    private void take(ConcurrentHashMap<String, Bucket> buckets, double rate, String key, int n, String field, String what) {
        if (rate <= 0) {
            return;
        }
        double capacity = rate * BURST_SECONDS;
        if (n > capacity) {
            // Waiting would never help: say so with a 400 rather than a Retry-After that lies.
            throw new tally.common.http.BadRequestException(field, what + ": " + n + " at once is more than the burst of "
                    + (long) capacity + " this limit allows; send smaller batches");
        }
        long now = nanos.getAsLong();
        double wait = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(n, rate, now);
        if (wait > 0) {
            throw new TooManyRequestsException(field, what + " are over the limit of " + rate + " per second",
                    (int) Math.ceil(wait));
        }
    }

    @Scheduled(fixedDelay = 60_000)
    void sweepIdle() {
        long now = nanos.getAsLong();
        ips.values().removeIf(b -> b.isFull(perIp, now));
        sites.values().removeIf(b -> b.isFull(perSite, now));
    }

    /** Tokens and the time they were counted. */
    private static final class Bucket {
        private final double capacity;
        private double tokens;
        private long at;

        Bucket(double capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.at = now;
        }

        /** Takes n tokens and returns 0, or returns the seconds until n would be there. */
        synchronized double take(int n, double rate, long now) {
            refill(rate, now);
            if (tokens >= n) {
                tokens -= n;
                return 0;
            }
            return (n - tokens) / rate;
        }

        synchronized boolean isFull(double rate, long now) {
            refill(rate, now);
            return tokens >= capacity;
        }

        private void refill(double rate, long now) {
            tokens = Math.min(capacity, tokens + (now - at) / 1e9 * rate);
            at = now;
        }
    }
}
