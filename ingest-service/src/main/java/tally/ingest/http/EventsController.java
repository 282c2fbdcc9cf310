package tally.ingest.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tally.common.http.ApiException;
import tally.common.http.BadRequestException;
import tally.ingest.IngestProperties;
import tally.ingest.enrich.Enricher;
import tally.ingest.pipeline.Decoded;
import tally.ingest.pipeline.Event;
import tally.ingest.pipeline.EventDecoder;
import tally.ingest.pipeline.JsonBody;
import tally.ingest.queue.Acknowledger;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two ways in: the seed's single-event endpoint, kept to the letter, and Tally's own,
 * which also takes arrays (batches) and answers for each rejected event by its index.
 */
@RestController
class EventsController implements EventsApi {

    static final String SEED_PATH = "/functions/v1/ingest-event";
    static final String EVENTS_PATH = "/api/v1/events";
    static final String[] PATHS = {SEED_PATH, EVENTS_PATH};

    private final JsonBody json;
    private final EventDecoder decoder;
    private final Acknowledger acknowledger;
    private final IngestMetrics metrics;
    private final IngestProperties properties;
    private final BodyBudget budget;
    private final RateLimits rateLimits;
    private final Enricher enricher;

    EventsController(JsonBody json, EventDecoder decoder, Acknowledger acknowledger, IngestMetrics metrics,
                     IngestProperties properties, BodyBudget budget, RateLimits rateLimits, Enricher enricher) {
        this.enricher = enricher;
        this.budget = budget;
        this.rateLimits = rateLimits;
        this.json = json;
        this.decoder = decoder;
        this.acknowledger = acknowledger;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** Writes its small, fixed-shape answer itself: Spring's return-value handling was a tenth of a request's CPU. */
    @PostMapping(value = SEED_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public void ingestEvent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        rateLimits.request(request.getRemoteAddr());
        String dropped;
        try (var lease = budget.reserve(request.getContentLengthLong())) {
            dropped = acceptOne(readJson(request), client(request));
        }
        if (dropped == null) {
            Answers.writeQueued(response, started);
        } else {
            Answers.writeDropped(response, started, dropped);
        }
    }

    @PostMapping(value = EVENTS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> events(HttpServletRequest request) throws IOException {
        long started = System.nanoTime();
        rateLimits.request(request.getRemoteAddr());
        try (var lease = budget.reserve(request.getContentLengthLong())) {
            JsonNode node = readJson(request);
            Enricher.Client client = client(request);
            if (!node.isArray()) {
                boolean kept = acceptOne(node, client) == null;
                return ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Answers.BatchQueued.since(started, kept ? 1 : 0, kept ? 0 : 1, List.of()));
            }
            return acceptBatch(node, client, started);
        }
    }

    /**
     * Decodes, enriches, limits and acknowledges one event; throws the 4xx or 503 that stops it.
     * Returns null when the event is stored, or why enrichment dropped it.
     */
    private String acceptOne(JsonNode node, Enricher.Client client) {
        Decoded.Valid valid = switch (decoder.decode(node)) {
            case Decoded.Valid v -> v;
            case Decoded.Invalid invalid -> throw rejected(invalid.field(), invalid.reason());
        };
        Event event;
        switch (enricher.enrich(valid.event(), valid.userAgent(), client)) {
            case Enricher.Outcome.Kept kept -> event = kept.event();
            case Enricher.Outcome.Dropped drop -> {
                metrics.dropped(drop.reason());
                return drop.reason();
            }
        }
        rateLimits.events(event.siteId(), 1);
        acknowledger.acknowledge(List.of(event));
        metrics.accepted(1);
        return null;
    }

    private ResponseEntity<?> acceptBatch(JsonNode array, Enricher.Client client, long started) {
        if (array.isEmpty()) {
            throw rejected("events", "the array is empty; send at least one event");
        }
        if (array.size() > properties.maxBatchEvents()) {
            throw rejected("events", "the array has " + array.size() + " events; the limit is " + properties.maxBatchEvents());
        }
        List<Event> valid = new ArrayList<>(array.size());
        List<Answers.Rejected> rejected = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < array.size(); i++) {
            switch (decoder.decode(array.get(i))) {
                case Decoded.Valid v -> {
                    switch (enricher.enrich(v.event(), v.userAgent(), client)) {
                        case Enricher.Outcome.Kept kept -> valid.add(kept.event());
                        case Enricher.Outcome.Dropped drop -> {
                            metrics.dropped(drop.reason());
                            dropped++;
                        }
                    }
                }
                case Decoded.Invalid invalid -> {
                    metrics.rejected(invalid.field());
                    rejected.add(new Answers.Rejected(i, invalid.field(), invalid.reason()));
                }
            }
        }
        if (valid.isEmpty() && dropped > 0) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Answers.BatchQueued.since(started, 0, dropped, rejected));
        }
        if (valid.isEmpty()) {
            return ResponseEntity.badRequest().body(new Answers.BatchRefused("bad_request", "events",
                    "none of the " + rejected.size() + " events is valid", rejected));
        }
        valid.stream().collect(Collectors.groupingBy(Event::siteId, Collectors.counting()))
                .forEach((site, n) -> rateLimits.events(site, n.intValue()));
        acknowledger.acknowledge(valid);
        metrics.accepted(valid.size());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Answers.BatchQueued.since(started, valid.size(), dropped, rejected));
    }

    /** The client as the request shows it: its address (a trusted proxy's X-Forwarded-For applied), agent and country header. */
    private Enricher.Client client(HttpServletRequest request) {
        String countryHeader = properties.countryHeader().isEmpty() ? null : request.getHeader(properties.countryHeader());
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(request.getRemoteAddr());
        } catch (IllegalArgumentException e) {
            address = null;
        }
        return new Enricher.Client(address, request.getHeader("User-Agent"), countryHeader);
    }

    private JsonNode readJson(HttpServletRequest request) throws IOException {
        try {
            return json.parse(BoundedBody.read(request, properties.maxBodySize().toBytes()));
        } catch (ApiException e) {
            metrics.rejected("body");
            throw e;
        }
    }

    private BadRequestException rejected(String field, String reason) {
        metrics.rejected(field);
        return new BadRequestException(field, reason);
    }
}
