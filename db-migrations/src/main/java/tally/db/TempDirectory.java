package tally.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory under java.io.tmpdir that goes away, with everything in it, on {@link #close()}.
 * Test and benchmark databases hold gigabytes each: left behind, a few runs fill a disk, and a
 * full disk makes every later PostgreSQL fail.
 */
public record TempDirectory(Path path) implements AutoCloseable {

    public static TempDirectory create(String prefix) {
        try {
            return new TempDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory " + prefix + "*", e);
        }
    }

    /** Deletes the directory and all it holds; a directory already gone is fine. */
    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path, e);
        }
    }
}
