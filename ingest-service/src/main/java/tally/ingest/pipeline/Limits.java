package tally.ingest.pipeline;

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
    static final int URL_MAX = 2048;
    /** The longest a DNS name can be. */
    static final int HOSTNAME_MAX = 253;
    static final int TITLE_MAX = 512;
    static final int UTM_MAX = 256;
    /** BCP 47 tags are at most 35 characters in practice (RFC 5646, 4.4.1). */
    static final int LANGUAGE_MAX = 35;
    static final int SCREEN_WIDTH_MAX = 100_000;
    static final int USER_AGENT_MAX = 1024;
    /** Revenue beyond a trillion in one event is a unit mistake, not a sale. */
    static final double REVENUE_MAX = 1e12;

    private Limits() {}

    /**
     * True if {@code s} keeps to the id alphabet: ASCII letters, digits, '.', '_', '-', and ':'
     * where {@code colon} allows it. Ids appear in URLs, logs and metric tags, so they keep to a
     * safe alphabet. A loop rather than a regex: this runs for several fields of every event.
     */
    static boolean isId(String s, boolean colon) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || (colon && c == ':');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

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
        int segmentStart = 0;
        boolean inPath = true;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (i < path.length() && Character.isWhitespace(c)) {
                return false;
            }
            if (!inPath) {
                continue;
            }
            if (c == '/' || c == '?' || c == '#') {
                int length = i - segmentStart;
                if ((length == 1 || length == 2) && path.startsWith("..".substring(0, length), segmentStart)) {
                    return false;
                }
                segmentStart = i + 1;
                inPath = c == '/';
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
