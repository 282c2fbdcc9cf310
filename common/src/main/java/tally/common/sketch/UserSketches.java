package tally.common.sketch;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.HllUnion;

/**
 * How Tally counts distinct users: Apache DataSketches HLL sketches with lgK 12. Small sets are
 * held as lists of hashes and counted exactly; past a few hundred users the sketch switches to
 * HLL registers, with a relative standard error of 1.04/sqrt(4096) = 1.6 % (3.3 % at 95 %
 * confidence) and at most 2.6 KB per sketch. Sketches of different days merge into the exact
 * sketch of their union, so multi-day counts are never sums of daily counts.
 */
public final class UserSketches {

    /** 2^12 registers: 1.6 % error at a size small enough to store one per site and day. */
    public static final int LG_K = 12;
    /** 4 bits per register: the most compact serialized form. */
    private static final TgtHllType TYPE = TgtHllType.HLL_4;

    private UserSketches() {}

    public static HllSketch empty() {
        return new HllSketch(LG_K, TYPE);
    }

    public static HllSketch read(byte[] bytes) {
        return HllSketch.heapify(bytes);
    }

    /** {@code stored} and {@code added} merged; {@code stored} may be null. */
    public static HllSketch merge(byte[] stored, HllSketch added) {
        if (stored == null) {
            return added;
        }
        HllUnion union = new HllUnion(LG_K);
        union.update(read(stored));
        union.update(added);
        return union.getResult(TYPE);
    }

    /** The union of serialized sketches: the distinct users of all their periods together. */
    public static HllSketch union(Iterable<byte[]> stored) {
        return merged(new HllUnion(LG_K), stored).getResult(TYPE);
    }

    /**
     * The estimate of the union of serialized sketches, without converting the union to the
     * stored form first: a report reads the estimates of thousands of unions and stores none.
     */
    public static long unionEstimate(Iterable<byte[]> stored) {
        return Math.round(merged(new HllUnion(LG_K), stored).getEstimate());
    }

    /**
     * The union of stored sketches as a union's own image, for {@link #unionEstimate(byte[], Iterable)}
     * to start from. Merging a sketch into a union inserts its hashes one at a time (or its
     * registers); a union read back from its image copies them at once, 10 to 30 times faster, at
     * up to twice the size (4 KB once past a few hundred users).
     */
    public static byte[] unionImage(Iterable<byte[]> stored) {
        return merged(new HllUnion(LG_K), stored).toUpdatableByteArray();
    }

    /** The estimate of the union of a {@link #unionImage} and more stored sketches. */
    public static long unionEstimate(byte[] image, Iterable<byte[]> more) {
        return Math.round(merged(HllUnion.heapify(image), more).getEstimate());
    }

    /** The union with the stored sketches merged in. */
    private static HllUnion merged(HllUnion union, Iterable<byte[]> stored) {
        for (byte[] bytes : stored) {
            union.update(read(bytes));
        }
        return union;
    }

    public static long estimate(HllSketch sketch) {
        return Math.round(sketch.getEstimate());
    }
}
