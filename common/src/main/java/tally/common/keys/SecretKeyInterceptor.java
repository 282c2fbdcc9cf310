package tally.common.keys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import tally.common.http.UnauthorizedException;

/** Lets a request through only with the secret key; register it on the paths it guards. */
public final class SecretKeyInterceptor implements HandlerInterceptor {

    private final ApiKeys keys;

    public SecretKeyInterceptor(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (RequestMethod.OPTIONS.name().equals(request.getMethod())) {
            return true;
        }
        String presented = PresentedKey.of(request);
        if (presented == null) {
            throw new UnauthorizedException("this endpoint needs the secret key, in the apikey header or as a Bearer token");
        }
        if (!keys.isSecret(presented)) {
            throw new UnauthorizedException("the key is not the secret key");
        }
        return true;
    }
}
