package tally.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tally.testing.Await;
import tally.testing.TestHttp;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real Chromium against the three service jars and real data, used as a
 * person would: sign in, pick a site and a period, stack filters by clicking rows, send an event
 * from Test API and see it counted, run the 100-event load test, read API Docs, on a desktop
 * window and a phone's. Every figure on screen is compared with the API's answer to the same
 * question. Each step keeps a screenshot in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);

    static Tally tally;
    static TestHttp ingest;
    static TestHttp stats;
    static String statsUrl;
    static Browser browser;

    @BeforeAll
    static void start() {
        tally = new Tally(Map.of());
        ServiceProcess ingestProcess = tally.start(Service.INGEST);
        ServiceProcess processorProcess = tally.start(Service.PROCESSOR);
        ServiceProcess statsProcess = tally.start(Service.STATS, Map.of(
                "TALLY_INGEST_URL", "http://localhost:" + ingestProcess.port,
                "TALLY_PROCESSOR_URL", "http://localhost:" + processorProcess.port));
        ingest = Tally.http(ingestProcess);
        stats = Tally.http(statsProcess);
        statsUrl = "http://localhost:" + statsProcess.port + "/";
        sendVisits();
        browser = new Browser(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        tally.close();
    }

    /** Two sites over two days: shop busier, with paths of different popularity, and one signup that earned 12.50 EUR. */
    static void sendVisits() {
        List<String> events = new ArrayList<>();
        String[][] visits = {
                {"shop", "/", "6"}, {"shop", "/pricing", "4"}, {"shop", "/docs", "2"}, {"blog", "/post-1", "3"}};
        for (String[] visit : visits) {
            for (int i = 0; i < Integer.parseInt(visit[2]); i++) {
                events.add(event(visit[0], visit[1], "u" + i, TODAY));
                events.add(event(visit[0], visit[1], "u" + (i % 2), YESTERDAY));
            }
        }
        events.add("""
                {"site_id": "shop", "event_type": "signup", "path": "/pricing", "user_id": "u9", "timestamp": "%sT00:00:01Z",
                 "props": {"plan": "pro"}, "revenue": {"amount": "12.50", "currency": "EUR"}}"""
                .formatted(TODAY));
        assertThat(ingest.postJson("/api/v1/events", "[" + String.join(",", events) + "]").status()).isEqualTo(202);
        Await.until("the drain loop to process the visits", Duration.ofSeconds(30),
                () -> apiStats("shop", TODAY).path("total_views").asLong() == 12
                        && apiStats("blog", YESTERDAY).path("total_views").asLong() == 3);
    }

    static String event(String site, String path, String user, LocalDate day) {
        return """
                {"site_id": "%s", "event_type": "page_view", "path": "%s", "user_id": "%s", "timestamp": "%sT00:00:01Z"}"""
                .formatted(site, path, user, day);
    }

    static JsonNode apiStats(String site, LocalDate day) {
        String query = "/functions/v1/get-stats?site_id=" + site + (day == null ? "" : "&date=" + day);
        TestHttp.Reply reply = stats.get(query, "apikey", Tally.SECRET_KEY);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    @Test
    @Order(1)
    void signInRefusesAWrongKeyAndKeepsTheSecretKeyForTheSession() {
        browser.open(statsUrl);
        WebElement key = browser.await("the sign-in form", ExpectedConditions.elementToBeClickable(By.id("secret")));
        key.sendKeys("sk_wrong", Keys.ENTER);
        WebElement alert = browser.await("the refusal", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(alert.getText()).contains("That key was refused");
        browser.screenshot("sign-in-refused");

        key.clear();
        key.sendKeys(Tally.SECRET_KEY, Keys.ENTER);
        browser.await("the dashboard after sign-in", ExpectedConditions.visibilityOfElementLocated(By.id("tab-dashboard")));
        assertThat(browser.find(By.id("tab-dashboard")).getAttribute("aria-selected")).isEqualTo("true");

        browser.driver.navigate().refresh();
        browser.await("the dashboard after a reload, still signed in",
                ExpectedConditions.visibilityOfElementLocated(By.id("tab-dashboard")));
    }

    @Test
    @Order(2)
    void theFiguresOfEachPeriodAreTheApis() {
        Select site = new Select(browser.await("the site picker",
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("select[aria-label=Site]"))));
        assertThat(site.getOptions()).extracting(WebElement::getText).containsExactly("shop", "blog");
        site.selectByValue("shop");

        period("7 days");
        showsTheApisFigures("shop", "\"7d\"", "7 days");
        assertThat(browser.find(By.cssSelector("[aria-label='Visitors and page views per day'] canvas")).isDisplayed()).isTrue();
        browser.screenshot("dashboard");

        period("Today");
        showsTheApisFigures("shop", "\"day\"", "Today");
        period("Yesterday");
        showsTheApisFigures("shop", "[\"%s\", \"%s\"]".formatted(YESTERDAY, YESTERDAY), "Yesterday");
        period("All time");
        showsTheApisFigures("shop", "\"all\"", "All time");

        site.selectByValue("blog");
        showsTheApisFigures("blog", "\"all\"", "All time");
        // The blog's events carried no revenue: its Events list has no column for it.
        assertThat(texts("//div[@aria-label='Events']//thead/tr/th")).containsExactly("Event", "Count");

        setDate("From", YESTERDAY.toString());
        setDate("To", YESTERDAY.toString());
        browser.find(By.xpath("//form[@aria-label='Custom period']/button")).click();
        showsTheApisFigures("blog", "[\"%s\", \"%s\"]".formatted(YESTERDAY, YESTERDAY), YESTERDAY + " to " + YESTERDAY);

        site.selectByValue("shop");
        period("Today");
        showsTheApisFigures("shop", "\"day\"", "Today");

        // Clicking a page filters every figure and list by it, as the API's filter does.
        browser.find(By.xpath("//div[@aria-label='Top pages']//button[text()='/pricing']")).click();
        String page = "[\"is\", \"event:page\", [\"/pricing\"]]";
        showsTheApisFigures("shop", "\"day\"", "Today", "[" + page + "]");
        assertThat(chips()).containsExactly("Page is /pricing");
        assertThat(texts("//div[@aria-label='Top pages']//tbody/tr")).singleElement().asString().startsWith("/pricing 5 4 ");
        browser.screenshot("dashboard-filtered");

        // A row of another list stacks a second filter: the lists count what matches both, as the API does.
        browser.find(By.xpath("//div[@aria-label='Events']//button[text()='signup']")).click();
        String both = "[" + page + ", [\"is\", \"event:name\", [\"signup\"]]]";
        showsTheApisFigures("shop", "\"day\"", "Today", both);
        JsonNode named = apiQuery("""
                {"site_id": "shop", "metrics": ["events", "revenue"], "date_range": "day", "dimensions": ["event:name"],
                 "filters": %s, "pagination": {"limit": 10}}""".formatted(both));
        assertThat(named.get("results").size()).as(named.toString()).isEqualTo(1);
        answersTheSignupsRevenue(named);
        List<String> events = eventRows(named);
        browser.await("the events of /pricing named signup, with their revenue, to be the API's: " + events,
                driver -> texts("//div[@aria-label='Events']//tbody/tr").equals(events));
        List<String> plans = rows(apiQuery("""
                {"site_id": "shop", "metrics": ["visitors", "events"], "date_range": "day", "dimensions": ["event:props:plan"],
                 "filters": %s, "pagination": {"limit": 10}}""".formatted(both)));
        browser.await("the plans of /pricing's signups to be the API's: " + plans,
                driver -> texts("//div[@aria-label='Custom properties']//tbody/tr").equals(plans));
        assertThat(chips()).containsExactly("Page is /pricing", "Event is signup");
        assertThat(browser.driver.getCurrentUrl()).contains("filter=event%3Apage%3D%2Fpricing").contains("filter=event%3Aname%3Dsignup");
        browser.screenshot("dashboard-two-filters");

        // The address keeps both, so a reload or a shared link opens the same view.
        browser.driver.navigate().refresh();
        showsTheApisFigures("shop", "\"day\"", "Today", both);
        assertThat(chips()).containsExactly("Page is /pricing", "Event is signup");

        browser.find(By.cssSelector("button[aria-label='Remove the filter Event is signup']")).click();
        showsTheApisFigures("shop", "\"day\"", "Today", "[" + page + "]");
        assertThat(chips()).containsExactly("Page is /pricing");
        browser.find(By.xpath("//button[text()='Clear all']")).click();
        showsTheApisFigures("shop", "\"day\"", "Today");
        assertThat(chips()).isEmpty();
    }

    /** The API's Events row for the one signup, with the 12.50 EUR it carried. */
    static void answersTheSignupsRevenue(JsonNode answer) {
        JsonNode signup = null;
        for (JsonNode row : answer.get("results")) {
            if (row.at("/dimensions/0").asString().equals("signup")) {
                signup = row;
            }
        }
        assertThat(signup).as(answer.toString()).isNotNull();
        assertThat(signup.at("/metrics/0").asLong()).isEqualTo(1);
        assertThat(signup.at("/metrics/1/EUR").decimalValue()).as(answer.toString()).isEqualByComparingTo(new BigDecimal("12.50"));
    }

    /**
     * The Events list's rows as the dashboard shows the API's answer to metrics events and revenue:
     * the name, the count, and the revenue cell, which is empty for a name without revenue.
     */
    static List<String> eventRows(JsonNode answer) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : answer.get("results")) {
            String revenue = revenueCell(row.at("/metrics/1"));
            rows.add(row.at("/dimensions/0").asString() + " " + row.at("/metrics/0").asLong() + (revenue.isEmpty() ? "" : " " + revenue));
        }
        return rows;
    }

    /**
     * Amounts per currency as the dashboard writes them, in the browser's own currency format (so
     * the test holds in any locale), joined with " · ". Selenium reads a no-break space as a space.
     */
    static String revenueCell(JsonNode amounts) {
        List<String> shown = new ArrayList<>();
        amounts.properties().forEach(amount -> shown.add(((String) browser.driver.executeScript(
                "return new Intl.NumberFormat(undefined, {style: 'currency', currency: arguments[0]}).format(arguments[1])",
                amount.getKey(), amount.getValue().asDouble())).replace('\u00a0', ' ')));
        return String.join(" \u00b7 ", shown);
    }

    /** The filters the dashboard applies, as its chips read. */
    static List<String> chips() {
        return texts("//ul[@aria-label='Filters']/li/span");
    }

    /** A list's rows as the dashboard shows them: the value, then each metric. */
    static List<String> rows(JsonNode answer) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : answer.get("results")) {
            StringBuilder text = new StringBuilder(row.at("/dimensions/0").asString());
            row.get("metrics").forEach(metric -> text.append(' ').append(metric.asLong()));
            rows.add(text.toString());
        }
        return rows;
    }

    static void period(String label) {
        browser.find(By.xpath("//div[@aria-label='Period']/button[text()='" + label + "']")).click();
    }

    /** Sets a date input as a person picking a day would, whatever the browser's date format. */
    static void setDate(String label, String day) {
        WebElement input = browser.find(By.cssSelector("input[aria-label='" + label + "']"));
        browser.driver.executeScript("""
                const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
                setter.call(arguments[0], arguments[1]);
                arguments[0].dispatchEvent(new Event('input', {bubbles: true}));""", input, day);
    }

    static JsonNode apiQuery(String json) {
        TestHttp.Reply reply = stats.postJson("/api/v2/query", json, "apikey", Tally.SECRET_KEY);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** The headline figures, their changes, every top-page row and every source row on screen are the API's, for the same question. */
    static void showsTheApisFigures(String site, String dateRange, String period) {
        showsTheApisFigures(site, dateRange, period, "[]");
    }

    /** As above, under filters: a JSON array of them, as the API takes it. */
    static void showsTheApisFigures(String site, String dateRange, String period, String filters) {
        JsonNode totals = apiQuery("""
                {"site_id": "%s", "metrics": ["visitors", "visits", "pageviews", "bounce_rate", "events"], "date_range": %s,
                 "filters": %s%s}""".formatted(site, dateRange, filters,
                dateRange.equals("\"all\"") ? "" : ", \"include\": {\"comparisons\": {\"mode\": \"previous_period\"}}"))
                .at("/results/0");
        JsonNode pages = apiQuery("""
                {"site_id": "%s", "metrics": ["visitors", "pageviews", "bounce_rate"], "date_range": %s, "dimensions": ["event:page"],
                 "filters": %s, "pagination": {"limit": 10}}""".formatted(site, dateRange, filters));
        List<String> expectedRows = new ArrayList<>();
        for (JsonNode row : pages.get("results")) {
            expectedRows.add(row.at("/dimensions/0").asString() + " " + row.at("/metrics/0").asLong() + " " + row.at("/metrics/1").asLong()
                    + " " + row.at("/metrics/2").asLong() + " %");
        }
        JsonNode sources = apiQuery("""
                {"site_id": "%s", "metrics": ["visits", "bounce_rate"], "date_range": %s, "dimensions": ["visit:source"],
                 "filters": %s, "pagination": {"limit": 10}}""".formatted(site, dateRange, filters));
        List<String> expectedSources = new ArrayList<>();
        for (JsonNode row : sources.get("results")) {
            expectedSources.add(row.at("/dimensions/0").asString() + " " + row.at("/metrics/0").asLong() + " " + row.at("/metrics/1").asLong() + " %");
        }
        List<String> names = List.of("Visitors", "Visits", "Page views", "Bounce rate", "Events");
        browser.await("the figures of " + site + " for " + period + " under " + filters + " to match the API: " + totals + " " + pages, driver -> {
            List<WebElement> heading = driver.findElements(By.cssSelector("section[aria-label^='Figures for'] h2"));
            List<String> rows = driver.findElements(By.xpath("//div[@aria-label='Top pages']//tbody/tr")).stream()
                    .map(WebElement::getText).toList();
            List<String> sourceRows = driver.findElements(By.xpath("//div[@aria-label='Sources']//tbody/tr")).stream()
                    .map(WebElement::getText).toList();
            if (heading.isEmpty() || !heading.getFirst().getText().startsWith(period) || !rows.equals(expectedRows)
                    || !sourceRows.equals(expectedSources)) {
                return false;
            }
            for (int i = 0; i < names.size(); i++) {
                String unit = names.get(i).equals("Bounce rate") ? " %" : "";
                if (!figure(names.get(i)).equals(totals.at("/metrics/" + i).asLong() + unit)) {
                    return false;
                }
                JsonNode change = totals.at("/comparison/change/" + i);
                String shown = change(names.get(i));
                if (!change.isMissingNode() && !shown.startsWith(change.isNull() ? "nothing in the period before" : percent(change.asDouble()))) {
                    return false;
                }
            }
            return true;
        });
    }

    static String percent(double change) {
        String magnitude = change == Math.rint(change) ? Long.toString(Math.abs((long) change)) : Double.toString(Math.abs(change));
        return (change > 0 ? "+" : change < 0 ? "\u2212" : "") + magnitude + " %";
    }

    static String change(String name) {
        List<WebElement> found = browser.driver.findElements(By.cssSelector("[data-change='" + name + "']"));
        return found.isEmpty() ? "" : found.getFirst().getText();
    }

    /** The custom properties, a funnel typed in, and the retention cohorts show what the API answers. */
    @Test
    @Order(3)
    void propertiesFunnelAndRetentionAreTheApis() {
        new Select(browser.find(By.cssSelector("select[aria-label='Site']"))).selectByValue("shop");
        period("7 days");
        JsonNode plans = apiQuery("""
                {"site_id": "shop", "metrics": ["visitors", "events"], "date_range": "7d", "dimensions": ["event:props:plan"]}""");
        List<String> planRows = new ArrayList<>();
        for (JsonNode row : plans.get("results")) {
            planRows.add(row.at("/dimensions/0").asString() + " " + row.at("/metrics/0").asLong() + " " + row.at("/metrics/1").asLong());
        }
        assertThat(planRows).containsExactly("pro 1 1");
        browser.await("the plan values to be the API's: " + planRows, driver -> texts("//div[@aria-label='Custom properties']//tbody/tr")
                .equals(planRows));

        // Unfiltered, the Events list's revenue comes from the rollup: a column beside the counts, empty for names without revenue.
        JsonNode named = apiQuery("""
                {"site_id": "shop", "metrics": ["events", "revenue"], "date_range": "7d", "dimensions": ["event:name"],
                 "pagination": {"limit": 10}}""");
        answersTheSignupsRevenue(named);
        List<String> eventList = eventRows(named);
        browser.await("the events with their revenue to be the API's: " + eventList,
                driver -> texts("//div[@aria-label='Events']//tbody/tr").equals(eventList));
        assertThat(texts("//div[@aria-label='Events']//thead/tr/th")).containsExactly("Event", "Count", "Revenue");

        WebElement steps = browser.find(By.xpath("//div[@aria-label='Funnel']//textarea"));
        steps.sendKeys("/", Keys.ENTER, "/pricing");
        browser.find(By.xpath("//div[@aria-label='Funnel']//button[@type='submit']")).click();
        TestHttp.Reply funnel = stats.postJson("/api/v2/funnel", """
                {"site_id": "shop", "date_range": "7d", "steps": [{"page": "/"}, {"page": "/pricing"}]}""", "apikey", Tally.SECRET_KEY);
        List<String> stepVisitors = new ArrayList<>();
        funnel.json().get("steps").forEach(step -> stepVisitors.add(Long.toString(step.get("visitors").asLong())));
        browser.await("the funnel's visitors per step to be the API's: " + stepVisitors,
                driver -> texts("//div[@aria-label='Funnel']//tbody/tr/td[2]").equals(stepVisitors));

        TestHttp.Reply retention = stats.postJson("/api/v2/retention", """
                {"site_id": "shop", "date_range": "7d", "period": "day", "periods": 7}""", "apikey", Tally.SECRET_KEY);
        List<String> cohorts = new ArrayList<>();
        retention.json().get("cohorts").forEach(c -> cohorts.add(c.get("cohort").asString() + " " + c.get("visitors").asLong()));
        assertThat(cohorts).isNotEmpty();
        browser.await("the retention cohorts to be the API's: " + cohorts, driver -> {
            List<String> rows = new ArrayList<>();
            List<String> days = texts("//div[@aria-label='Retention']//tbody/tr/th");
            List<String> visitors = texts("//div[@aria-label='Retention']//tbody/tr/td[1]");
            for (int i = 0; i < Math.min(days.size(), visitors.size()); i++) {
                rows.add(days.get(i) + " " + visitors.get(i));
            }
            return rows.equals(cohorts);
        });
        browser.screenshot("funnel-retention");
        period("Today");
    }

    static List<String> texts(String xpath) {
        return browser.driver.findElements(By.xpath(xpath)).stream().map(WebElement::getText).toList();
    }

    @Test
    @Order(4)
    void thePipelinePanelShowsTheStatusAndProcessesTheQueue() {
        long stored = stats.get("/api/v1/status", "apikey", Tally.SECRET_KEY).json().path("events_stored").asLong();
        browser.await("events stored to show " + stored, driver -> figure("events_stored").equals(Long.toString(stored)));
        assertThat(figure("queue_depth")).isEqualTo("0");

        assertThat(ingest.postJson("/api/v1/events", """
                {"site_id": "shop", "event_type": "live_check", "path": "/pricing", "user_id": "live-user"}""").status())
                .isEqualTo(202);
        browser.await("the live list to show the event", driver -> driver
                .findElements(By.cssSelector("section[aria-label=Realtime] tbody tr")).stream()
                .anyMatch(row -> row.getText().contains("live_check") && row.getText().contains("/pricing")));
        browser.await("the current visitors to be the API's", driver -> figure("current_visitors").equals(Long.toString(
                stats.get("/api/v1/realtime/visitors?site_id=shop", "apikey", Tally.SECRET_KEY).json().get("visitors").asLong())));

        browser.find(By.xpath("//button[text()='Process queue']")).click();
        WebElement answer = browser.await("the processor's answer", ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("section[aria-label=Pipeline] [role=status]")));
        assertThat(answer.getText()).matches("Processed \\d+ events over \\d+ days \\(\\d+ duplicates dropped\\)\\.");
        browser.screenshot("pipeline");
    }

    static String figure(String name) {
        List<WebElement> found = browser.driver.findElements(By.cssSelector("[data-figure='" + name + "']"));
        return found.isEmpty() ? "" : found.getFirst().getText();
    }

    @Test
    @Order(5)
    void anEventSentFromTestApiIsAcceptedAndCounted() {
        browser.find(By.id("tab-test")).click();
        WebElement form = browser.await("the event form",
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section[aria-label='Send one event'] form")));
        WebElement path = form.findElement(By.xpath(".//label[starts-with(normalize-space(.), 'path')]/input"));
        WebElement site = form.findElement(By.xpath(".//label[starts-with(normalize-space(.), 'site_id')]/input"));
        site.clear();
        site.sendKeys("shop");
        path.clear();
        path.sendKeys("/from-test-api");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement status = browser.await("the response status",
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-status]")));
        assertThat(status.getAttribute("data-status")).isEqualTo("202");
        assertThat(browser.find(By.cssSelector("[aria-label='Response body']")).getText()).contains("\"accepted\": 1");
        assertThat(browser.find(By.cssSelector(".exchange pre code")).getText())
                .startsWith("curl -X POST http://localhost:").contains("/api/v1/events").contains("/from-test-api");
        browser.screenshot("test-api");

        Await.until("the event sent from Test API to be counted", Duration.ofSeconds(20),
                () -> apiStats("shop", TODAY).path("total_views").asLong() == 13);
        browser.find(By.id("tab-dashboard")).click();
        showsTheApisFigures("shop", "\"day\"", "Today");

        // The browser's own event is the only one with a user agent: one desktop visitor on Chrome, Linux.
        for (String[] panel : new String[][] {{"Devices", "visit:device", "Desktop 1"}, {"Browsers", "visit:browser", "Chrome 1"},
                {"Operating systems", "visit:os", "Linux 1"}}) {
            JsonNode api = apiQuery("""
                    {"site_id": "shop", "metrics": ["visitors"], "date_range": "day", "dimensions": ["%s"]}""".formatted(panel[1]));
            assertThat(api.get("results").toString()).contains(panel[2].split(" ")[0]);
            browser.await("the " + panel[0] + " panel to show " + panel[2], driver -> driver
                    .findElements(By.xpath("//div[@aria-label='" + panel[0] + "']//tbody/tr")).stream()
                    .map(WebElement::getText).toList().equals(List.of(panel[2])));
        }
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2000));
        browser.screenshot("dashboard-full");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    @Test
    @Order(6)
    void theLoadTestOf100EventsIsAcceptedAndCounted() {
        browser.find(By.id("tab-test")).click();
        browser.await("the load test", ExpectedConditions.elementToBeClickable(
                By.xpath("//section[@aria-label='Load test']//button[text()='Send 100 events']"))).click();

        browser.await("the load test to finish", driver -> "100".equals(figure("load_sent")));
        assertThat(figure("load_failed")).isEqualTo("0");
        assertThat(browser.find(By.cssSelector("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(browser.find(By.cssSelector(".load-result [role=img]")).getAttribute("aria-label"))
                .isEqualTo("Latency histogram");
        browser.screenshot("load-test");

        Await.until("the 100 load-test events to be counted", Duration.ofSeconds(20),
                () -> apiStats("load-test", null).path("total_views").asLong() == 100);
    }

    @Test
    @Order(7)
    void apiDocsShowsEveryServicesEndpointsWithCurl() {
        browser.find(By.id("tab-docs")).click();
        Map<String, List<String>> expected = Map.of(
                "ingest", List.of("/functions/v1/ingest-event", "/api/v1/events"),
                "processor", List.of("/functions/v1/process-events", "/api/v1/fold", "/api/v1/sites/{site_id}/users/{user_id}"),
                "stats", List.of("/functions/v1/get-stats", "/api/v1/status", "/api/v1/sites", "/api/v2/query",
                "/api/v1/realtime/visitors", "/api/v1/realtime/events", "/api/v1/export/events", "/api/v2/query/schema",
                "/api/v1/sites/{site_id}/settings", "/api/v1/sites/{site_id}/properties", "/api/v2/funnel", "/api/v2/retention"));
        for (var service : expected.entrySet()) {
            WebElement section = browser.await("the " + service.getKey() + " API", ExpectedConditions
                    .visibilityOfElementLocated(By.cssSelector("section[aria-label='" + service.getKey() + " API']")));
            // A path with two methods (GET and PUT of settings) is listed once per method.
            List<String> paths = section.findElements(By.cssSelector(".endpoint summary code")).stream()
                    .map(WebElement::getText).distinct().toList();
            assertThat(paths).containsExactlyInAnyOrderElementsOf(service.getValue());
        }
        WebElement getStats = browser.find(By.xpath("//details[.//code[text()='/functions/v1/get-stats']]"));
        getStats.findElement(By.tagName("summary")).click();
        assertThat(getStats.findElement(By.tagName("pre")).getText())
                .startsWith("curl 'http://localhost:").contains("get-stats?site_id=").contains("\"apikey: $SECRET\"");
        browser.screenshot("api-docs");
    }

    @Test
    @Order(8)
    void theTabsFollowTheKeyboard() {
        WebElement docs = browser.find(By.id("tab-docs"));
        docs.sendKeys(Keys.HOME);
        browser.await("Home to select Dashboard", driver ->
                "true".equals(driver.findElement(By.id("tab-dashboard")).getAttribute("aria-selected")));
        browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        browser.await("the right arrow to select Test API", driver ->
                "true".equals(driver.findElement(By.id("tab-test")).getAttribute("aria-selected")));
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-test");
        browser.screenshot("keyboard");
    }

    @Test
    @Order(9)
    void onAPhoneNothingIsWiderThanTheScreen() {
        browser.find(By.id("tab-dashboard")).click();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        showsTheApisFigures("shop", "\"day\"", "Today");
        Object overflow = browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).longValue()).isLessThanOrEqualTo(0);
        browser.screenshot("dashboard-phone");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    /**
     * The settings card stores the time zone typed in, as the API then answers, reads the reports
     * again, and shows the API's reason next to the field for a zone it refuses. It runs last: the
     * blog keeps Europe/Zurich, so its days from then on are Zurich's.
     */
    @Test
    @Order(10)
    void theSettingsCardStoresATimeZoneAndShowsTheApisReasonForOneItRefuses() {
        browser.find(By.id("tab-dashboard")).click();
        new Select(browser.await("the site picker", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("select[aria-label=Site]"))))
                .selectByValue("blog");
        String card = "section[aria-label='Site settings']";
        browser.await("the blog's settings in the closed card", driver -> driver.findElements(By.cssSelector(card + " summary")).stream()
                .anyMatch(summary -> summary.getText().contains("blog: UTC, raw events kept forever")));
        browser.find(By.cssSelector(card + " summary")).click();
        WebElement zone = browser.await("the time zone field", ExpectedConditions.elementToBeClickable(By.cssSelector(card + " input[name=time_zone]")));
        assertThat(zone.getAttribute("value")).isEqualTo("UTC");
        By save = By.xpath("//section[@aria-label='Site settings']//button[@type='submit']");

        // Escape closes the list of suggested zones, which could otherwise lie over the button.
        zone.clear();
        zone.sendKeys("Europe/Zurich", Keys.ESCAPE);
        browser.find(save).click();
        browser.await("the save to be confirmed", ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card + " [role=status]"), "Saved"));
        JsonNode stored = siteSettings("blog");
        assertThat(stored.get("time_zone").asString()).isEqualTo("Europe/Zurich");
        assertThat(stored.get("retention_days").isNull()).isTrue();
        assertThat(browser.find(By.cssSelector(card + " summary")).getText()).contains("blog: Europe/Zurich, raw events kept forever");
        showsTheApisFigures("blog", "\"day\"", "Today");
        browser.screenshot("settings-saved");

        zone.clear();
        zone.sendKeys("Mars/Olympus_Mons", Keys.ESCAPE);
        browser.find(save).click();
        WebElement reason = browser.await("the API's reason next to the time zone",
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(card + " .setting [role=alert]")));
        assertThat(reason.getText()).isEqualTo("Time zone must be an IANA time zone such as \"Europe/Zurich\" or \"UTC\"");
        assertThat(zone.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(zone.getAttribute("aria-describedby")).contains(reason.getAttribute("id"));
        assertThat(siteSettings("blog").get("time_zone").asString()).isEqualTo("Europe/Zurich");
        browser.screenshot("settings-refused");

        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        Object overflow = browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).longValue()).isLessThanOrEqualTo(0);
        browser.driver.executeScript("arguments[0].scrollIntoView()", browser.find(By.cssSelector(card)));
        browser.screenshot("settings-phone");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    static JsonNode siteSettings(String site) {
        TestHttp.Reply reply = stats.get("/api/v1/sites/" + site + "/settings", "apikey", Tally.SECRET_KEY);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }
}
