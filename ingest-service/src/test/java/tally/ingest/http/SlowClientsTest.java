package tally.ingest.http;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tally.testing.TestDatabase;
import tally.testing.TestDatabases;
import tally.testing.TestHttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Slow and abusive connections are cut off, and do not keep other clients from being served. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.keys.secret-key=test-secret", "server.tomcat.connection-timeout=1s",
                // Fewer connection slots than the flood below, so it can only pass if idle ones are cut off.
                "server.tomcat.max-connections=200"})
class SlowClientsTest {

    static final TestDatabase DB = TestDatabases.fresh();
    static final String EVENT = "{\"site_id\":\"s\",\"event_type\":\"v\"}";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @LocalServerPort
    int port;

    /** Reads until the server closes the connection; returns what it sent, or fails at the socket's own timeout. */
    static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(15_000);
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void headersThatNeverFinishAreCutOff() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write("POST /functions/v1/ingest-event HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(socket)).doesNotContain(" 202 ");
        }
    }

    @Test
    void bodiesThatStallAreCutOffAndNothingIsStored() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("POST /functions/v1/ingest-event HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{\"site_id\":\"slow\"").getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(socket);
            assertThat(answer).as("no 202 for a body that never came").doesNotContain(" 202 ");
        } catch (java.net.SocketException reset) {
            // the server dropping the connection is as good as closing it
        }
        assertThat(DB.count("SELECT count(*) FROM events_queue WHERE site_id = 'slow'")).isZero();
    }

    /** 1,000 idle connections against 200 slots: the idle ones are dropped after a second, and others get in. */
    @Test
    void aFloodOfIdleConnectionsDoesNotStopOthers() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                try {
                    flood.add(new Socket("localhost", port));
                } catch (java.net.ConnectException backlogFull) {
                    // the kernel's accept queue is full: the flood is as big as it can get
                }
            }
            assertThat(TestHttp.at(port).postJson("/functions/v1/ingest-event", EVENT).status()).isEqualTo(202);
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }
}
