package tally.stats.report;

import tally.common.time.Period;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a report can group and filter by, by its name in the API, and where its values are kept:
 * the event dimensions in rollup_daily_dimensions (each event's own value; pages in the path
 * rollups), the visit dimensions in rollup_daily_visits (the value of the visit an event belongs
 * to: its first event's source, its first and last page). Device, browser, OS, country and host
 * name are in both: events are counted under their own, visits under their first event's.
 */
enum Dimension {
    /** The site's day ("time" means the same: days are the rollups' finest grain). */
    TIME_DAY("time:day", null, "all"),
    /** The week, named by its Monday. */
    TIME_WEEK("time:week", null, "all"),
    /** The month, named by its first day. */
    TIME_MONTH("time:month", null, "all"),
    /** The hour, "2026-11-28 13:00:00", counted from the raw events (finer than the rollups' days). */
    TIME_HOUR("time:hour", null, null),
    /** The minute, "2026-11-28 13:05:00", counted from the raw events. */
    TIME_MINUTE("time:minute", null, null),
    /** The path of the event: figures from rollup_daily_paths (counts also by month and all time). */
    PAGE("event:page", null, null),
    /** The event type (page_view, signup...): counts from rollup_daily_events, visitors from rollup_daily_dimensions. */
    NAME("event:name", "name", null),
    /** The page's host name. */
    HOSTNAME("event:hostname", "hostname", "hostname"),
    /** Mobile, Tablet or Desktop, from the user agent. */
    DEVICE("visit:device", "device", "device"),
    BROWSER("visit:browser", "browser", "browser"),
    OS("visit:os", "os", "os"),
    /** ISO 3166-1 alpha-2. */
    COUNTRY("visit:country", "country", "country"),
    /** The site or campaign source the visit came from ("Google", "Direct / None"). */
    SOURCE("visit:source", null, "source"),
    /** The source's kind: Organic Search, Organic Social, Paid, Email, Referral, Direct. */
    CHANNEL("visit:channel", null, "channel"),
    /** The referrer URL a visit came with, when it came from another site. */
    REFERRER("visit:referrer", null, "referrer"),
    UTM_SOURCE("visit:utm_source", null, "utm_source"),
    UTM_MEDIUM("visit:utm_medium", null, "utm_medium"),
    UTM_CAMPAIGN("visit:utm_campaign", null, "utm_campaign"),
    UTM_CONTENT("visit:utm_content", null, "utm_content"),
    UTM_TERM("visit:utm_term", null, "utm_term"),
    /** The path of a visit's first page view. */
    ENTRY_PAGE("visit:entry_page", null, "entry_page"),
    /** The path of a visit's last page view. */
    EXIT_PAGE("visit:exit_page", null, "exit_page"),
    /** A custom property of events, "event:props:" and its key; its rollup name is "prop:" and the key. */
    PROP("event:props:", "prop:", null);

    final String apiName;
    /** Its name in rollup_daily_dimensions, for the dimensions kept there; null for the others. */
    final String rollupName;
    /** Its name in rollup_daily_visits ("all" for days); null for the event dimensions that visits do not have. */
    final String visitName;

    Dimension(String apiName, String rollupName, String visitName) {
        this.apiName = apiName;
        this.rollupName = rollupName;
        this.visitName = visitName;
    }

    /** Whether this groups by hours or minutes, which only the raw events hold. */
    boolean isClock() {
        return this == TIME_HOUR || this == TIME_MINUTE;
    }

    /** Whether page views, events and visitors per value are read from the visits rollup, for want of an event-level one. */
    boolean onlyInVisits() {
        return rollupName == null && visitName != null && !isTime();
    }

    /** Whether this groups by time: days, weeks or months of the daily rollups. */
    boolean isTime() {
        return this == TIME_DAY || this == TIME_WEEK || this == TIME_MONTH;
    }

    /** A time dimension's bucket of a rollup row, as SQL over its {@code day} column, named by its first day. */
    String bucketSql() {
        return bucketSql("day");
    }

    /** A time dimension's bucket of a day (SQL of a date), named by its first day. */
    String bucketSql(String day) {
        return switch (this) {
            case TIME_DAY -> day + "::text";
            case TIME_WEEK -> "date_trunc('week', " + day + ")::date::text";
            case TIME_MONTH -> "date_trunc('month', " + day + ")::date::text";
            default -> throw new IllegalStateException(apiName + " is not a time dimension");
        };
    }

    /** Whether each raw event carries its value (the others are its visit's). */
    boolean inEvents() {
        return this == PAGE || rollupName != null;
    }

    /**
     * Its value in a raw event ({@code events e}), or null for the dimensions only visits have. A
     * property's key keeps to a safe alphabet (ReportParser checks), so it can be a literal.
     */
    String eventColumn(String propKey) {
        return switch (this) {
            case PAGE -> "e.path";
            case NAME -> "e.event_type";
            case PROP -> "(e.props ->> '" + propKey + "')";
            case HOSTNAME, DEVICE, BROWSER, OS, COUNTRY -> "e." + rollupName;
            default -> null;
        };
    }

    /** Its value in a visit ({@code visits v}, whose columns are named as in rollup_daily_visits), or null for an event-only one. */
    String visitColumn() {
        return visitName == null || isTime() ? null : "v." + visitName;
    }

    /** The bucket of a day, as {@link #bucketSql()} names it. */
    LocalDate bucket(LocalDate day) {
        return switch (this) {
            case TIME_DAY -> Period.DAY.start(day);
            case TIME_WEEK -> Period.WEEK.start(day);
            case TIME_MONTH -> Period.MONTH.start(day);
            default -> throw new IllegalStateException(apiName + " is not a time dimension");
        };
    }

    /** The rollup holding page views, events and visitors per value of this dimension. */
    String table() {
        return onlyInVisits() ? "rollup_daily_visits" : "rollup_daily_dimensions";
    }

    /** Its name in {@link #table()}. */
    String tableName() {
        return onlyInVisits() ? visitName : rollupName;
    }

    /** Its name in {@link #table()}, for a custom property its key's. */
    String tableName(String propKey) {
        return this == PROP ? rollupName + propKey : tableName();
    }

    /** Its name in the API, for a custom property with its key. */
    String apiName(String propKey) {
        return this == PROP ? apiName + propKey : apiName;
    }

    static Optional<Dimension> named(String name) {
        if (name.equals("time")) {
            return Optional.of(TIME_DAY);
        }
        if (name.startsWith(PROP.apiName) && name.length() > PROP.apiName.length()) {
            return Optional.of(PROP);
        }
        for (Dimension dimension : values()) {
            if (dimension.apiName.equals(name)) {
                return Optional.of(dimension);
            }
        }
        return Optional.empty();
    }

    /** Whether a name is one of Plausible's dimensions that Tally does not group by yet. */
    static boolean notYet(String name) {
        return name.startsWith("visit:") || name.equals("event:goal");
    }

    /** The names, for error messages. */
    static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(d -> d == PROP ? d.apiName + "<key>" : d.apiName).toList());
    }
}
