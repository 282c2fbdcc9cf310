package tally.ingest.pipeline;

import java.math.BigDecimal;

/**
 * What web analytics knows about an event beyond the seed's fields: what the client sent about
 * the page and the visitor (host, title, campaign, screen, language, revenue), and what
 * enrichment derives from the request (source and channel from the referrer; browser, OS and
 * device class from the user agent; country; a visitor id). Any part may be null.
 */
public record EventContext(
        String hostname,
        String title,
        Campaign campaign,
        String language,
        Integer screenWidth,
        Revenue revenue,
        String source,
        String channel,
        String browser,
        String os,
        String device,
        String country,
        String visitorId) {

    /** The event of a server or a seed client: nothing known beyond the seed's fields. */
    public static final EventContext NONE = new EventContext(null, null, Campaign.NONE, null, null, null,
            null, null, null, null, null, null, null);

    /** The UTM parameters of the visit's landing URL. */
    public record Campaign(String source, String medium, String campaign, String content, String term) {
        public static final Campaign NONE = new Campaign(null, null, null, null, null);
    }

    /** Money an event brought in, in an ISO 4217 currency. */
    public record Revenue(BigDecimal amount, String currency) {
    }

    public EventContext withSource(String newSource, String newChannel) {
        return new EventContext(hostname, title, campaign, language, screenWidth, revenue, newSource, newChannel,
                browser, os, device, country, visitorId);
    }

    public EventContext withClient(String newBrowser, String newOs, String newDevice) {
        return new EventContext(hostname, title, campaign, language, screenWidth, revenue, source, channel,
                newBrowser, newOs, newDevice, country, visitorId);
    }

    public EventContext withCountry(String newCountry) {
        return new EventContext(hostname, title, campaign, language, screenWidth, revenue, source, channel,
                browser, os, device, newCountry, visitorId);
    }

    public EventContext withVisitorId(String newVisitorId) {
        return new EventContext(hostname, title, campaign, language, screenWidth, revenue, source, channel,
                browser, os, device, country, newVisitorId);
    }

    /** Characters held, for the memory estimate of events waiting for a commit. */
    int length() {
        return len(hostname) + len(title) + len(campaign.source()) + len(campaign.medium()) + len(campaign.campaign())
                + len(campaign.content()) + len(campaign.term()) + len(language) + len(source) + len(channel)
                + len(browser) + len(os) + len(device) + len(country) + len(visitorId) + (revenue == null ? 0 : 32);
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }
}
