package tally.ingest.http;

import jakarta.servlet.http.HttpServletRequest;
import tally.common.http.BadRequestException;
import tally.common.http.PayloadTooLargeException;
import tally.common.http.UnsupportedMediaTypeException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a request body up to a limit: a declared Content-Length over it is refused before a
 * byte is read, and a chunked body is refused as soon as it passes the limit, so an oversized
 * body never sits whole in memory. Accepts JSON sent as application/json or as text/plain,
 * the type browsers may send cross-site without a CORS preflight.
 */
final class BoundedBody {

    private static final int CHUNK = 8192;

    private BoundedBody() {}

    static byte[] read(HttpServletRequest request, long limit) throws IOException {
        checkType(request.getContentType());
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new PayloadTooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            return declared >= 0 ? readDeclared(in, (int) declared) : readChunked(in, limit);
        } catch (IOException e) {
            // A client that stalls past the read timeout or goes away mid-body is the client's fault.
            throw new BadRequestException("body", "was not received completely (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The usual case: exactly the declared bytes, in one array of that size. */
    private static byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] body = in.readNBytes(declared);
        if (body.length < declared) {
            throw new IOException("body ended after " + body.length + " of " + declared + " bytes");
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > limit) {
                throw new PayloadTooLargeException(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void checkType(String contentType) {
        if (contentType == null) {
            throw new UnsupportedMediaTypeException("Content-Type is missing; send application/json (or text/plain from a browser)");
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String base = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        if (!base.equals("application/json") && !base.equals("text/plain")) {
            throw new UnsupportedMediaTypeException(base + " is not accepted; send application/json (or text/plain from a browser)");
        }
        if (semicolon >= 0 && type.contains("charset=") && !type.contains("charset=utf-8")) {
            throw new UnsupportedMediaTypeException("only UTF-8 bodies are accepted");
        }
    }
}
