package tally.common.http;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's last word on errors it answers by itself, before any Tally code runs (a request line
 * it cannot parse, an encoded NUL in a path): the same JSON shape as every other error, instead
 * of Tomcat's HTML page. Errors Tally raises never get here; they are answered by {@link ApiErrorAdvice}.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
                String error = known == null ? "error" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
                writer.write("{\"error\":\"" + error
                        + "\",\"reason\":\"the request was refused before it reached Tally (HTTP " + status + ")\"}");
                writer.flush();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more can be said
        }
    }
}
