package tally.processor.drain;

import tally.processor.rollup.SiteDay;

import java.util.Set;

/**
 * What one batch transaction did: queue rows drained, events kept (the rest repeated an
 * event_id already counted), and the site-days whose rollups it updated.
 */
public record BatchResult(int drained, int kept, Set<SiteDay> siteDays) {

    public static final BatchResult EMPTY = new BatchResult(0, 0, Set.of());

    public int duplicates() {
        return drained - kept;
    }
}
