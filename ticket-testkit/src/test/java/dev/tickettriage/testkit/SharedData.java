package dev.tickettriage.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's shared datasets ({@code ../shared/data} next to the repository root). Tests skip
 * when the folder is absent (a user's clone has none) but fail under {@code CI=true}, where it must exist.
 */
final class SharedData {

    private SharedData() {
    }

    /** The file at {@code relative} under shared/data; skips (or fails under CI) when it is absent. */
    static Path require(String relative) {
        return require(find(Path.of("").toAbsolutePath(), relative), relative, "true".equals(System.getenv("CI")));
    }

    static Path require(Optional<Path> file, String relative, boolean underCi) {
        if (file.isEmpty()) {
            String message = relative + ": skipped: ../shared/data not present";
            if (underCi) Assertions.fail(message + " (CI=true requires it)");
            Assumptions.assumeTrue(false, message);
        }
        return file.orElseThrow();
    }

    /** Walks up from {@code start}; looks beside the repository root first, then in any ancestor. */
    static Optional<Path> find(Path start, String relative) {
        Path dir = start;
        while (dir != null) {
            if (Files.exists(dir.resolve(".git")) && dir.getParent() != null) {
                Path candidate = dir.getParent().resolve("shared/data").resolve(relative);
                if (Files.isRegularFile(candidate)) return Optional.of(candidate);
            }
            Path nested = dir.resolve("shared/data").resolve(relative);
            if (Files.isRegularFile(nested)) return Optional.of(nested);
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** Writes a report under the module's target/eval directory and returns its path. */
    static Path writeReport(String fileName, String content) throws java.io.IOException {
        Path directory = Path.of("target", "eval");
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName);
        Files.writeString(file, content);
        return file;
    }
}
