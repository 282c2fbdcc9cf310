package tally.processor.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tally.common.http.BadRequestException;
import tally.common.http.SiteIds;
import tally.processor.privacy.ForgetUser;


/** DELETE /api/v1/sites/{site_id}/users/{user_id}: forget one user of a site (secret key required). */
@RestController
class ForgetUserController {

    record Forgotten(@JsonProperty("site_id") String siteId, @JsonProperty("user_id") String userId,
                     @JsonProperty("events_deleted") long events, @JsonProperty("queued_deleted") long queued,
                     @JsonProperty("visits_deleted") int visits, @JsonProperty("days_rebuilt") int days) {
    }

    private final ForgetUser forgetUser;

    ForgetUserController(ForgetUser forgetUser) {
        this.forgetUser = forgetUser;
    }

    @Operation(summary = "Forget one user of a site",
            description = "Deletes the events sent with this user_id, queued or stored, and their visits; the rollups of "
                    + "the days they were on are rebuilt from the events left, so no report counts them any more. Days whose "
                    + "raw events the site's retention already deleted keep what they counted. Runs in one transaction "
                    + "while batches wait.",
            security = {@SecurityRequirement(name = "apikey"), @SecurityRequirement(name = "bearer")},
            responses = @ApiResponse(responseCode = "200", description = "Forgotten", content = @Content(
                    mediaType = "application/json", examples = @ExampleObject(
                    "{\"site_id\": \"shop\", \"user_id\": \"user-42\", \"events_deleted\": 318, \"queued_deleted\": 0, "
                            + "\"visits_deleted\": 27, \"days_rebuilt\": 19}"))))
    @DeleteMapping("/api/v1/sites/{site_id}/users/{user_id}")
    Forgotten forget(@PathVariable("site_id") String siteId, @PathVariable("user_id") String userId) {
        SiteIds.checked(siteId);
        if (userId.isEmpty() || userId.length() > 256) {
            throw new BadRequestException("user_id", "must be 1-256 characters");
        }
        ForgetUser.Forgotten forgotten = forgetUser.forget(siteId, userId);
        return new Forgotten(siteId, userId, forgotten.events(), forgotten.queued(), forgotten.visits(), forgotten.days());
    }
}
