package tally.ingest.pipeline;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static tally.ingest.pipeline.Fields.plain;
import static tally.ingest.pipeline.Fields.string;

/**
 * Reads what a browser snippet sends beyond the seed's fields: the page's {@code url} (from
 * which the path, host and UTM parameters come unless sent on their own), {@code hostname},
 * {@code title}, {@code utm_*}, {@code screen_width}, {@code language}, {@code revenue}, and the
 * client's {@code user_agent}. Each is checked like every field: a bad one rejects the event
 * with its name and the reason.
 */
final class ContextDecoder {

    /** What the page fields gave: the context, the URL's path (if a URL came) and the user agent sent. */
    record Page(EventContext context, String urlPath, String userAgent) {
        static final Page NONE = new Page(EventContext.NONE, null, null);
    }

    static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    static final String[] UTM = {"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"};

    private ContextDecoder() {}

    static Page decode(JsonNode node) {
        String url = plain(node, "url", Limits.URL_MAX);
        String userAgent = plain(node, "user_agent", Limits.USER_AGENT_MAX);
        if (url == null && !hasAny(node)) {
            return userAgent == null ? Page.NONE : new Page(EventContext.NONE, null, userAgent);
        }
        URI uri = url == null ? null : absoluteUrl(url);
        Map<String, String> query = uri == null ? Map.of() : queryParameters(uri.getRawQuery());
        String hostname = hostname(node, uri);
        String[] utm = new String[UTM.length];
        for (int i = 0; i < UTM.length; i++) {
            String sent = plain(node, UTM[i], Limits.UTM_MAX);
            String fromUrl = query.get(UTM[i]);
            utm[i] = sent != null ? sent : usable(fromUrl);
        }
        EventContext context = new EventContext(hostname, plain(node, "title", Limits.TITLE_MAX),
                new EventContext.Campaign(utm[0], utm[1], utm[2], utm[3], utm[4]), language(node), screenWidth(node),
                revenue(node), null, null, null, null, null, null, null);
        return new Page(context, uri == null ? null : urlPath(uri), userAgent);
    }

    private static boolean hasAny(JsonNode node) {
        return node.has("hostname") || node.has("title") || node.has("language") || node.has("screen_width")
                || node.has("revenue") || node.has("utm_source") || node.has("utm_medium") || node.has("utm_campaign")
                || node.has("utm_content") || node.has("utm_term");
    }

    private static URI absoluteUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Refused below, with the field's reason.
        }
        throw new Fields.Rejection("url", "must be an absolute http or https URL, e.g. https://example.com/pricing");
    }

    private static String urlPath(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!Limits.isNormalizedPath(path)) {
            throw new Fields.Rejection("url", "must have a normalized path: no '.' or '..' segments");
        }
        return path;
    }

    private static String hostname(JsonNode node, URI uri) {
        String sent = plain(node, "hostname", Limits.HOSTNAME_MAX);
        String host = sent != null ? sent : uri == null ? null : uri.getHost();
        if (host == null) {
            return null;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.length() > Limits.HOSTNAME_MAX || !HOSTNAME.matcher(lower).matches()) {
            throw new Fields.Rejection(sent != null ? "hostname" : "url", "must have a DNS host name: letters, digits, '-' and '.'");
        }
        return lower;
    }

    private static String language(JsonNode node) {
        String language = plain(node, "language", Limits.LANGUAGE_MAX);
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new Fields.Rejection("language", "must be a BCP 47 language tag, e.g. en-US");
        }
        return language;
    }

    private static Integer screenWidth(JsonNode node) {
        JsonNode width = node.get("screen_width");
        if (width == null || width.isNull()) {
            return null;
        }
        if (!width.isIntegralNumber() || !width.canConvertToInt() || width.intValue() < 1 || width.intValue() > Limits.SCREEN_WIDTH_MAX) {
            throw new Fields.Rejection("screen_width", "must be a whole number of pixels from 1 to " + Limits.SCREEN_WIDTH_MAX);
        }
        return width.intValue();
    }

    private static EventContext.Revenue revenue(JsonNode node) {
        JsonNode revenue = node.get("revenue");
        if (revenue == null || revenue.isNull()) {
            return null;
        }
        if (!revenue.isObject()) {
            throw new Fields.Rejection("revenue", "must be an object: {\"amount\": 12.5, \"currency\": \"EUR\"}");
        }
        JsonNode amount = revenue.get("amount");
        BigDecimal value;
        try {
            value = amount != null && amount.isNumber() ? amount.decimalValue()
                    : amount != null && amount.isString() ? new BigDecimal(amount.stringValue()) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value.abs().doubleValue() >= Limits.REVENUE_MAX) {
            throw new Fields.Rejection("revenue.amount", "must be a number below " + (long) Limits.REVENUE_MAX + " in size");
        }
        String currency = string(revenue, "currency");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new Fields.Rejection("revenue.currency", "must be an ISO 4217 code in capitals, e.g. EUR");
        }
        return new EventContext.Revenue(value.stripTrailingZeros(), currency);
    }

    /** The query's parameters, decoded; a parameter that does not decode is left out. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            try {
                parameters.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A malformed escape: the page's own problem, not worth refusing its page view.
            }
        }
        return parameters;
    }

    /**
     * A UTM value read from the page's URL, cut to its limit on a character boundary; null when
     * empty or when it decodes to control characters: the page's own problem, not a reason to
     * refuse its page view.
     */
    private static String usable(String fromUrl) {
        if (fromUrl == null || fromUrl.isEmpty()) {
            return null;
        }
        String value = fromUrl;
        if (value.length() > Limits.UTM_MAX) {
            int end = Character.isHighSurrogate(value.charAt(Limits.UTM_MAX - 1)) ? Limits.UTM_MAX - 1 : Limits.UTM_MAX;
            value = value.substring(0, end);
        }
        return Limits.hasControl(value) || Limits.hasLoneSurrogate(value) ? null : value;
    }
}
