package tally.ingest.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Browser, OS and device class of real user agents; crawlers and headless browsers named. */
class UserAgentsTest {

    static final UserAgents AGENTS = new UserAgents();

    @ParameterizedTest(name = "{1} on {2}, {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | Windows | Desktop",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15 | Safari | Mac OS X | Desktop",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox | Ubuntu | Desktop",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1 | Mobile Safari | iOS | Mobile",
            "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1 | Mobile Safari | iOS | Tablet",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome Mobile | Android | Mobile",
            "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | Android | Tablet",
            "curl/8.5.0 | curl | null | null"})
    void readsBrowserSystemAndDevice(String userAgent, String browser, String os, String device) {
        UserAgents.Agent agent = AGENTS.parse(userAgent);

        assertThat(agent.automation()).isNull();
        assertThat(agent.browser()).isEqualTo(browser);
        assertThat(agent.os()).isEqualTo(os);
        assertThat(agent.device()).isEqualTo(device);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | bot",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | bot",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot) | bot",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36 | headless",
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1 | headless"})
    void namesCrawlersAndHeadlessBrowsers(String userAgent, String reason) {
        assertThat(AGENTS.parse(userAgent).automation()).isEqualTo(reason);
    }

    @org.junit.jupiter.api.Test
    void manyThreadsGetTheSameAnswersAsOne() throws Exception {
        java.util.List<String> agents = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            agents.add("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + (100 + i % 40) + ".0.0.0 Safari/537.36");
            agents.add("Mozilla/5.0 (iPhone; CPU iPhone OS 17_" + (i % 7) + " like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1");
        }
        UserAgents fresh = new UserAgents();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.List<java.util.concurrent.Future<UserAgents.Agent>> answers = new java.util.ArrayList<>();
            for (String agent : agents) {
                answers.add(pool.submit(() -> fresh.parse(agent)));
            }
            for (int i = 0; i < agents.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(AGENTS.parse(agents.get(i)));
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(nullValues = "null", value = {"null", "''", "'   '"})
    void noUserAgentTellsNothing(String userAgent) {
        assertThat(AGENTS.parse(userAgent)).isEqualTo(UserAgents.Agent.UNKNOWN);
    }
}
