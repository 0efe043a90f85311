package dev.kizuna.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a killed demo leaves in its data directory, and what the next start does with it. */
class OrphanPostmasterTest {

    static void pidFile(Path dir, long pid) throws Exception {
        Files.writeString(dir.resolve("postmaster.pid"), pid + "\n" + dir + "\n1700000000\n5432\n");
    }

    @Test
    void a_process_that_serves_the_data_directory_is_stopped_and_its_pid_file_removed(@TempDir Path dir) throws Exception {
        // Stands in for the orphan: its command line names postgres and the data directory, as a postmaster's does.
        Process orphan = new ProcessBuilder("sh", "-c", "sleep 60", "postgres", "-D", dir.toString()).start();
        try {
            pidFile(dir, orphan.pid());
            OrphanPostmaster.stop(dir);
            assertTrue(orphan.waitFor(15, TimeUnit.SECONDS), "the orphan was stopped");
            assertFalse(Files.exists(dir.resolve("postmaster.pid")));
        } finally {
            orphan.descendants().forEach(ProcessHandle::destroyForcibly);
            orphan.destroyForcibly();
        }
    }

    @Test
    void a_pid_file_naming_another_process_is_removed_and_that_process_left_alone(@TempDir Path dir) throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            pidFile(dir, other.pid());
            OrphanPostmaster.stop(dir);
            assertTrue(other.isAlive(), "not a postgres of this directory: left running");
            assertFalse(Files.exists(dir.resolve("postmaster.pid")));
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void a_pid_file_whose_process_is_gone_is_removed(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        pidFile(dir, gone.pid());
        OrphanPostmaster.stop(dir);
        assertFalse(Files.exists(dir.resolve("postmaster.pid")));
    }
}
