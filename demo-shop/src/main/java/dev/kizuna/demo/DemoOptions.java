package dev.kizuna.demo;

import java.nio.file.Path;
import java.util.Optional;

/** Command-line options of the demo shop; {@code --help} prints them. */
record DemoOptions(String bind, int port, Path dataDir, int dbPort, Path secretsFile, Optional<String> jdbcUrl, String jdbcUser, String jdbcPassword, boolean dev,
                   Optional<String> adminToken, Optional<String> smtpHost, int smtpPort, boolean sampleData,
                   String adminUser, String adminPassword, Optional<String> publicUrl) {

    static final String USAGE = """
            Kizuna demo shop: a small Broadleaf-style shop with the Kizuna plugin dropped in.

              --port N             HTTP port (default 8080)
              --bind ADDRESS       address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for all)
              --data-dir DIR       embedded PostgreSQL data directory, kept across restarts (default ./kizuna-data)
              --db-port N          port of the embedded PostgreSQL (default: any free one), so another node
                                   can be started with --jdbc-url jdbc:postgresql://localhost:N/postgres
              --secrets-file PATH  the installation's keys (default <data-dir>/kizuna-secrets.properties); made
                                   (0600) only for a database without Kizuna data: start every further node
                                   of an installation with a copy of the first node's file
              --jdbc-url URL       use this PostgreSQL instead of the embedded one
              --jdbc-user U        user for --jdbc-url (default postgres)
              --jdbc-password P    password for --jdbc-url
              --public-url URL     the address shoppers reach the shop at, for links in mails (default
                                   http://localhost:<port>; behind a load balancer, the balancer's)
              --dev                dev mode: movable clock (POST /shop/api/dev/clock), --admin-token honoured
              --admin-token T      with --dev: 'Authorization: Bearer T' is an admin of /crm/api/
              --smtp-host H        send mails through this SMTP server (default: mails stay in the outbox)
              --smtp-port N        SMTP port (default 25)
              --no-sample-data     do not load the sample catalog, customers and orders on first start
              --admin-user U       console admin created on first start (default admin)
              --admin-password P   its password (default omotenashi-2026)
            """;

    static DemoOptions parse(String[] args) {
        String bind = "127.0.0.1";
        int port = 8080;
        Path dataDir = Path.of("kizuna-data");
        int dbPort = 0;
        Path secretsFile = null;
        String jdbcUrl = null;
        String user = "postgres";
        String password = "";
        boolean dev = false;
        String token = null;
        String smtp = null;
        int smtpPort = 25;
        boolean sample = true;
        String adminUser = "admin";
        String adminPassword = "omotenashi-2026";
        String publicUrl = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--bind" -> bind = value(args, ++i, a);
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--db-port" -> dbPort = Integer.parseInt(value(args, ++i, a));
                case "--secrets-file" -> secretsFile = Path.of(value(args, ++i, a));
                case "--jdbc-url" -> jdbcUrl = value(args, ++i, a);
                case "--jdbc-user" -> user = value(args, ++i, a);
                case "--jdbc-password" -> password = value(args, ++i, a);
                case "--dev" -> dev = true;
                case "--admin-token" -> token = value(args, ++i, a);
                case "--smtp-host" -> smtp = value(args, ++i, a);
                case "--smtp-port" -> smtpPort = Integer.parseInt(value(args, ++i, a));
                case "--no-sample-data" -> sample = false;
                case "--admin-user" -> adminUser = value(args, ++i, a);
                case "--admin-password" -> adminPassword = value(args, ++i, a);
                case "--public-url" -> publicUrl = value(args, ++i, a);
                case "--help", "-h" -> throw new UsageRequested();
                default -> throw new IllegalArgumentException("unknown option " + a + "\n\n" + USAGE);
            }
        }
        if (token != null && !dev) {
            throw new IllegalArgumentException("--admin-token needs --dev");
        }
        return new DemoOptions(bind, port, dataDir, dbPort,
                secretsFile != null ? secretsFile : dataDir.resolve(DemoSecrets.FILE), Optional.ofNullable(jdbcUrl), user, password, dev,
                Optional.ofNullable(token), Optional.ofNullable(smtp), smtpPort, sample, adminUser, adminPassword,
                Optional.ofNullable(publicUrl));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static final class UsageRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
