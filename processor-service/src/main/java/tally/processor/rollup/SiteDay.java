package tally.processor.rollup;

import java.time.LocalDate;
import java.util.Comparator;

/** A site's day (its local day): the key of the per-day rollups. Sorted, so locks are always taken in one order. */
public record SiteDay(String siteId, LocalDate day) implements Comparable<SiteDay> {

    private static final Comparator<SiteDay> ORDER = Comparator.comparing(SiteDay::siteId).thenComparing(SiteDay::day);

    @Override
    public int compareTo(SiteDay other) {
        return ORDER.compare(this, other);
    }
}
