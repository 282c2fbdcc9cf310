package tally.processor.drain;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim is planned for the queue as it is at each call. A generic plan made while the queue
 * was empty scans the whole queue for each row of a batch, so after a burst one claim took
 * minutes; PostgreSQL switches a prepared statement to its generic plan after five calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"tally.keys.secret-key=test-secret", "tally.processor.scheduled=false"})
class ClaimPlanTest {

    static final TestDatabase DB = TestDatabases.fresh();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @Autowired
    DataSource dataSource;

    @Test
    void theClaimIsNeverRunOnAGenericPlan() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement claim = c.prepareStatement(ClaimBatch.CLAIM_AND_MOVE)) {
            c.setAutoCommit(false);
            for (int i = 0; i < 10; i++) {
                claim.setLong(1, Long.MAX_VALUE);
                claim.setInt(2, 10_000);
                try (ResultSet rs = claim.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt("drained")).as("rows drained from the empty queue").isZero();
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT custom_plans, generic_plans FROM pg_prepared_statements WHERE statement LIKE '%claimed%'")) {
                assertThat(rs.next()).as("the claim, prepared on the server").isTrue();
                assertThat(rs.getLong("custom_plans")).isPositive();
                assertThat(rs.getLong("generic_plans")).isZero();
            }
            c.rollback();
        }
    }
}
