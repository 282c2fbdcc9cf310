package tally.common.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The head of each service's OpenAPI document (served at /v3/api-docs by springdoc, which
 * generates the paths from the controllers): its title, and the two ways to present a key.
 * The document is public and readable cross-origin, for the dashboard's API Docs.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/v3/api-docs/**").allowedOriginPatterns("*").allowedMethods("GET").allowCredentials(false);
    }

    @Bean
    OpenAPI tallyOpenApi(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info().title("Tally " + service + " API").version("1")
                        .description("Tally's " + service + " service. Errors are JSON: {\"error\", \"field\", \"reason\"}."))
                .components(new Components()
                        .addSecuritySchemes("apikey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("apikey")
                                .description("The secret key (or, on ingestion, the public key), the seed's way"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The same key as a bearer token")));
    }
}
