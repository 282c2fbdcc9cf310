package tally.ingest.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields a browser snippet sends beyond the seed's: read from the URL or sent alone, each checked. */
class ContextDecoderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final EventDecoder DECODER = new EventDecoder(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(3650),
            Duration.ofHours(1), JSON);

    static Decoded decode(String json) {
        return DECODER.decode(JSON.readTree(json));
    }

    static Event valid(String json) {
        Decoded decoded = decode(json);
        assertThat(decoded).isInstanceOf(Decoded.Valid.class);
        return ((Decoded.Valid) decoded).event();
    }

    @Test
    void theUrlGivesThePathHostAndCampaign() {
        Event event = valid("""
                {"site_id": "shop", "event_type": "page_view",
                 "url": "https://WWW.Shop.example/pricing/plans?utm_source=news%20letter&utm_medium=email&utm_campaign=bf&x=1#top"}""");

        assertThat(event.path()).isEqualTo("/pricing/plans");
        assertThat(event.context().hostname()).isEqualTo("www.shop.example");
        assertThat(event.context().campaign()).isEqualTo(new EventContext.Campaign("news letter", "email", "bf", null, null));
    }

    @Test
    void fieldsSentOnTheirOwnWinOverTheUrl() {
        Event event = valid("""
                {"site_id": "shop", "event_type": "page_view", "url": "https://shop.example/a?utm_source=x",
                 "path": "/b", "hostname": "other.example", "utm_source": "y", "utm_term": "shoes"}""");

        assertThat(event.path()).isEqualTo("/b");
        assertThat(event.context().hostname()).isEqualTo("other.example");
        assertThat(event.context().campaign().source()).isEqualTo("y");
        assertThat(event.context().campaign().term()).isEqualTo("shoes");
    }

    @Test
    void titleLanguageScreenRevenueAndUserAgentAreKept() {
        Decoded decoded = decode("""
                {"site_id": "shop", "event_type": "purchase", "title": "Checkout – Shop", "language": "de-CH",
                 "screen_width": 390, "revenue": {"amount": "12.50", "currency": "EUR"}, "user_agent": "Mozilla/5.0 (X11)"}""");

        Event event = ((Decoded.Valid) decoded).event();
        assertThat(event.context().title()).isEqualTo("Checkout – Shop");
        assertThat(event.context().language()).isEqualTo("de-CH");
        assertThat(event.context().screenWidth()).isEqualTo(390);
        assertThat(event.context().revenue()).isEqualTo(new EventContext.Revenue(new BigDecimal("12.5"), "EUR"));
        assertThat(((Decoded.Valid) decoded).userAgent()).isEqualTo("Mozilla/5.0 (X11)");
    }

    @Test
    void aBadUtmValueInTheUrlIsLeftOutNotRefused() {
        Event event = valid("""
                {"site_id": "shop", "event_type": "page_view", "url": "https://shop.example/?utm_source=a%0Ab&utm_medium=email"}""");

        assertThat(event.context().campaign().source()).isNull();
        assertThat(event.context().campaign().medium()).isEqualTo("email");
    }

    @Test
    void aSeedEventHasNoContext() {
        assertThat(valid("{\"site_id\": \"shop\", \"event_type\": \"page_view\"}").context()).isSameAs(EventContext.NONE);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "\"url\": \"/pricing\" | url | absolute http or https URL",
            "\"url\": \"ftp://shop.example/\" | url | absolute http or https URL",
            "\"url\": \"https://shop.example/a b\" | url | absolute http or https URL",
            "\"url\": \"https://shop.example/a/../b\" | url | normalized path",
            "\"hostname\": \"shop_example\" | hostname | DNS host name",
            "\"language\": \"english please\" | language | BCP 47",
            "\"screen_width\": 0 | screen_width | from 1 to 100000",
            "\"screen_width\": \"390\" | screen_width | whole number",
            "\"revenue\": 12 | revenue | must be an object",
            "\"revenue\": {\"amount\": \"lots\", \"currency\": \"EUR\"} | revenue.amount | must be a number",
            "\"revenue\": {\"amount\": 1e13, \"currency\": \"EUR\"} | revenue.amount | must be a number",
            "\"revenue\": {\"amount\": 1, \"currency\": \"euro\"} | revenue.currency | ISO 4217",
            "\"utm_source\": 7 | utm_source | must be a string",
            "\"title\": \"a\\u0000b\" | title | control characters"})
    void eachBadFieldIsNamed(String field, String name, String reason) {
        Decoded decoded = decode("{\"site_id\": \"shop\", \"event_type\": \"page_view\", " + field + "}");

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
            assertThat(invalid.field()).isEqualTo(name);
            assertThat(invalid.reason()).contains(reason);
        });
    }
}
