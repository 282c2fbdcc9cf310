package tally.processor.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tally.processor.fold.MonthToDayFold;

/** POST /api/v1/fold: fold the finished days into the running totals now (secret key required). */
@RestController
class FoldController {

    record Folded(@JsonProperty("days_folded") int days) {
    }

    private final MonthToDayFold fold;

    FoldController(MonthToDayFold fold) {
        this.fold = fold;
    }

    @Operation(summary = "Fold the finished days into the running totals now",
            description = "The processor folds each site's finished days into its months' running totals by itself every "
                    + "minute; reports over ranges that cut months read them. This call does it at once, and returns when "
                    + "every site's days up to yesterday are folded: after a backfill of past events, for example.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "Folded", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject("{\"days_folded\": 90}"))))
    @PostMapping("/api/v1/fold")
    Folded fold() {
        return new Folded(fold.foldAll());
    }
}
