package tally.ingest.enrich;

import ua_parser.Client;
import ua_parser.Parser;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser, operating system and device class from a User-Agent, by ua-parser (uap-java and the
 * uap-core rules it ships), which also names crawlers ("Spider"). The device class follows
 * MDN's advice for user agents: "Mobi" marks a phone, iPad and Android without "Mobile" a
 * tablet; the rest with a desktop operating system is a desktop.
 *
 * <p>This class is thread-safe. The parser only reads its compiled rules; the answers are cached
 * in a concurrent map (uap-java's own CachingParser is not safe for concurrent use), which is
 * emptied when it grows past {@link #CACHE_SIZE}: a crude bound, but visitors' user agents repeat
 * so much that the cache refills with the common ones at once.
 */
final class UserAgents {

    /** What a User-Agent says; {@code automation} names the reason it is not a person, or is null. */
    record Agent(String browser, String os, String device, String automation) {
        static final Agent UNKNOWN = new Agent(null, null, null, null);
    }

    /** Browsers run by programs rather than people, each a reason of its own in the drop counts. */
    private static final String[] HEADLESS = {"HeadlessChrome", "PhantomJS", "Lighthouse", "Puppeteer", "Playwright", "SlimerJS"};

    /** Distinct user agents remembered; a parse costs about a millisecond of regular expressions. */
    static final int CACHE_SIZE = 10_000;

    private final Parser parser = new Parser();
    private final Map<String, Agent> cache = new ConcurrentHashMap<>();

    Agent parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Agent.UNKNOWN;
        }
        Agent cached = cache.get(userAgent);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        Agent agent = classify(userAgent);
        cache.put(userAgent, agent);
        return agent;
    }

    private Agent classify(String userAgent) {
        Client client = parser.parse(userAgent);
        String browser = known(client.userAgent.family);
        String os = known(client.os.family);
        if ("Spider".equals(client.device.family)) {
            return new Agent(browser, os, "Bot", "bot");
        }
        for (String headless : HEADLESS) {
            if (userAgent.contains(headless)) {
                return new Agent(browser, os, "Bot", "headless");
            }
        }
        return new Agent(browser, os, deviceClass(userAgent, os), null);
    }

    private static String deviceClass(String userAgent, String os) {
        if (userAgent.contains("iPad") || userAgent.contains("Tablet") || (os != null && os.equals("Android") && !userAgent.contains("Mobile"))) {
            return "Tablet";
        }
        if (userAgent.contains("Mobi") || userAgent.contains("iPhone") || userAgent.contains("iPod")) {
            return "Mobile";
        }
        if (os == null) {
            return null;
        }
        String lower = os.toLowerCase(Locale.ROOT);
        boolean desktop = lower.startsWith("windows") || lower.startsWith("mac os") || lower.equals("linux")
                || lower.equals("ubuntu") || lower.equals("fedora") || lower.equals("chrome os") || lower.equals("debian")
                || lower.equals("freebsd") || lower.equals("openbsd");
        return desktop ? "Desktop" : null;
    }

    private static String known(String family) {
        return family == null || family.equals("Other") ? null : family;
    }
}
