package tally.stats.dashboard;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the dashboard, running in a browser, reaches the other two services: the Test API tab
 * sends events to ingest, the "Process queue" button calls the processor, and API Docs reads
 * each service's OpenAPI document.
 *
 * @param ingestUrl    the ingest service as a browser sees it (TALLY_INGEST_URL)
 * @param processorUrl the processor service as a browser sees it (TALLY_PROCESSOR_URL)
 */
@Validated
@ConfigurationProperties("tally.stats")
public record DashboardProperties(@NotBlank String ingestUrl, @NotBlank String processorUrl) {
}
