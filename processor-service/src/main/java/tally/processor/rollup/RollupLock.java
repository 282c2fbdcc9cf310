package tally.processor.rollup;

/**
 * One PostgreSQL advisory lock over the rollups as a whole. Batches take it shared (any number
 * run together, as before); a rebuild of some days' rollups from the raw events takes it
 * exclusively, so no batch adds to a row between the rebuild's read of the events and its
 * write of the row. Both are transaction locks: released at commit or rollback.
 */
public final class RollupLock {

    /** Any 64-bit number no other part of Tally uses; these are the ASCII codes of "TALLYRUP". */
    static final long KEY = 0x54414C4C59525550L;

    /** For a batch: waits only while a rebuild runs. */
    public static final String SHARED = "SELECT pg_advisory_xact_lock_shared(" + KEY + ")";

    /** For a rebuild: waits for running batches to commit, and holds new ones until it commits. */
    public static final String EXCLUSIVE = "SELECT pg_advisory_xact_lock(" + KEY + ")";

    private RollupLock() {}
}
