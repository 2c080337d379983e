package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    @Test
    void should_find_shared_data_beside_repository_root(@TempDir Path workspace) throws Exception {
        Path repo = Files.createDirectories(workspace.resolve("repo/module"));
        Files.createDirectories(workspace.resolve("repo/.git"));
        Path file = workspace.resolve("shared/data/set/train.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "text,label\n");

        assertThat(SharedData.find(repo, "set/train.csv")).contains(file);
    }

    @Test
    void should_skip_when_data_is_absent_outside_ci() {
        assertThatThrownBy(() -> SharedData.require(Optional.empty(), "set/train.csv", false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("../shared/data not present");
    }

    @Test
    void should_fail_when_data_is_absent_under_ci() {
        assertThatThrownBy(() -> SharedData.require(Optional.empty(), "set/train.csv", true))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("CI=true");
    }
}
