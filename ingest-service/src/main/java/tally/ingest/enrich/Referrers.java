package tally.ingest.enrich;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Where a visit came from, as a source name and a channel, in the spirit of Plausible's sources
 * and GA4's default channel groups. UTM parameters win over the referrer (a campaign link says
 * what it is); a referrer from the site's own host is no source (navigation inside the site);
 * no referrer is "Direct / None". Known hosts are in {@link #KNOWN}, matched on the registrable
 * part of the host so that regional and mobile hosts (www.google.co.uk, m.facebook.com) match.
 */
final class Referrers {

    /** The source and channel of an event; source is null for navigation inside the site. */
    record Source(String name, String channel) {
    }

    static final String SEARCH = "Organic Search";
    static final String SOCIAL = "Organic Social";
    static final String VIDEO = "Organic Video";
    static final String EMAIL = "Email";
    static final String PAID = "Paid";
    static final String REFERRAL = "Referral";
    static final String DIRECT = "Direct";

    static final Source NONE = new Source("Direct / None", DIRECT);

    /** Host name part (without "www.", "m." and the public suffix) to source and channel. */
    static final Map<String, Source> KNOWN = Map.ofEntries(
            entry("google", "Google", SEARCH), entry("bing", "Bing", SEARCH), entry("duckduckgo", "DuckDuckGo", SEARCH),
            entry("yahoo", "Yahoo!", SEARCH), entry("yandex", "Yandex", SEARCH), entry("baidu", "Baidu", SEARCH),
            entry("ecosia", "Ecosia", SEARCH), entry("qwant", "Qwant", SEARCH), entry("startpage", "Startpage", SEARCH),
            entry("brave", "Brave Search", SEARCH), entry("naver", "Naver", SEARCH), entry("seznam", "Seznam", SEARCH),
            entry("kagi", "Kagi", SEARCH), entry("perplexity", "Perplexity", SEARCH), entry("chatgpt", "ChatGPT", SEARCH),
            entry("facebook", "Facebook", SOCIAL), entry("fb", "Facebook", SOCIAL), entry("instagram", "Instagram", SOCIAL),
            entry("t.co", "Twitter", SOCIAL), entry("t.me", "Telegram", SOCIAL), entry("twitter", "Twitter", SOCIAL),
            entry("x", "Twitter", SOCIAL),
            entry("linkedin", "LinkedIn", SOCIAL), entry("lnkd", "LinkedIn", SOCIAL), entry("reddit", "Reddit", SOCIAL),
            entry("pinterest", "Pinterest", SOCIAL), entry("tiktok", "TikTok", SOCIAL), entry("threads", "Threads", SOCIAL),
            entry("bsky", "Bluesky", SOCIAL), entry("mastodon", "Mastodon", SOCIAL), entry("news.ycombinator", "Hacker News", SOCIAL),
            entry("ycombinator", "Hacker News", SOCIAL), entry("quora", "Quora", SOCIAL), entry("vk", "VKontakte", SOCIAL),
            entry("discord", "Discord", SOCIAL), entry("telegram", "Telegram", SOCIAL), entry("whatsapp", "WhatsApp", SOCIAL),
            entry("youtube", "YouTube", VIDEO), entry("youtu", "YouTube", VIDEO), entry("vimeo", "Vimeo", VIDEO),
            entry("twitch", "Twitch", VIDEO),
            entry("mail.google", "Gmail", EMAIL), entry("outlook.live", "Outlook.com", EMAIL), entry("mail.yahoo", "Yahoo! Mail", EMAIL),
            entry("github", "GitHub", REFERRAL), entry("stackoverflow", "Stack Overflow", REFERRAL),
            entry("wikipedia", "Wikipedia", REFERRAL), entry("medium", "Medium", REFERRAL));

    /** Common two-label public suffixes, so www.google.co.uk reduces to "google". */
    static final java.util.Set<String> SECOND_LEVEL = java.util.Set.of("co.uk", "com.au", "co.jp", "co.in", "com.br",
            "co.nz", "com.mx", "co.za", "com.tr", "com.ar", "co.kr", "com.sg", "com.hk", "com.tw", "org.uk", "ac.uk");

    private Referrers() {}

    private static Map.Entry<String, Source> entry(String key, String name, String channel) {
        return Map.entry(key, new Source(name, channel));
    }

    /**
     * The source of an event.
     *
     * @param referrer  the referrer URL sent, or null
     * @param utmSource the utm_source, or null
     * @param utmMedium the utm_medium, or null
     * @param ownHost   the page's host name, or null if unknown
     */
    static Source classify(String referrer, String utmSource, String utmMedium, String ownHost) {
        if (utmSource != null || utmMedium != null) {
            return campaign(utmSource, utmMedium);
        }
        if (referrer == null || referrer.isBlank()) {
            return NONE;
        }
        String host = host(referrer);
        if (host == null) {
            return new Source(referrer.length() > 64 ? referrer.substring(0, 64) : referrer, REFERRAL);
        }
        if (ownHost != null && stripWww(host).equals(stripWww(ownHost))) {
            return null;
        }
        Source known = known(host);
        return known != null ? known : new Source(stripWww(host), REFERRAL);
    }

    /** A campaign: its source as sent (or the known name for it), its channel from the medium. */
    private static Source campaign(String utmSource, String utmMedium) {
        String medium = utmMedium == null ? "" : utmMedium.toLowerCase(Locale.ROOT);
        Source known = utmSource == null ? null : KNOWN.get(utmSource.toLowerCase(Locale.ROOT));
        String name = known != null ? known.name() : utmSource != null ? utmSource : "Unknown campaign";
        String channel;
        if (medium.matches("^(.*cp.*|ppc|retargeting|paid.*)$")) {
            channel = PAID;
        } else if (medium.equals("email") || medium.equals("e-mail") || medium.equals("newsletter")) {
            channel = EMAIL;
        } else if (medium.equals("social") || medium.equals("social-network") || medium.equals("sm")) {
            channel = SOCIAL;
        } else if (medium.equals("organic")) {
            channel = SEARCH;
        } else if (medium.equals("video")) {
            channel = VIDEO;
        } else if (known != null) {
            channel = known.channel();
        } else {
            channel = medium.isEmpty() ? REFERRAL : medium.equals("referral") ? REFERRAL : "Other";
        }
        return new Source(name, channel);
    }

    private static Source known(String host) {
        Source whole = KNOWN.get(stripWww(host));
        if (whole != null) {
            return whole;
        }
        String[] labels = stripWww(host).split("\\.");
        // Try the longest known prefix first: mail.google before google.
        for (int take = Math.min(3, labels.length); take >= 1; take--) {
            String core = core(labels, take);
            if (core != null && KNOWN.containsKey(core)) {
                return KNOWN.get(core);
            }
        }
        return null;
    }

    /** The {@code take} labels just before the public suffix, joined; null if there are not that many. */
    private static String core(String[] labels, int take) {
        int suffix = labels.length >= 3 && SECOND_LEVEL.contains(labels[labels.length - 2] + "." + labels[labels.length - 1]) ? 2 : 1;
        int end = labels.length - suffix;
        int start = end - take;
        if (start < 0 || end <= 0) {
            return null;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, start, end));
    }

    private static String host(String referrer) {
        try {
            String host = URI.create(referrer.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripWww(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"www.", "m.", "l.", "lm.", "mobile."}) {
            if (lower.startsWith(prefix) && lower.length() > prefix.length() + 3) {
                return lower.substring(prefix.length());
            }
        }
        return lower;
    }
}
