package tally.stats.report;

import java.util.Optional;

/**
 * The groups a report's page is drawn from, when the report is ordered first by a metric that is
 * a sum in SQL: the {@code count} groups with the most of it (or the least, ascending), and every
 * group tied with the last of them. A reader that ranks by that sum sends only these, not every
 * group of the range (a 30-day page list has thousands), and says how many groups there are in
 * all. {@link ReportRunner} then orders them by the whole order, ties included, as it orders
 * every group: the page is the same as if it had read them all.
 *
 * @param count the groups the page needs: its offset and its limit
 */
record Top(Metric metric, boolean descending, int count) {

    /**
     * The top a report's page needs: when it groups by a dimension other than time, compares with
     * no earlier period (whose groups are looked up by the page's keys), and is ordered first by
     * a metric.
     */
    static Optional<Top> of(Report report) {
        if (report.dimension().isEmpty() || report.dimension().get().isTime() || report.dimension().get().isClock()
                || report.comparison().isPresent()) {
            return Optional.empty();
        }
        Report.Order first = report.orders().getFirst();
        return Metric.named(first.key()).map(metric -> new Top(metric, first.descending(), report.offset() + report.limit()));
    }

    /**
     * A grouping select, kept to its top groups by one of its columns, with the count of all its
     * groups in a column "total_rows".
     */
    String rank(String groupsSql, String column) {
        return "SELECT * FROM (SELECT g.*, rank() OVER (ORDER BY g." + column + (descending ? " DESC" : "")
                + ") AS rank, count(*) OVER () AS total_rows FROM (" + groupsSql + ") g) ranked WHERE rank <= " + count;
    }
}
