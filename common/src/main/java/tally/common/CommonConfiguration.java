package tally.common;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tally.common.keys.ApiKeys;

import java.time.Clock;

/** Beans every service gets by scanning {@code tally.common}: the keys and the one clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeys.class)
public class CommonConfiguration {

    /** Time comes from here only, so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
