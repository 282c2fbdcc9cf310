package tally.stats.http;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tally.testing.ApiDocs;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's OpenAPI document lists exactly the endpoints its controllers serve, with their methods. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tally.keys.secret-key=test-secret")
class ApiDocsTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyEndpointIsDocumented() {
        Map<String, Set<String>> served = new TreeMap<>();
        handlers.getHandlerMethods().forEach((mapping, method) -> mapping.getPatternValues().stream()
                .filter(ApiDocs::isTallysOwn)
                .forEach(path -> mapping.getMethodsCondition().getMethods()
                        .forEach(m -> served.computeIfAbsent(path, p -> new TreeSet<>()).add(m.name()))));

        assertThat(served).isNotEmpty();
        assertThat(ApiDocs.documentedEndpoints(port)).isEqualTo(served);
    }
}
