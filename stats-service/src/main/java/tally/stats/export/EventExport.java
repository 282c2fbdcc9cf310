package tally.stats.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a site's stored events of a range of UTC days, oldest first, as CSV or as JSON lines.
 * PostgreSQL sends them through a cursor, {@link #FETCH} rows at a time, inside one read-only
 * transaction: an export of millions of events holds a few thousand in memory at once, and sees
 * one consistent snapshot. The client's address is not among the columns, since it is never stored.
 */
@Component
class EventExport {

    /** The columns, in order; what a person analysing the events in a spreadsheet would want. */
    static final List<String> COLUMNS = List.of("id", "site_id", "event_type", "path", "user_id", "visitor_id", "occurred_at",
            "event_id", "hostname", "title", "referrer", "source", "channel", "utm_source", "utm_medium", "utm_campaign",
            "utm_content", "utm_term", "browser", "os", "device", "country", "language", "screen_width", "revenue_amount",
            "revenue_currency", "props");

    static final String EVENTS = "SELECT " + String.join(", ", COLUMNS).replace("props", "props::text AS props")
            .replace("occurred_at", "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS occurred_at")
            + " FROM events WHERE site_id = :site AND occurred_at >= :from AND occurred_at < :until ORDER BY occurred_at, id";

    /** Rows per round trip of the cursor. */
    static final int FETCH = 2000;

    /** The formats, with their media types and file extensions. */
    enum Format {
        CSV("text/csv", "csv"),
        NDJSON("application/x-ndjson", "ndjson");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;

    EventExport(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    /** Writes the events of {@code site} from {@code from} to {@code to} (UTC days, both included). */
    void write(String site, LocalDate from, LocalDate to, Format format, OutputStream out) {
        readOnly.executeWithoutResult(status -> {
            try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                RowWriter rows = format == Format.CSV ? csv(writer) : ndjson(writer);
                jdbc.sql(EVENTS).withFetchSize(FETCH).param("site", site)
                        .param("from", java.sql.Timestamp.from(from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                        .param("until", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                        .query(rs -> {
                            try {
                                rows.write(rs);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                rows.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One row out, then flushing what is buffered at the end. */
    private interface RowWriter {
        void write(ResultSet rs) throws SQLException, IOException;

        void finish() throws IOException;
    }

    private static RowWriter csv(Writer writer) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
        return new RowWriter() {
            @Override
            public void write(ResultSet rs) throws SQLException, IOException {
                for (int i = 1; i <= COLUMNS.size(); i++) {
                    printer.print(rs.getString(i));
                }
                printer.println();
            }

            @Override
            public void finish() throws IOException {
                printer.flush();
            }
        };
    }

    private RowWriter ndjson(Writer writer) {
        return new RowWriter() {
            @Override
            public void write(ResultSet rs) throws SQLException, IOException {
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> line = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String value = rs.getString(i);
                    if (value != null) {
                        String name = meta.getColumnLabel(i);
                        line.put(name, switch (name) {
                            case "id", "screen_width" -> Long.parseLong(value);
                            case "revenue_amount" -> new BigDecimal(value);
                            case "props" -> json.readTree(value);
                            default -> value;
                        });
                    }
                }
                writer.write(json.writeValueAsString(line));
                writer.write('\n');
            }

            @Override
            public void finish() throws IOException {
                writer.flush();
            }
        };
    }
}
