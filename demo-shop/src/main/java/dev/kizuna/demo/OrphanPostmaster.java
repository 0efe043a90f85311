package dev.kizuna.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PostgreSQL left running on the demo's data directory when the JVM that started it was killed ({@code kill -9}
 * does not run shutdown hooks): it still holds {@code postmaster.pid}, so a new start would give up waiting. Before
 * starting, the demo stops it: the pid from {@code postmaster.pid}, if that process is alive and its command line
 * names this data directory, is asked to stop (SIGTERM), then killed if it has not stopped in time. A pid file whose
 * process is gone, or is something else now, is removed.
 */
final class OrphanPostmaster {
    private static final Duration POLITE = Duration.ofSeconds(10);

    private OrphanPostmaster() {
    }

    static void stop(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty() : pid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> servesDirectory(p.pid(), dataDirectory));
        if (orphan.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle postmaster = orphan.get();
        System.err.println("stopping PostgreSQL " + postmaster.pid() + " left running on " + dataDirectory);
        postmaster.destroy();
        if (!exited(postmaster, POLITE)) {
            postmaster.destroyForcibly();
            exited(postmaster, POLITE);
        }
        // Its backends end with it; a forced kill leaves the pid file behind, which PostgreSQL then ignores.
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> pid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code /proc/<pid>/cmdline} names the data directory (as {@code -D <dir>} of a postgres). */
    private static boolean servesDirectory(long pid, Path dataDirectory) {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
            return cmdline.contains("postgres") && (cmdline.contains(dataDirectory.toAbsolutePath().toString())
                    || cmdline.contains(dataDirectory.toRealPath().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean exited(ProcessHandle p, Duration wait) {
        try {
            p.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
