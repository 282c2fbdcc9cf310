package tally.stats;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import tally.common.CleanExit;

/** The stats service: reports from the rollups, the status of the pipeline, and the dashboard. */
@SpringBootApplication(scanBasePackages = {"tally.stats", "tally.common"})
@ConfigurationPropertiesScan
@EnableScheduling
public class StatsApplication {

    public static void main(String[] args) {
        CleanExit.onTermOrInterrupt();
        SpringApplication.run(StatsApplication.class, args);
    }
}
