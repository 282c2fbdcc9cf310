package tally.ingest.pipeline;

import java.util.regex.Pattern;

/** Field limits, documented in the README's "Limits" table; changing one is an API change. */
final class Limits {

    static final int SITE_ID_MAX = 64;
    static final int EVENT_TYPE_MAX = 64;
    static final int EVENT_ID_MAX = 128;
    static final int USER_ID_MAX = 256;
    /** Browsers cap URLs near 2 KB in practice; longer paths are almost always attacks or bugs. */
    static final int PATH_MAX = 2048;
    static final int REFERRER_MAX = 2048;
    static final int PROPS_MAX = 30;
    static final int PROP_KEY_MAX = 64;
    static final int PROP_VALUE_MAX = 256;

    /** Ids appear in URLs, logs and metric tags, so they keep to a safe alphabet. */
    static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9._-]+");
    static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._:-]+");
    static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    static final Pattern PROP_KEY = Pattern.compile("[A-Za-z0-9._:-]+");

    private Limits() {}

    /** True if {@code s} has a control character (C0, DEL or C1), which no field may carry. */
    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if {@code path} is as a browser's location.pathname gives it: whitespace is
     * percent-encoded and dot segments are resolved. Anything else is a hand-made or hostile
     * path (e.g. traversal), which no report should show.
     */
    static boolean isNormalizedPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (Character.isWhitespace(path.charAt(i))) {
                return false;
            }
        }
        String query = path.split("[?#]", 2)[0];
        for (String segment : query.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code s} has a lone surrogate, which cannot be stored as UTF-8. */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
