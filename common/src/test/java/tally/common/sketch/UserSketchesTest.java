package tally.common.sketch;

import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserSketchesTest {

    /** The bound the README states: 3.3 % at 95 % confidence; three standard errors (4.9 %) never fails by chance. */
    private static final double THREE_SIGMA = 3 * 1.04 / Math.sqrt(1 << UserSketches.LG_K);

    private static HllSketch users(int from, int to) {
        HllSketch sketch = UserSketches.empty();
        for (int i = from; i < to; i++) {
            sketch.update("user-" + i);
        }
        return sketch;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 17, 100, 190})
    void smallCountsAreExact(int n) {
        HllSketch sketch = users(0, n);
        assertThat(UserSketches.estimate(UserSketches.read(sketch.toCompactByteArray()))).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000, 200_000})
    void largeCountsAreWithinTheStatedBound(int n) {
        long estimate = UserSketches.estimate(users(0, n));
        assertThat(Math.abs(estimate - n) / (double) n).isLessThan(THREE_SIGMA);
    }

    @Test
    void mergingDaysCountsUsersOnceNotOncePerDay() {
        byte[] monday = users(0, 5_000).toCompactByteArray();
        byte[] tuesday = users(2_500, 7_500).toCompactByteArray();
        long union = UserSketches.estimate(UserSketches.union(List.of(monday, tuesday)));
        assertThat(Math.abs(union - 7_500) / 7_500.0).isLessThan(THREE_SIGMA);
        long merged = UserSketches.estimate(UserSketches.merge(monday, users(2_500, 7_500)));
        assertThat(merged).isEqualTo(union);
        assertThat(UserSketches.unionEstimate(List.of(monday, tuesday))).isEqualTo(union);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 200, 600, 20_000})
    void aUnionImageCountsAsTheSketchesItWasMadeOf(int n) {
        byte[] earlier = users(0, n).toCompactByteArray();
        byte[] before = users(n / 2, n + 50).toCompactByteArray();
        byte[] today = users(n, n + 100).toCompactByteArray();
        byte[] image = UserSketches.unionImage(List.of(earlier, before));
        assertThat(UserSketches.unionEstimate(image, List.of(today)))
                .isEqualTo(UserSketches.unionEstimate(List.of(earlier, before, today)));
        assertThat(UserSketches.unionEstimate(image, List.of())).isEqualTo(UserSketches.unionEstimate(List.of(earlier, before)));
    }
}
