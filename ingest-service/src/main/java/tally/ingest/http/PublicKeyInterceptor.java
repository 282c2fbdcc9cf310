package tally.ingest.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import tally.common.http.UnauthorizedException;
import tally.common.keys.ApiKeys;
import tally.common.keys.PresentedKey;

/**
 * Ingestion is public, as in the seed: no key is needed. A key that is sent must be right,
 * though (the public or the secret key), so a misconfigured client learns of it at once.
 */
final class PublicKeyInterceptor implements HandlerInterceptor {

    private final ApiKeys keys;

    PublicKeyInterceptor(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String presented = PresentedKey.of(request);
        if (presented != null && !keys.isPublic(presented) && !keys.isSecret(presented)) {
            throw new UnauthorizedException("the key is neither the public nor the secret key; send the public key or none");
        }
        return true;
    }
}
