package tally.processor.session;

import java.util.Comparator;

/** A site's visitor. Sorted, so every batch locks visitors in one order. */
record VisitorKey(String siteId, String visitorId) implements Comparable<VisitorKey> {

    private static final Comparator<VisitorKey> ORDER = Comparator.comparing(VisitorKey::siteId).thenComparing(VisitorKey::visitorId);

    static VisitorKey of(Visit visit) {
        return new VisitorKey(visit.siteId(), visit.visitorId());
    }

    @Override
    public int compareTo(VisitorKey other) {
        return ORDER.compare(this, other);
    }
}
