package tally.common.http;

import java.util.regex.Pattern;

/**
 * The site_id every service takes in a path or a query: the alphabet and length the ingest
 * service accepts, so a bad id is a 400 naming it, not an empty answer.
 */
public final class SiteIds {

    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String RULE = "must be 1-64 letters, digits, '.', '_' or '-'";

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
