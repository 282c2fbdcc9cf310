package tally.processor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import tally.common.CleanExit;

/** The processor: drains events_queue into events and the rollups, exactly once. */
@SpringBootApplication(scanBasePackages = {"tally.processor", "tally.common"})
@ConfigurationPropertiesScan
@EnableScheduling
public class ProcessorApplication {

    public static void main(String[] args) {
        CleanExit.onTermOrInterrupt();
        SpringApplication.run(ProcessorApplication.class, args);
    }
}
