package tally.ingest.enrich;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Ids for visitors who send no user_id, without cookies and without keeping their address: the
 * first 64 bits of SHA-256(salt, site, address, user agent), with a random salt per UTC day
 * shared by every ingest instance through visitor_salts. A day's salt is deleted when the next
 * day's is made, so an id can no longer be traced back to an address; and the same person gets a new
 * id each day, which is why multi-day visitor counts of anonymous visitors count a returning
 * person once per day (README, "Unique visitors").
 *
 * <p>This class is thread-safe: the current salt is an immutable value swapped atomically.
 */
final class VisitorIds {

    /** A day's salt, as cached. */
    private record Salt(LocalDate day, byte[] bytes) {
    }

    static final String INSERT = "INSERT INTO visitor_salts (day, salt) VALUES (:day, :salt) ON CONFLICT DO NOTHING";
    static final String SELECT = "SELECT salt FROM visitor_salts WHERE day = :day";
    static final String FORGET = "DELETE FROM visitor_salts WHERE day < :day";
    /** 128 random bits: guessing a salt must be hopeless. */
    private static final int SALT_BYTES = 16;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Salt current;

    VisitorIds(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String of(String siteId, String address, String userAgent) {
        MessageDigest sha = sha256();
        sha.update(salt());
        for (String part : new String[] {siteId, address, userAgent == null ? "" : userAgent}) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return "v:" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private byte[] salt() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Salt salt = current;
        return salt != null && salt.day().equals(today) ? salt.bytes() : refresh(today);
    }

    /** One thread fetches a new day's salt; the others wait for it rather than all asking the database. */
    private synchronized byte[] refresh(LocalDate today) {
        Salt salt = current;
        if (salt == null || !salt.day().equals(today)) {
            salt = new Salt(today, todaysSalt(today));
            current = salt;
        }
        return salt.bytes();
    }

    /** Today's salt: the one another instance made, or a new one. Deletes the days before. */
    private byte[] todaysSalt(LocalDate today) {
        byte[] fresh = new byte[SALT_BYTES];
        random.nextBytes(fresh);
        jdbc.sql(INSERT).param("day", today).param("salt", fresh).update();
        jdbc.sql(FORGET).param("day", today).update();
        return jdbc.sql(SELECT).param("day", today).query(byte[].class).single();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
