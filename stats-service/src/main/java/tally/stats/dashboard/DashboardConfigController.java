package tally.stats.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /dashboard/config: the other services' URLs, read by the dashboard when it loads. Public,
 * like the page itself: it holds no key, and the dashboard asks for the secret key to sign in.
 */
@Hidden
@RestController
class DashboardConfigController {

    /** What the dashboard needs to know before sign-in. */
    record DashboardConfig(@JsonProperty("ingest_url") String ingestUrl,
                           @JsonProperty("processor_url") String processorUrl) {
    }

    private final DashboardConfig config;

    DashboardConfigController(DashboardProperties properties) {
        this.config = new DashboardConfig(stripSlash(properties.ingestUrl()), stripSlash(properties.processorUrl()));
    }

    @GetMapping("/dashboard/config")
    DashboardConfig config() {
        return config;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
