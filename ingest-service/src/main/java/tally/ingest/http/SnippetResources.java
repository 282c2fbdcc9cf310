package tally.ingest.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;

import java.time.Duration;

/**
 * Serves the tracking snippet at /t.js, the one line sites paste into their pages. Its name
 * cannot change, so browsers keep it for an hour rather than a year: a new version reaches
 * every visitor within the hour. The build writes a Brotli and a gzip copy; the resolver sends
 * the one the browser accepts.
 */
@Configuration(proxyBeanMethods = false)
class SnippetResources implements WebMvcConfigurer {

    static final Duration SNIPPET_LIFETIME = Duration.ofHours(1);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/t.js")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.maxAge(SNIPPET_LIFETIME).cachePublic())
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver());
    }
}
