package tally.ingest.queue;

import tally.ingest.pipeline.Event;
import tally.ingest.pipeline.EventContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes events as rows of PostgreSQL's COPY text format for events_queue, in the column
 * order of {@link #COPY_SQL}. Validation has already kept control characters out of every
 * field, but the encoder escapes them anyway so the format can never be broken by a field.
 */
final class CopyRows {

    static final String COPY_SQL = "COPY events_queue (site_id, event_type, path, user_id, occurred_at, event_id, referrer, props, "
            + "hostname, title, source, channel, utm_source, utm_medium, utm_campaign, utm_content, utm_term, "
            + "browser, os, device, country, language, screen_width, revenue_amount, revenue_currency, visitor_id) FROM STDIN";

    private CopyRows() {}

    static byte[] encode(List<Event> events) {
        StringBuilder out = new StringBuilder(events.size() * 160);
        for (Event e : events) {
            field(out, e.siteId()).append('\t');
            field(out, e.eventType()).append('\t');
            field(out, e.path()).append('\t');
            field(out, e.userId()).append('\t');
            out.append(e.occurredAt()).append('\t');
            field(out, e.eventId()).append('\t');
            field(out, e.referrer()).append('\t');
            field(out, e.propsJson()).append('\t');
            context(out, e.context());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void context(StringBuilder out, EventContext c) {
        EventContext.Campaign utm = c.campaign();
        for (String value : new String[] {c.hostname(), c.title(), c.source(), c.channel(), utm.source(), utm.medium(),
                utm.campaign(), utm.content(), utm.term(), c.browser(), c.os(), c.device(), c.country(), c.language()}) {
            field(out, value).append('\t');
        }
        field(out, c.screenWidth() == null ? null : c.screenWidth().toString()).append('\t');
        field(out, c.revenue() == null ? null : c.revenue().amount().toPlainString()).append('\t');
        field(out, c.revenue() == null ? null : c.revenue().currency()).append('\t');
        field(out, c.visitorId()).append('\n');
    }

    private static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
