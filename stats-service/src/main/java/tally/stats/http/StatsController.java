package tally.stats.http;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tally.common.http.BadRequestException;
import tally.stats.query.DayStats;
import tally.stats.query.SeedStatsQuery;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The seed's reporting endpoint: one day's figures, or all time without {@code date}. */
@RestController
class StatsController {

    /** The same alphabet and length the ingest service accepts, so a bad id is a 400, not an empty report. */
    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SeedStatsQuery query;

    StatsController(SeedStatsQuery query) {
        this.query = query;
    }

    @GetMapping("/functions/v1/get-stats")
    DayStats getStats(@RequestParam("site_id") String siteId, @RequestParam(name = "date", required = false) String date) {
        if (!SITE_ID.matcher(siteId).matches()) {
            throw new BadRequestException("site_id", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (date == null) {
            return query.allTime(siteId);
        }
        return query.day(siteId, parseDate(date));
    }

    private static LocalDate parseDate(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("date", "must be a date as YYYY-MM-DD");
        }
    }
}
