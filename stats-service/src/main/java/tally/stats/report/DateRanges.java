package tally.stats.report;

import tally.common.http.BadRequestException;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import tally.stats.sites.SiteDays;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plausible's date ranges as the site's days (its time zone), today included: "day" is today,
 * "7d" the last seven days, "month" this month so far, "6mo" and "12mo" this month and the 5 or
 * 11 before it, "year" this year so far, "all" every day of the site up to today (or later, for
 * events stamped ahead); or [from, to] as dates, or datetimes (whose day in the site's zone counts).
 */
final class DateRanges {

    static final Pattern LAST_DAYS = Pattern.compile("([1-9][0-9]{0,3})d");
    /** Ten years: longer ranges are a mistake more often than a question. */
    static final long MAX_DAYS = 3_660;
    static final String EXPECTED = "must be day, 7d, 30d (any number of days), month, 6mo, 12mo, year, all, or [from, to] as YYYY-MM-DD dates";

    private DateRanges() {}

    static DateRange parse(JsonNode node, SiteDays days, Supplier<Optional<DateRange>> history) {
        if (node == null || node.isNull()) {
            throw new BadRequestException("date_range", "is required; it " + EXPECTED);
        }
        DateRange range = node.isArray() ? between(node, days.zone()) : named(node, days.today(), history);
        if (range.days() > MAX_DAYS) {
            throw new BadRequestException("date_range", "spans " + range.days() + " days; at most " + MAX_DAYS);
        }
        return range;
    }

    private static DateRange named(JsonNode node, LocalDate today, Supplier<Optional<DateRange>> history) {
        if (!node.isString()) {
            throw new BadRequestException("date_range", EXPECTED);
        }
        String name = node.asString();
        return switch (name) {
            case "day" -> new DateRange(today, today, false);
            case "month" -> new DateRange(today.withDayOfMonth(1), today, false);
            case "6mo" -> new DateRange(today.withDayOfMonth(1).minusMonths(5), today, false);
            case "12mo" -> new DateRange(today.withDayOfMonth(1).minusMonths(11), today, false);
            case "year" -> new DateRange(today.withDayOfYear(1), today, false);
            case "all" -> history.get()
                    .map(days -> new DateRange(min(days.from(), today), max(days.to(), today), true))
                    .orElse(new DateRange(today, today, true));
            default -> {
                Matcher days = LAST_DAYS.matcher(name);
                if (!days.matches()) {
                    throw new BadRequestException("date_range", EXPECTED + ", not " + name);
                }
                yield new DateRange(today.minusDays(Long.parseLong(days.group(1)) - 1), today, false);
            }
        };
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static DateRange between(JsonNode node, ZoneId zone) {
        if (node.size() != 2) {
            throw new BadRequestException("date_range", "as an array must be [from, to]");
        }
        LocalDate from = day(node.get(0), "date_range[0]", zone);
        LocalDate to = day(node.get(1), "date_range[1]", zone);
        if (from.isAfter(to)) {
            throw new BadRequestException("date_range", "from " + from + " is after to " + to);
        }
        return new DateRange(from, to, false);
    }

    private static LocalDate day(JsonNode node, String field, ZoneId zone) {
        String text = ReportParser.string(node, field);
        try {
            return text.length() == 10 ? LocalDate.parse(text)
                    : OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "must be a date (YYYY-MM-DD) or a datetime with an offset, not " + text);
        }
    }
}
