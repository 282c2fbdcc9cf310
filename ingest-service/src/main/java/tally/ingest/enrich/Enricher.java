package tally.ingest.enrich;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tally.ingest.IngestProperties;
import tally.ingest.pipeline.Event;
import tally.ingest.pipeline.EventContext;

import java.net.InetAddress;
import java.time.Clock;

/**
 * The enrichment pipeline, one named step after another, as Plausible's ingestion is: a
 * {@code drop_*} step stops an event with a reason (counted per reason in the status, never
 * silently), a {@code put_*} step adds what the request tells.
 * <ol>
 *   <li>drop_automation: crawlers and headless browsers, by their user agent;</li>
 *   <li>put_client: browser, operating system and device class;</li>
 *   <li>put_source: the source and channel, from UTM parameters or the referrer;</li>
 *   <li>put_country: from the trusted country header, else the IP-to-country database;</li>
 *   <li>put_visitor_id: the user_id when sent, else a daily-salted hash of site, address and agent.</li>
 * </ol>
 * The address is used by the last two steps and then forgotten.
 *
 * <p>This class is thread-safe.
 */
@Component
public class Enricher implements AutoCloseable {

    /** What enrichment made of an event. */
    public sealed interface Outcome {
        record Kept(Event event) implements Outcome {}

        /** Not stored: a bot or automation; {@code reason} names the step's reason ("bot", "headless"). */
        record Dropped(String reason) implements Outcome {}
    }

    /** What the request tells about the client: its address, user agent and trusted country header. */
    public record Client(InetAddress address, String userAgent, String countryHeader) {
    }

    private final UserAgents userAgents = new UserAgents();
    private final Countries countries;
    private final VisitorIds visitorIds;

    public Enricher(IngestProperties properties, JdbcClient jdbc, Clock clock) {
        this.countries = Countries.open(properties.geoipDatabase());
        this.visitorIds = new VisitorIds(jdbc, clock);
    }

    /**
     * @param sentUserAgent the user agent the event carried in its body (a server forwarding a
     *                      visitor's), which wins over the request's own
     */
    public Outcome enrich(Event event, String sentUserAgent, Client client) {
        String userAgent = sentUserAgent != null ? sentUserAgent : client.userAgent();
        UserAgents.Agent agent = userAgents.parse(userAgent);
        if (agent.automation() != null) {
            return new Outcome.Dropped(agent.automation());
        }
        EventContext context = event.context().withClient(agent.browser(), agent.os(), agent.device());
        EventContext.Campaign utm = context.campaign();
        Referrers.Source source = Referrers.classify(event.referrer(), utm.source(), utm.medium(), context.hostname());
        if (source != null) {
            context = context.withSource(source.name(), source.channel());
        }
        context = context.withCountry(countries.country(client.countryHeader(), client.address()));
        String visitor = event.userId().equals("anonymous")
                ? visitorIds.of(event.siteId(), client.address() == null ? "" : client.address().getHostAddress(), userAgent)
                : event.userId();
        return new Outcome.Kept(event.with(context.withVisitorId(visitor)));
    }

    @Override
    public void close() throws Exception {
        countries.close();
    }
}
