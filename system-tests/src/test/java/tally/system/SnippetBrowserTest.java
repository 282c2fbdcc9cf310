package tally.system;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tally.testing.Await;
import tally.testing.TestHttp;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A website carrying the tracking snippet, visited in a real Chromium as a person would: it
 * lands from a newsletter link, follows a single-page-app link, goes back, clicks a button
 * marked with data-tally-event, buys, and leaves by an outbound link. Every one of those arrives
 * as an event, enriched, and shows in the reports; a page that does not opt in on localhost
 * sends nothing.
 */
class SnippetBrowserTest {

    static final String SITE = "snippet-shop";

    static Tally tally;
    static TestHttp stats;
    static HttpServer website;
    static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        tally = new Tally(Map.of());
        ServiceProcess ingest = tally.start(Service.INGEST);
        tally.start(Service.PROCESSOR);
        stats = Tally.http(tally.start(Service.STATS));
        website = website("http://localhost:" + ingest.port + "/t.js");
        browser = new Browser(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (website != null) {
            website.stop(0);
        }
        tally.close();
    }

    /** A single-page shop: every path answers the same page, whose links change the path with pushState. */
    static HttpServer website(String snippet) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            boolean optedIn = !exchange.getRequestURI().getPath().equals("/not-opted-in");
            String page = """
                    <!doctype html><html><head><title>Shop</title>
                    <script>window.tally = window.tally || function () { (tally.q = tally.q || []).push(arguments) };
                            tally('early_call', {props: {when: 'before the snippet loaded'}});</script>
                    <script defer data-site="%s" %s src="%s"></script></head>
                    <body><h1>Shop</h1>
                    <a id="pricing" href="/pricing" onclick="event.preventDefault(); history.pushState({}, '', '/pricing')">Pricing</a>
                    <button id="signup" data-tally-event="signup" data-tally-prop-plan="pro">Sign up</button>
                    <button id="buy" onclick="tally('purchase', {revenue: {amount: 9.99, currency: 'EUR'}})">Buy</button>
                    <a id="out" href="http://outbound.invalid/">Elsewhere</a>
                    </body></html>""".formatted(SITE, optedIn ? "data-include-localhost" : "", snippet);
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The site's stored events in order: type, path and the enriched columns that matter here. */
    static List<Map<String, String>> events() {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = tally.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT event_type, path, hostname, source, channel, utm_source, browser, device, visitor_id, props::text,
                       revenue_amount::text, revenue_currency
                FROM events WHERE site_id = 'snippet-shop' ORDER BY id""")) {
            while (rs.next()) {
                rows.add(Map.ofEntries(Map.entry("type", rs.getString(1)), Map.entry("path", rs.getString(2)),
                        Map.entry("hostname", String.valueOf(rs.getString(3))), Map.entry("source", String.valueOf(rs.getString(4))),
                        Map.entry("channel", String.valueOf(rs.getString(5))), Map.entry("utm_source", String.valueOf(rs.getString(6))),
                        Map.entry("browser", String.valueOf(rs.getString(7))), Map.entry("device", String.valueOf(rs.getString(8))),
                        Map.entry("visitor", String.valueOf(rs.getString(9))), Map.entry("props", String.valueOf(rs.getString(10))),
                        Map.entry("revenue", rs.getString(11) == null ? "" : rs.getString(11) + " " + rs.getString(12))));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static void awaitEvents(String what, int count) {
        Await.until(what, Duration.ofSeconds(20), () -> events().size() >= count);
    }

    @Test
    void aVisitArrivesEventByEventEnrichedAndInTheReports() {
        String base = "http://localhost:" + website.getAddress().getPort();
        browser.open(base + "/not-opted-in");
        browser.await("the page without the opt-in", driver -> driver.findElement(By.id("signup")).isDisplayed());
        browser.find(By.id("signup")).click();

        browser.open(base + "/?utm_source=newsletter&utm_medium=email");
        awaitEvents("the early call and the landing page view", 2);
        browser.find(By.id("pricing")).click();
        awaitEvents("the single-page-app page view", 3);
        browser.driver.navigate().back();
        awaitEvents("the page view after going back", 4);
        browser.find(By.id("signup")).click();
        awaitEvents("the signup click", 5);
        browser.find(By.id("buy")).click();
        awaitEvents("the purchase", 6);
        browser.screenshot("snippet-page");
        browser.find(By.id("out")).click();
        awaitEvents("the outbound link", 7);

        List<Map<String, String>> events = events();
        // The first two leave the page together and may arrive in either order; each later one was awaited.
        assertThat(events.subList(0, 2)).extracting(e -> e.get("type") + " " + e.get("path"))
                .containsExactlyInAnyOrder("early_call /", "page_view /");
        assertThat(events.subList(2, 7)).extracting(e -> e.get("type") + " " + e.get("path")).containsExactly(
                "page_view /pricing", "page_view /", "signup /", "purchase /", "outbound_link /");
        Map<String, String> early = events.stream().filter(e -> e.get("type").equals("early_call")).findFirst().orElseThrow();
        Map<String, String> landing = events.stream().filter(e -> e.get("type").equals("page_view")).findFirst().orElseThrow();
        assertThat(landing).containsEntry("hostname", "localhost").containsEntry("utm_source", "newsletter")
                .containsEntry("source", "newsletter").containsEntry("channel", "Email")
                .containsEntry("browser", "Chrome").containsEntry("device", "Desktop");
        assertThat(events).extracting(e -> e.get("visitor")).containsOnly(landing.get("visitor"));
        assertThat(landing.get("visitor")).matches("v:[0-9a-f]{16}");
        assertThat(early.get("props")).isEqualTo("{\"when\": \"before the snippet loaded\"}");
        assertThat(events.get(4).get("props")).isEqualTo("{\"plan\": \"pro\"}");
        assertThat(events.get(5).get("revenue")).isEqualTo("9.990000 EUR");
        assertThat(events.get(6).get("props")).isEqualTo("{\"url\": \"http://outbound.invalid/\"}");

        Await.until("the page views in the report", Duration.ofSeconds(20), () -> {
            JsonNode answer = stats.postJson("/api/v2/query", """
                    {"site_id": "snippet-shop", "metrics": ["pageviews"], "date_range": "day", "dimensions": ["event:page"]}""",
                    "apikey", Tally.SECRET_KEY).json();
            return answer.get("results").toString().equals(
                    "[{\"dimensions\":[\"/\"],\"metrics\":[2]},{\"dimensions\":[\"/pricing\"],\"metrics\":[1]}]");
        });
    }
}
