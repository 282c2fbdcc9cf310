package tally.processor.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tally.common.keys.ApiKeys;
import tally.common.keys.SecretKeyInterceptor;

/**
 * Processing is privileged: the secret key guards it, as the seed's service role did. Any
 * origin may call it (the dashboard is served from the stats service's origin); without the
 * key a call gets nothing but a 401.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorWebConfig implements WebMvcConfigurer {

    private final ApiKeys keys;

    ProcessorWebConfig(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/functions/**").allowedOriginPatterns("*").allowedMethods("POST", "OPTIONS")
                .allowedHeaders("Content-Type", "apikey", "Authorization").allowCredentials(false);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SecretKeyInterceptor(keys)).addPathPatterns("/functions/**", "/api/**");
    }
}
