package tally.stats.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;

import java.time.Duration;

/**
 * Serves the dashboard's build. Its scripts and styles under /assets/ carry a content hash in
 * their names, so a browser may keep them for a year without asking again; index.html, which
 * names the current ones, is always revalidated (see application.yml). The build writes a
 * Brotli and a gzip copy next to each asset, and the resolver serves the one the browser
 * accepts, so nothing is compressed per request.
 */
@Configuration(proxyBeanMethods = false)
class DashboardResources implements WebMvcConfigurer {

    /** A year: the longest a cache is asked to keep anything; a new build has new names. */
    private static final Duration HASHED_ASSET_LIFETIME = Duration.ofDays(365);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(HASHED_ASSET_LIFETIME).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver());
    }
}
