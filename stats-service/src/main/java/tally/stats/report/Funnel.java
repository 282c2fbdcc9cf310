package tally.stats.report;

import tally.stats.sites.SiteDays;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A checked funnel: ordered steps, each a page view of a path (with {@code *} wildcards) or an
 * event of a name, that a visitor must take in that order within {@code window} of the first,
 * in a range of days, among the events that meet {@code filter}.
 */
record Funnel(String siteId, DateRange range, List<Step> steps, Duration window, Optional<Filter> filter, SiteDays site) {

    /** A step: a page view whose path matches {@code page}, or an event named {@code event}. */
    record Step(String page, String event, Pattern pagePattern) {

        Step(String page, String event) {
            this(page, event, page == null ? null : pattern(page));
        }

        boolean matches(String eventType, String path) {
            return event != null ? event.equals(eventType) : "page_view".equals(eventType) && pagePattern.matcher(path).matches();
        }

        /** A page with wildcards as a regular expression: {@code *} is any run of characters, the rest is literal. */
        private static Pattern pattern(String page) {
            StringBuilder regex = new StringBuilder();
            for (String part : page.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString());
        }

        /**
         * The step as a condition on events, its value ({@link #sqlValue}) bound to parameter
         * {@code name}: a page with wildcards by LIKE, any other by {@code =}, which PostgreSQL tests faster.
         */
        String sql(String name) {
            return event != null ? "e.event_type = :" + name
                    : "(e.event_type = 'page_view' AND e.path " + (hasWildcard() ? "LIKE" : "=") + " :" + name + ")";
        }

        String sqlValue() {
            return event != null ? event : hasWildcard() ? likePattern() : page;
        }

        private boolean hasWildcard() {
            return page.indexOf('*') >= 0;
        }

        /** The page as a LIKE pattern: {@code *} is {@code %}, and LIKE's own wildcards are literal. */
        private String likePattern() {
            return page.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%');
        }

        String label() {
            return event != null ? "event " + event : "page " + page;
        }
    }
}
