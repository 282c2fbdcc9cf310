package tally.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The ingest service's settings ({@code tally.ingest.*}); README's "Limits" section lists them.
 *
 * @param ack                 durable: 202 after the commit (default); async: 202 first, the seed's way
 * @param maxBodySize         largest body accepted on either endpoint (413 past it)
 * @param maxBatchEvents      most events in one array on /api/v1/events
 * @param maxPendingEvents    events waiting for a commit, in memory, before new requests get 503
 * @param maxPendingBytes     estimated memory of the events waiting for a commit, before new requests get 503
 * @param maxEventsPerCommit  most events one group commit writes
 * @param writers             writer threads; two let one gather while the other commits
 * @param commitTimeout       how long a durable request waits for its commit before a 503
 * @param maxQueueDepth       events_queue depth past which new events get 503 (the processor is behind)
 * @param maxInflightBodySize request bytes held in memory at once, over all requests; past it, 503
 * @param rateLimitPerIp      requests per second from one client address; 0 is no limit
 * @param rateLimitPerSite    events per second for one site_id; 0 is no limit
 * @param maxEventAge         oldest timestamp accepted (backfills within it are fine)
 * @param maxClockSkew        how far in the future a timestamp may be
 * @param geoipDatabase       an IP-to-country database file (MaxMind format) instead of the bundled one
 * @param countryHeader       a header naming the client's country that a trusted front end sets
 *                            (e.g. CF-IPCountry); empty trusts none, since clients could forge it
 */
@ConfigurationProperties("tally.ingest")
public record IngestProperties(
        @DefaultValue("durable") AckMode ack,
        @DefaultValue("5MB") DataSize maxBodySize,
        @DefaultValue("10000") int maxBatchEvents,
        @DefaultValue("200000") int maxPendingEvents,
        @DefaultValue("64MB") DataSize maxPendingBytes,
        @DefaultValue("20000") int maxEventsPerCommit,
        @DefaultValue("2") int writers,
        @DefaultValue("2s") Duration commitTimeout,
        @DefaultValue("10000000") long maxQueueDepth,
        @DefaultValue("16MB") DataSize maxInflightBodySize,
        @DefaultValue("0") double rateLimitPerIp,
        @DefaultValue("0") double rateLimitPerSite,
        @DefaultValue("3650d") Duration maxEventAge,
        @DefaultValue("1h") Duration maxClockSkew,
        @DefaultValue("") String geoipDatabase,
        @DefaultValue("") String countryHeader) {

    /** When the 202 is sent. */
    public enum AckMode {
        /** After the events are committed in PostgreSQL: a 202 is never lost. */
        DURABLE,
        /** Before the commit: lowest latency, but a crash loses what was acknowledged and not yet written. */
        ASYNC
    }
}
