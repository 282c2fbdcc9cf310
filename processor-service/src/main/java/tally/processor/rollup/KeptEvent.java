package tally.processor.rollup;

import java.time.LocalDate;

/** What the rollups need of an event that a batch keeps (after dropping repeated event_ids). */
public record KeptEvent(String siteId, String eventType, String path, String userId, LocalDate day) {

    /** The seed's "views" are page views; other event types count as events only. */
    public boolean isPageView() {
        return "page_view".equals(eventType);
    }
}
