package tally.stats.report;

import org.junit.jupiter.api.Test;
import tally.stats.sites.SiteDays;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TopGroupsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    /** Groups whose visitors are known (to the test), and which of them the page asked for. */
    private static final class Site {
        final Map<String, ReportRunner.Figures> groups = new LinkedHashMap<>();
        final Map<String, Long> visitors = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();

        void add(String key, long events, long visitors) {
            groups.put(key, new ReportRunner.Figures(new RollupReader.Counts(events, events, -1), VisitReader.VisitCounts.NONE,
                    Map.of(), new ReportRunner.Totals(1_000, 1_000)));
            this.visitors.put(key, visitors);
        }

        List<Map.Entry<String, ReportRunner.Figures>> page(Report report) {
            return TopGroups.page(report, groups, keys -> {
                asked.addAll(keys);
                Map<String, Long> counted = new LinkedHashMap<>();
                keys.forEach(k -> counted.put(k, visitors.get(k)));
                return counted;
            });
        }

        /** The page when every group comes with its visitors. */
        List<Map.Entry<String, ReportRunner.Figures>> pageOfAll(Report report) {
            Map<String, ReportRunner.Figures> known = new LinkedHashMap<>();
            groups.forEach((key, figures) -> known.put(key, figures.withVisitors(visitors.get(key))));
            return TopGroups.page(report, known, null);
        }
    }

    @Test
    void countsVisitorsOnlyOfTheGroupsThatCanReachAPageOrderedByVisitors() {
        Site site = new Site();
        site.add("/one-fan", 100, 1); // the most events, by one visitor
        site.add("/b", 50, 50);
        site.add("/c", 40, 40);
        site.add("/d", 40, 30);
        for (int i = 0; i < 200; i++) {
            site.add("/tail" + i, 3, 3);
        }

        List<Map.Entry<String, ReportRunner.Figures>> page = site.page(report(List.of(), 2, 0));

        assertThat(page).extracting(Map.Entry::getKey).containsExactly("/b", "/c");
        assertThat(page).extracting(e -> e.getValue().counts().visitors()).containsExactly(50L, 40L);
        assertThat(site.asked).contains("/one-fan", "/b", "/c", "/d").hasSize(8);
    }

    @Test
    void countsVisitorsOfThePageOnlyWhenOrderedByAnotherMetric() {
        Site site = new Site();
        for (int i = 0; i < 100; i++) {
            site.add("/p" + i, 100 - i, 1 + i % 7);
        }

        List<Map.Entry<String, ReportRunner.Figures>> page = site.page(report(List.of(new Report.Order("pageviews", true)), 3, 2));

        assertThat(page).extracting(Map.Entry::getKey).containsExactly("/p2", "/p3", "/p4");
        assertThat(page).extracting(e -> e.getValue().counts().visitors()).containsExactly(3L, 4L, 5L);
        assertThat(site.asked).containsExactly("/p2", "/p3", "/p4");
    }

    @Test
    void pagesEqualThoseOfEveryGroupsVisitorsCounted() {
        Random random = new Random(7);
        List<List<Report.Order>> orders = List.of(List.of(), List.of(new Report.Order("visitors", false)),
                List.of(new Report.Order("percentage", true)), List.of(new Report.Order("pageviews", true)),
                List.of(new Report.Order("pageviews", true), new Report.Order("visitors", true)));
        for (int round = 0; round < 500; round++) {
            Site site = new Site();
            int groups = random.nextInt(300);
            for (int i = 0; i < groups; i++) {
                long events = 1 + random.nextInt(random.nextBoolean() ? 4 : 40); // small ranges: ties on visitors and bounds
                site.add("/p" + i, events, 1 + random.nextInt((int) events));
            }
            Report report = report(orders.get(random.nextInt(orders.size())), 1 + random.nextInt(40), random.nextInt(4));

            assertThat(site.page(report)).as("round %d, %s", round, report.orderBy())
                    .isEqualTo(site.pageOfAll(report));
        }
    }

    private static Report report(List<Report.Order> orderBy, int limit, int offset) {
        return new Report("site", List.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.PERCENTAGE), Optional.of(Dimension.PAGE),
                new DateRange(TODAY.minusDays(29), TODAY, false), Optional.empty(), orderBy, limit, offset, Optional.empty(), null,
                new SiteDays(TODAY, ZoneOffset.UTC, TODAY.minusDays(90)), false);
    }
}
