package tally.ingest.pipeline;

import tally.common.http.BadRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses request bodies strictly: duplicate keys, trailing content, nesting deeper than an
 * event can need and absurdly long numbers are errors, not things to guess about. The body
 * limit is enforced before parsing (see the http package), so these bounds guard the parser's
 * own work, not memory.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class JsonBody {

    /** An event is an object holding one flat object (props); a batch adds one array level. */
    private static final int MAX_NESTING = 8;
    /** Longer than any double needs; stops pathological number parsing. */
    private static final int MAX_NUMBER_LENGTH = 64;

    private final JsonMapper mapper;

    public JsonBody() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** The mapper, for writing normalized JSON (props). */
    public JsonMapper mapper() {
        return mapper;
    }

    /** The body as a JSON tree; a 400 naming the problem when it is not one JSON value. */
    public JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException("body", "is empty; send a JSON object");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new BadRequestException("body", "is empty; send a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadRequestException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
