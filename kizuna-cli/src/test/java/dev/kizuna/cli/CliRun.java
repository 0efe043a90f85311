package dev.kizuna.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;

/** One run of the {@code kizuna} command in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KizunaCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** The {@code name=value} lines of stdout, in order. */
    Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank()) {
                int equals = line.indexOf('=');
                if (equals < 1) {
                    throw new AssertionError("not a name=value line: " + line);
                }
                figures.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return figures;
    }

    double figure(String name) {
        String value = figures().get(name);
        if (value == null) {
            throw new AssertionError("no " + name + "= line in:\n" + out + err);
        }
        return Double.parseDouble(value);
    }

    /** A CDNOW file among the test resources. */
    static Path cdnow(String file) {
        URL resource = CliRun.class.getResource("/cdnow/" + file);
        if (resource == null) {
            throw new IllegalStateException("test resource /cdnow/" + file + " is missing");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
