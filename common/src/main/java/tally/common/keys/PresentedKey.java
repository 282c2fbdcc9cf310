package tally.common.keys;

import jakarta.servlet.http.HttpServletRequest;

/** Reads the key a request carries, the seed's way ({@code apikey} header) or as a bearer token. */
public final class PresentedKey {

    private PresentedKey() {}

    /** The key the request presents, or null if it presents none. */
    public static String of(HttpServletRequest request) {
        String apikey = request.getHeader("apikey");
        if (apikey != null && !apikey.isEmpty()) {
            return apikey;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}
