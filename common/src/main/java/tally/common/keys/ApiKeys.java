package tally.common.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The seed's two keys: the public key (its anon key), which browsers may send with events, and
 * the secret key (its service-role key), which guards processing and every report. Bound from
 * TALLY_PUBLIC_KEY and TALLY_SECRET_KEY.
 */
@ConfigurationProperties("tally.keys")
public record ApiKeys(String publicKey, String secretKey) {

    public ApiKeys {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("TALLY_SECRET_KEY is not set: the secret key is required"
                    + " (./tally up generates one in the data directory)");
        }
    }

    public boolean isSecret(String presented) {
        return matches(presented, secretKey);
    }

    public boolean isPublic(String presented) {
        return matches(presented, publicKey);
    }

    /** Compares in constant time, so response timing does not leak how much of a key was right. */
    private static boolean matches(String presented, String key) {
        if (presented == null || key == null || key.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
    }
}
