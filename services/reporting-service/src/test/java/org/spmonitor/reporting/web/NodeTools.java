package org.spmonitor.reporting.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;

/** What the tests that drive node (and Chromium) need, and the rule when it is missing. */
final class NodeTools {

    static final Path NODE_PROJECT = Path.of("src", "test", "node");

    static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, command)));
    }

    /**
     * Nothing when {@code missing} is null; else the test fails on CI ({@code CI=true}) and is skipped,
     * loudly, elsewhere.
     */
    static void require(String what, String missing) {
        if (missing == null) {
            return;
        }
        String message = what + " cannot run: missing " + missing;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        Assumptions.abort(message);
    }

    private NodeTools() {
    }
}
