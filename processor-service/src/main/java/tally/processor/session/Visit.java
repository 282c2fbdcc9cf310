package tally.processor.session;

import tally.processor.rollup.KeptEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One visit as stored in {@code visits}: its span, its counts, its entry and exit page views, and
 * what it takes from its first event ({@link Origin}). Visits merge: two visits of a visitor
 * become one whose first event and page views are the earlier ones. An event is a visit of its
 * own, so a visit is the merge of its events, in any order (events at the same instant aside:
 * their page views go in path order, their origin is the first merged).
 *
 * @param pageViews page_view events
 * @param events    events of every type, page views included
 * @param entryPage the path of the first page view (null if none), at {@code entryAt}
 * @param exitPage  the path of the last page view (null if none), at {@code exitAt}
 * @param day       the day it counts on: its first event's, as that event was counted (its site's local day)
 */
public record Visit(String siteId, String visitorId, Instant startedAt, Instant endedAt, int pageViews, int events,
                    String entryPage, Instant entryAt, String exitPage, Instant exitAt, Origin origin, LocalDate day) {

    /** What a visit takes from its first event. Source and channel are never null: a visit with none came directly. */
    public record Origin(String hostname, String source, String channel, String referrer, String utmSource,
                         String utmMedium, String utmCampaign, String utmContent, String utmTerm,
                         String device, String browser, String os, String country) {
    }

    /** Plausible's name for a visit with no known source. */
    static final String DIRECT_SOURCE = "Direct / None";
    static final String DIRECT_CHANNEL = "Direct";

    /** Page views at the same instant enter and exit in path order, so a merge gives the same visit in any order. */
    private static final Comparator<String> PATHS = Comparator.nullsLast(Comparator.naturalOrder());

    /** The visit of one event. */
    static Visit of(KeptEvent e) {
        Instant at = e.occurredAt();
        String page = e.isPageView() ? e.path() : null;
        Instant pageAt = e.isPageView() ? at : null;
        KeptEvent.Origin o = e.origin();
        KeptEvent.Dimensions d = e.dimensions();
        // A referrer counts only for a visit that came from elsewhere, not from the site's own pages.
        String referrer = o.source() != null ? o.referrer() : null;
        Origin origin = new Origin(d.hostname(), o.source() != null ? o.source() : DIRECT_SOURCE,
                o.source() != null && o.channel() != null ? o.channel() : DIRECT_CHANNEL, referrer, o.utmSource(),
                o.utmMedium(), o.utmCampaign(), o.utmContent(), o.utmTerm(), d.device(), d.browser(), d.os(), d.country());
        return new Visit(e.siteId(), e.visitorId(), at, at, page != null ? 1 : 0, 1, page, pageAt, page, pageAt, origin, e.day());
    }

    /** This visit and another of the same visitor as one. */
    Visit merge(Visit other) {
        boolean thisFirst = !other.startedAt.isBefore(startedAt);
        boolean thisEnters = entryAt != null && (other.entryAt == null || entryAt.isBefore(other.entryAt)
                || (entryAt.equals(other.entryAt) && PATHS.compare(entryPage, other.entryPage) <= 0));
        boolean thisExits = exitAt != null && (other.exitAt == null || exitAt.isAfter(other.exitAt)
                || (exitAt.equals(other.exitAt) && PATHS.compare(exitPage, other.exitPage) >= 0));
        return new Visit(siteId, visitorId, thisFirst ? startedAt : other.startedAt,
                endedAt.isAfter(other.endedAt) ? endedAt : other.endedAt,
                pageViews + other.pageViews, events + other.events,
                thisEnters ? entryPage : other.entryPage, thisEnters ? entryAt : other.entryAt,
                thisExits ? exitPage : other.exitPage, thisExits ? exitAt : other.exitAt,
                thisFirst ? origin : other.origin, thisFirst ? day : other.day);
    }

    /** A visit of one page view and nothing else. */
    boolean bounced() {
        return pageViews == 1 && events == 1;
    }

    /** Whole seconds from the first event to the last. */
    long durationSeconds() {
        return Duration.between(startedAt, endedAt).toSeconds();
    }

}
