package tally.processor.session;

import org.springframework.stereotype.Component;
import tally.processor.rollup.KeptEvent;
import tally.processor.rollup.SiteDay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A batch's part in visits: lock the batch's visitors, read their visits near the new events,
 * group each visitor's events into visits ({@link Sessions}), replace the visits that changed,
 * apply the change to the daily visit rollup, and add the visitors' new days to the retention
 * rollup ({@link Cohorts}). Runs first among the rollups, so every batch
 * locks visitors before any rollup row and concurrent processors cannot deadlock on the two.
 */
@Component
public class Visits {

    private final VisitStore store;
    private final DailyVisits rollup;
    private final Cohorts cohorts;

    Visits(VisitStore store, DailyVisits rollup, Cohorts cohorts) {
        this.store = store;
        this.rollup = rollup;
        this.cohorts = cohorts;
    }

    /**
     * Adds a batch's kept events to visits. Call inside the batch transaction. Returns the days
     * of the visit rows it changed: those a visit counts on, which can be before the day of any
     * of its events in the batch.
     */
    public Set<SiteDay> add(List<KeptEvent> kept) {
        if (kept.isEmpty()) {
            return Set.of();
        }
        SortedMap<VisitorKey, List<Visit>> arrived = new TreeMap<>();
        SortedMap<VisitorKey, SortedSet<LocalDate>> days = new TreeMap<>();
        for (KeptEvent event : kept) {
            Visit visit = Visit.of(event);
            arrived.computeIfAbsent(VisitorKey.of(visit), k -> new ArrayList<>()).add(visit);
            days.computeIfAbsent(VisitorKey.of(visit), k -> new TreeSet<>()).add(event.day());
        }
        VisitStore.Locked locked = store.lockAndReadNear(arrived);
        Sessions.Changes changes = Sessions.Changes.none();
        arrived.forEach((visitor, events) -> Sessions.add(locked.near().getOrDefault(visitor, List.of()), events, changes));
        store.replace(changes);
        rollup.add(changes);
        cohorts.add(locked.days(), days);
        Set<SiteDay> changed = new TreeSet<>();
        changes.removed().forEach(visit -> changed.add(new SiteDay(visit.siteId(), visit.day())));
        changes.added().forEach(visit -> changed.add(new SiteDay(visit.siteId(), visit.day())));
        return changed;
    }

    /**
     * Makes the visitor sketches of a day's visit rows again from the visits that count on it. A
     * batch that replaces a visit subtracts its old counts but cannot take its visitor out of the
     * old values' sketches: a visit that grew past a batch left its visitor under each page it
     * had ended on, and one a late event moved, under its old source or entry page. Call for a
     * finished day whose visits are whole (not begun on by the retention sweep), inside a
     * transaction that holds the site's fold lock exclusively, which keeps batches of the site out.
     */
    public void remakeSketches(String siteId, LocalDate day) {
        rollup.rebuildSketches(siteId, List.of(day), store.countedOn(siteId, List.of(day)));
    }

    /**
     * Forgets visitors of a site: deletes them and their visits, subtracts the visits from the
     * rollup and their periods from the retention rollup, and rebuilds the visitor sketches of the days those visits counted on, from
     * {@code firstWhole} on (earlier days may have lost visits to the retention sweep, and a
     * sketch rebuilt from what is left would drop other visitors). Call inside a transaction
     * holding {@code RollupLock} exclusively. Returns the visits it deleted.
     */
    public List<Visit> forget(String siteId, Collection<String> visitorIds, LocalDate firstWhole) {
        VisitStore.Deleted deleted = store.deleteVisitors(siteId, visitorIds);
        cohorts.forget(siteId, deleted.days());
        List<Visit> gone = deleted.visits();
        if (gone.isEmpty()) {
            return gone;
        }
        rollup.add(new Sessions.Changes(gone, List.of()));
        Set<LocalDate> days = new TreeSet<>();
        gone.stream().map(Visit::day).filter(day -> !day.isBefore(firstWhole)).forEach(days::add);
        if (!days.isEmpty()) {
            rollup.rebuildSketches(siteId, days, store.countedOn(siteId, days));
        }
        return gone;
    }
}
