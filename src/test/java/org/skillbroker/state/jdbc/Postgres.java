package org.skillbroker.state.jdbc;

import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) for the tests: initdb in a temp directory,
 * started on a loopback port ({@code -Dit.pg.port}, else a free one), one per test JVM, stopped at JVM exit.
 * PostgreSQL refuses to run as root, so as root (CI) it runs as the {@code postgres} user via {@code runuser}.
 * Every test gets its own schema, so tests never see each other's rows.
 */
public final class Postgres {

    public static final String USER = "skill";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static Postgres shared;

    private final Path dir;
    private final int port;
    private final Path bin;

    private Postgres(Path dir, int port, Path bin) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
    }

    /** The one server of this JVM, started on first use. */
    public static synchronized Postgres shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stopQuietly));
        }
        return shared;
    }

    private static Postgres start() throws IOException, InterruptedException {
        Path bin = findBin();
        int port = Integer.getInteger("it.pg.port", 0);
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        }
        // under the build directory, not /tmp: the server runs as another user, who must reach it
        Path parent = Path.of(System.getProperty("pg.parent", "target")).toAbsolutePath();
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "pg-");
        Postgres pg = new Postgres(dir, port, bin);
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        pg.pgCommand(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                "-U", USER, "--no-sync"));
        pg.startServer();
        return pg;
    }

    /** Starts (or restarts after {@link #stop()}) the server on the same port and data directory. */
    public void startServer() throws IOException, InterruptedException {
        pgCommand(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "start"));
    }

    /** Stops the server (fast shutdown: open connections are cut), as a database outage does. */
    public void stop() throws IOException, InterruptedException {
        pgCommand(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                "-w", "stop"));
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the JVM is going; the temp directory stays for a post-mortem
        }
    }

    public int port() {
        return port;
    }

    /**
     * A pooled DataSource on a fresh, empty schema of its own: containers pool connections, and a connection
     * per operation would make the tests measure PostgreSQL's process start-up instead.
     */
    @SuppressWarnings("deprecation") // PGPoolingDataSource: fine for tests, containers bring their own pools
    public javax.sql.DataSource pooledFreshSchema() {
        PGSimpleDataSource simple = freshSchema();
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setDataSourceName("pool-" + simple.getCurrentSchema());
        pool.setServerNames(simple.getServerNames());
        pool.setPortNumbers(simple.getPortNumbers());
        pool.setDatabaseName(simple.getDatabaseName());
        pool.setUser(USER);
        pool.setCurrentSchema(simple.getCurrentSchema());
        pool.setConnectTimeout(2);
        pool.setSocketTimeout(10);
        pool.setMaxConnections(8);
        return pool;
    }

    /** A DataSource on a fresh, empty schema of its own. */
    public PGSimpleDataSource freshSchema() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = dataSource(null).getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return dataSource(schema);
    }

    public PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser(USER);
        ds.setConnectTimeout(2);
        ds.setSocketTimeout(10);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    /** The JDBC URL of a schema, for container resources. */
    public String url(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + schema
                + "&connectTimeout=2&socketTimeout=10";
    }

    private void pgCommand(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(out));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBin() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            throw new IOException("PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)");
        }
        try (var versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(java.util.Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException("no pg_ctl under " + base));
        }
    }
}
