package tally.processor.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups one visitor's events into visits, given the visits already stored near them. A visit is
 * a run of events with gaps under {@link #GAP}; stored visits are such runs already, so the
 * events and the stored visits are sorted by start and swept once, merging each into the one
 * before whenever it starts less than {@link #GAP} after that one's end. An event between two
 * stored visits can so join them; an event before a visit moves its start, its entry page and its
 * origin. Only the merged runs that took in an event are changes: their stored visits are
 * replaced by the merged one. Plain Java, no I/O.
 */
final class Sessions {

    /** The idle time that ends a visit: the convention of Google Analytics, Plausible and Umami. */
    static final Duration GAP = Duration.ofMinutes(30);

    /** Visits to delete and the visits that replace them. */
    record Changes(List<Visit> removed, List<Visit> added) {
        static Changes none() {
            return new Changes(new ArrayList<>(), new ArrayList<>());
        }
    }

    private record Piece(Visit visit, boolean stored) {
    }

    private Sessions() {}

    /**
     * Adds to {@code changes} what one visitor's new events do to their visits.
     *
     * @param stored  the visitor's stored visits that end at most {@link #GAP} before the first
     *                event and start at most {@link #GAP} after the last (others cannot meet them)
     * @param arrived one visit per new event ({@link Visit#of})
     */
    static void add(List<Visit> stored, List<Visit> arrived, Changes changes) {
        List<Piece> pieces = new ArrayList<>(stored.size() + arrived.size());
        stored.forEach(v -> pieces.add(new Piece(v, true)));
        arrived.forEach(v -> pieces.add(new Piece(v, false)));
        pieces.sort(Comparator.comparing((Piece p) -> p.visit().startedAt()).thenComparing(p -> !p.stored()));

        List<Visit> replaced = new ArrayList<>();
        Visit run = null;
        boolean grew = false;
        for (Piece piece : pieces) {
            if (run != null && piece.visit().startedAt().isBefore(run.endedAt().plus(GAP))) {
                run = run.merge(piece.visit());
            } else {
                close(run, grew, replaced, changes);
                run = piece.visit();
                grew = false;
                replaced = new ArrayList<>();
            }
            if (piece.stored()) {
                replaced.add(piece.visit());
            } else {
                grew = true;
            }
        }
        close(run, grew, replaced, changes);
    }

    private static void close(Visit run, boolean grew, List<Visit> replaced, Changes changes) {
        if (run != null && grew) {
            changes.removed().addAll(replaced);
            changes.added().add(run);
        }
    }
}
