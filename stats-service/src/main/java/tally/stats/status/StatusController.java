package tally.stats.status;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/status: how the pipeline is doing (secret key required, like every report). */
@RestController
class StatusController {

    private final StatusReader reader;

    StatusController(StatusReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/v1/status")
    PipelineStatus status() {
        return reader.read();
    }
}
