package tally.ingest.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tally.common.keys.ApiKeys;

/** CORS open to every site (tracking snippets post from anywhere, without cookies) and the key check. */
@Configuration(proxyBeanMethods = false)
class IngestWebConfig implements WebMvcConfigurer {

    /** How long browsers may cache a preflight answer, in seconds. */
    private static final long PREFLIGHT_MAX_AGE = 86_400;

    private final ApiKeys keys;

    IngestWebConfig(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : EventsController.PATHS) {
            registry.addMapping(path)
                    .allowedOriginPatterns("*")
                    .allowedMethods("POST", "OPTIONS")
                    .allowedHeaders("Content-Type", "apikey", "Authorization")
                    .allowCredentials(false)
                    .maxAge(PREFLIGHT_MAX_AGE);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PublicKeyInterceptor(keys)).addPathPatterns(EventsController.PATHS);
    }
}
