package tally.stats.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tally.common.keys.ApiKeys;
import tally.common.keys.SecretKeyInterceptor;

/**
 * Every report needs the secret key (the seed's service role). Any origin may ask, since a key
 * is required anyway and no cookie is involved.
 */
@Configuration(proxyBeanMethods = false)
class StatsWebConfig implements WebMvcConfigurer {

    private final ApiKeys keys;

    StatsWebConfig(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/functions/**").allowedOriginPatterns("*").allowedMethods("GET", "OPTIONS")
                .allowedHeaders("apikey", "Authorization").allowCredentials(false);
        registry.addMapping("/api/**").allowedOriginPatterns("*").allowedMethods("GET", "POST", "PUT", "OPTIONS")
                .allowedHeaders("Content-Type", "apikey", "Authorization").allowCredentials(false);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SecretKeyInterceptor(keys)).addPathPatterns("/functions/**", "/api/**");
    }
}
