package tally.stats.sites;

import tally.common.http.BadRequestException;

import java.util.regex.Pattern;

/** The site_id every report takes: the same alphabet and length the ingest service accepts, so a bad id is a 400, not an empty report. */
public final class SiteIds {

    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String RULE = "must be 1-64 letters, digits, '.', '_' or '-'";

    private SiteIds() {}

    public static boolean isValid(String siteId) {
        return siteId != null && SITE_ID.matcher(siteId).matches();
    }

    /** The id as given, or the 400 that names it. */
    public static String checked(String siteId) {
        if (!isValid(siteId)) {
            throw new BadRequestException("site_id", RULE);
        }
        return siteId;
    }
}
