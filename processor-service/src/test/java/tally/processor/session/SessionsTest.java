package tally.processor.session;

import org.junit.jupiter.api.Test;
import tally.processor.rollup.KeptEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping events into visits, without a database. */
class SessionsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static Visit event(int minute, String type, String path, String source) {
        Instant at = T0.plusSeconds(60L * minute);
        return Visit.of(new KeptEvent("s", type, path, "u", at, LocalDate.ofInstant(at, ZoneOffset.UTC), "v",
                new KeptEvent.Dimensions("Desktop", "Firefox", "Linux", "CH", "example.com"),
                new KeptEvent.Origin(source, source == null ? null : "Organic Search", source == null ? null : "https://www.google.com/",
                        null, null, null, null, null), java.util.Map.of(), null));
    }

    static Visit view(int minute, String path) {
        return event(minute, "page_view", path, null);
    }

    static Sessions.Changes group(List<Visit> stored, List<Visit> arrived) {
        Sessions.Changes changes = Sessions.Changes.none();
        Sessions.add(stored, arrived, changes);
        return changes;
    }

    @Test
    void eventsUnderThirtyMinutesApartAreOneVisit() {
        Sessions.Changes changes = group(List.of(), List.of(view(0, "/a"), view(29, "/b"), event(40, "signup", "/b", null)));

        assertThat(changes.removed()).isEmpty();
        assertThat(changes.added()).singleElement().satisfies(v -> {
            assertThat(v.startedAt()).isEqualTo(T0);
            assertThat(v.durationSeconds()).isEqualTo(40 * 60);
            assertThat(v.pageViews()).isEqualTo(2);
            assertThat(v.events()).isEqualTo(3);
            assertThat(v.entryPage()).isEqualTo("/a");
            assertThat(v.exitPage()).isEqualTo("/b");
            assertThat(v.bounced()).isFalse();
        });
    }

    @Test
    void aGapOfThirtyMinutesStartsANewVisit() {
        Sessions.Changes changes = group(List.of(), List.of(view(0, "/a"), view(30, "/b")));

        assertThat(changes.added()).hasSize(2).allSatisfy(v -> {
            assertThat(v.bounced()).isTrue();
            assertThat(v.durationSeconds()).isZero();
        });
    }

    @Test
    void aSinglePageViewWithAnInteractionIsNoBounce() {
        assertThat(group(List.of(), List.of(view(0, "/a"), event(1, "click", "/a", null))).added().getFirst().bounced()).isFalse();
        assertThat(group(List.of(), List.of(event(1, "click", "/a", null))).added().getFirst().bounced()).isFalse();
    }

    @Test
    void aVisitTakesItsSourceFromItsFirstEvent() {
        Visit visit = group(List.of(), List.of(view(5, "/b"), event(0, "page_view", "/a", "Google"))).added().getFirst();

        assertThat(visit.origin().source()).isEqualTo("Google");
        assertThat(visit.origin().referrer()).isEqualTo("https://www.google.com/");
        Visit internal = group(List.of(), List.of(view(0, "/a"))).added().getFirst();
        assertThat(internal.origin().source()).isEqualTo(Visit.DIRECT_SOURCE);
        assertThat(internal.origin().channel()).isEqualTo(Visit.DIRECT_CHANNEL);
        assertThat(internal.origin().referrer()).isNull();
    }

    @Test
    void aNewEventExtendsTheStoredVisitItFollows() {
        Visit stored = group(List.of(), List.of(view(0, "/a"), view(10, "/b"))).added().getFirst();

        Sessions.Changes changes = group(List.of(stored), List.of(view(39, "/c")));

        assertThat(changes.removed()).containsExactly(stored);
        assertThat(changes.added()).singleElement().satisfies(v -> {
            assertThat(v.startedAt()).isEqualTo(stored.startedAt());
            assertThat(v.pageViews()).isEqualTo(3);
            assertThat(v.exitPage()).isEqualTo("/c");
        });
    }

    @Test
    void aLateEventBetweenTwoStoredVisitsJoinsThem() {
        Visit first = group(List.of(), List.of(view(0, "/a"))).added().getFirst();
        Visit second = group(List.of(), List.of(view(50, "/c"))).added().getFirst();

        Sessions.Changes changes = group(List.of(first, second), List.of(view(25, "/b")));

        assertThat(changes.removed()).containsExactlyInAnyOrder(first, second);
        assertThat(changes.added()).singleElement().satisfies(v -> {
            assertThat(v.entryPage()).isEqualTo("/a");
            assertThat(v.exitPage()).isEqualTo("/c");
            assertThat(v.pageViews()).isEqualTo(3);
            assertThat(v.durationSeconds()).isEqualTo(50 * 60);
        });
    }

    @Test
    void anEventBeforeAStoredVisitBecomesItsEntry() {
        Visit stored = group(List.of(), List.of(view(20, "/b"))).added().getFirst();

        Visit moved = group(List.of(stored), List.of(event(0, "page_view", "/a", "Google"))).added().getFirst();

        assertThat(moved.startedAt()).isEqualTo(T0);
        assertThat(moved.entryPage()).isEqualTo("/a");
        assertThat(moved.origin().source()).isEqualTo("Google");
    }

    @Test
    void storedVisitsNoEventTouchesAreLeftAlone() {
        Visit far = group(List.of(), List.of(view(0, "/a"))).added().getFirst();

        Sessions.Changes changes = group(List.of(far), List.of(view(90, "/b")));

        assertThat(changes.removed()).isEmpty();
        assertThat(changes.added()).singleElement().satisfies(v -> assertThat(v.entryPage()).isEqualTo("/b"));
    }

    /** Whatever the order and the batching, the visits are those of all events grouped at once. */
    @Test
    void batchesInAnyOrderGiveTheVisitsOfAllEventsAtOnce() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Visit> events = new ArrayList<>();
            int minute = 0;
            for (int i = 0; i < 30; i++) {
                minute += random.nextInt(45) + 1;
                events.add(random.nextInt(4) == 0 ? event(minute, "click", "/p" + random.nextInt(5), null)
                        : event(minute, "page_view", "/p" + random.nextInt(5), random.nextBoolean() ? "Google" : null));
            }
            List<Visit> expected = group(List.of(), events).added();
            Collections.shuffle(events, random);
            List<Visit> stored = new ArrayList<>();
            for (int from = 0; from < events.size(); ) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(8));
                Sessions.Changes changes = group(List.copyOf(stored), events.subList(from, to));
                stored.removeAll(changes.removed());
                stored.addAll(changes.added());
                from = to;
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
