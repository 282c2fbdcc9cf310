package tally.ingest.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tally.ingest.IngestProperties;

import java.time.Clock;

/** The pipeline is plain Java; this wires it with the service's clock and limits. */
@Configuration(proxyBeanMethods = false)
class PipelineConfig {

    @Bean
    JsonBody jsonBody() {
        return new JsonBody();
    }

    @Bean
    EventDecoder eventDecoder(Clock clock, IngestProperties properties, JsonBody json) {
        return new EventDecoder(clock, properties.maxEventAge(), properties.maxClockSkew(), json.mapper());
    }
}
