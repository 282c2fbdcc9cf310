package tally.ingest.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The direct path for plain UTC timestamps accepts and refuses exactly what java.time does. */
class TimestampsTest {

    @Test
    void plainUtcTimestampsAreReadDirectly() {
        assertThat(Timestamps.plainUtc("2026-11-12T19:30:01Z")).isEqualTo(Instant.parse("2026-11-12T19:30:01Z"));
        assertThat(Timestamps.plainUtc("2024-02-29T23:59:59.123456789Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
        assertThat(Timestamps.plainUtc("2026-11-12T19:30:01.5Z")).isEqualTo(Instant.parse("2026-11-12T19:30:01.500Z"));
    }

    @Test
    void otherShapesGoToJavaTime() {
        assertThat(Timestamps.plainUtc("2026-11-12T19:30:01+01:00")).isNull();
        assertThat(Timestamps.parse("2026-11-12T19:30:01+01:00")).isEqualTo(Instant.parse("2026-11-12T18:30:01Z"));
        assertThat(Timestamps.plainUtc("2025-02-29T00:00:00Z")).isNull();
        assertThatThrownBy(() -> Timestamps.parse("2025-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("2026-11-12T24:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("2026-11-12 19:30:01Z")).isInstanceOf(DateTimeParseException.class);
    }

    /** Mutations of valid timestamps, each answered the same way by both parsers. */
    @Test
    void agreesWithOffsetDateTimeParseOnGeneratedInput() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "0123456789-:TZ.+ z";
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 50_000_000_000L), random.nextInt(1_000_000_000));
            StringBuilder s = new StringBuilder(at.toString());
            int edits = random.nextInt(3);
            for (int e = 0; e < edits && !s.isEmpty(); e++) {
                int at2 = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.setCharAt(at2, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> s.deleteCharAt(at2);
                    default -> s.insert(at2, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            inputs.add(s.toString());
        }
        for (String input : inputs) {
            assertThat(outcome(() -> Timestamps.parse(input)))
                    .as(input)
                    .isEqualTo(outcome(() -> OffsetDateTime.parse(input).toInstant()));
        }
    }

    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }
}
