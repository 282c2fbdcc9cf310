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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * A connection idle between two requests for longer than a slow client may take to send one
     * (a second here) is still served: pools keep idle connections for tens of seconds, and a
     * request sent as the server closes one would get no answer.
     */
    @Test
    void aKeptAliveConnectionIdleLongerThanTheSlowClientTimeoutIsStillServed() throws Exception {
        String request = "POST /functions/v1/ingest-event HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: %d\r\n\r\n%s".formatted(EVENT.length(), EVENT);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readAnswer(socket)).startsWith("HTTP/1.1 202 ");
            Thread.sleep(2_000); // the idle time under test, twice the slow-client timeout
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readAnswer(socket)).startsWith("HTTP/1.1 202 ");
        }
    }

    /** One answer's status line and headers; its body, by its length or to its last chunk, is read and left out. */
    static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = readThrough(in, "\r\n\r\n");
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        } else {
            readThrough(in, "\r\n0\r\n\r\n");
        }
        return head;
    }

    static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    /** The bytes up to and including {@code end}; fails if the connection closes first. */
    private static String readThrough(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int b = in.read();
            assertThat(b).as("the connection was closed, after: " + read).isNotNegative();
            read.append((char) b);
        }
        return read.toString();
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
