package tally.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import tally.common.CleanExit;

/** The ingest service: events in over HTTP, 202 once they are committed to events_queue. */
@SpringBootApplication(scanBasePackages = {"tally.ingest", "tally.common"})
@ConfigurationPropertiesScan
@EnableScheduling
public class IngestApplication {

    public static void main(String[] args) {
        CleanExit.onTermOrInterrupt();
        SpringApplication.run(IngestApplication.class, args);
    }
}
