package tally.testing;

import tools.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a service's OpenAPI document (/v3/api-docs) says it serves: each path with its HTTP methods. */
public final class ApiDocs {

    private ApiDocs() {}

    /**
     * The documented paths under /functions and /api, each with its methods in upper case.
     * Fails if the document cannot be read, or not from another origin.
     */
    public static Map<String, Set<String>> documentedEndpoints(int port) {
        TestHttp.Reply reply = TestHttp.at(port).get("/v3/api-docs", "Origin", "http://dashboard.example");
        if (reply.status() != 200) {
            throw new AssertionError("/v3/api-docs answered " + reply.status() + ": " + reply.body());
        }
        if (!"*".equals(reply.header("Access-Control-Allow-Origin"))
                && !"http://dashboard.example".equals(reply.header("Access-Control-Allow-Origin"))) {
            throw new AssertionError("/v3/api-docs is not readable from another origin, as the dashboard reads it");
        }
        Map<String, Set<String>> endpoints = new TreeMap<>();
        JsonNode paths = reply.json().get("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (isTallysOwn(path.getKey())) {
                Set<String> methods = new TreeSet<>();
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    methods.add(method.getKey().toUpperCase(Locale.ROOT));
                }
                endpoints.put(path.getKey(), methods);
            }
        }
        return endpoints;
    }

    /** Tally's API lives under these prefixes; the rest (actuator, errors) is Spring's. */
    public static boolean isTallysOwn(String path) {
        return path.startsWith("/functions/") || path.startsWith("/api/");
    }
}
