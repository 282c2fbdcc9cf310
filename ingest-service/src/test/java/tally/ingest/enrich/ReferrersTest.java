package tally.ingest.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Sources and channels as site owners expect them from Plausible and GA4. */
class ReferrersTest {

    @ParameterizedTest(name = "{0} -> {3} / {4}")
    @CsvSource(nullValues = "null", value = {
            "https://www.google.com/, null, null, Google, Organic Search",
            "https://www.google.co.uk/search?q=x, null, null, Google, Organic Search",
            "https://duckduckgo.com/, null, null, DuckDuckGo, Organic Search",
            "https://m.facebook.com/story, null, null, Facebook, Organic Social",
            "https://l.facebook.com/l.php?u=x, null, null, Facebook, Organic Social",
            "https://t.co/abc, null, null, Twitter, Organic Social",
            "https://t.me/channel, null, null, Telegram, Organic Social",
            "https://news.ycombinator.com/item?id=1, null, null, Hacker News, Organic Social",
            "https://www.youtube.com/watch?v=1, null, null, YouTube, Organic Video",
            "https://mail.google.com/mail/u/0, null, null, Gmail, Email",
            "https://github.com/tally/tally, null, null, GitHub, Referral",
            "https://blog.example.org/post, null, null, blog.example.org, Referral",
            "https://www.example.net/, null, null, example.net, Referral",
            "null, null, null, Direct / None, Direct",
            "'', null, null, Direct / None, Direct",
            "https://www.google.com/, newsletter, email, newsletter, Email",
            "null, google, cpc, Google, Paid",
            "null, facebook, paid_social, Facebook, Paid",
            "null, facebook, null, Facebook, Organic Social",
            "null, partner-site, referral, partner-site, Referral",
            "null, null, email, Unknown campaign, Email",
            "null, spring-sale, banner, spring-sale, Other"})
    void classifiesReferrersAndCampaigns(String referrer, String utmSource, String utmMedium, String source, String channel) {
        assertThat(Referrers.classify(referrer, utmSource, utmMedium, "shop.example"))
                .isEqualTo(new Referrers.Source(source, channel));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({
            "https://shop.example/pricing, shop.example",
            "https://www.shop.example/, shop.example",
            "https://shop.example/, www.shop.example"})
    void aReferrerFromTheSiteItselfIsNoSource(String referrer, String host) {
        assertThat(Referrers.classify(referrer, null, null, host)).isNull();
    }
}
