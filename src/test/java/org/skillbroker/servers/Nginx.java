package org.skillbroker.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx (Debian's package) as the load balancer in front of two broker nodes, run in the foreground as a child
 * process with its own prefix directory. The configuration is the one docs/deploy.md recommends, with test ports.
 */
public final class Nginx implements AutoCloseable {

    private final Path prefix;
    private final int port;
    private Process process;

    public Nginx(Path prefix, int port) {
        this.prefix = prefix;
        this.port = port;
    }

    public static Path binary() {
        return Path.of(System.getProperty("nginx.binary", "/usr/sbin/nginx"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/skill-broker";
    }

    /**
     * Round robin over the nodes; idempotent requests that meet a dead node (connection refused or reset, timeout,
     * 502/503) are tried once more on the other one. PATCH is not idempotent, so nginx never replays it: the
     * widget sees the failure and may send the same change again, which the broker applies at most once (setting a
     * value that is already there writes nothing). /setup and the OAuth callback keep their session on the node that
     * created it: Tomcat's jvmRoute suffix (".a", ".b") in the session cookie picks the node.
     */
    public static String config(int listenPort, List<String> routes, List<Integer> nodePorts, Path prefix, boolean root) {
        StringBuilder upstream = new StringBuilder();
        StringBuilder sticky = new StringBuilder();
        for (int i = 0; i < nodePorts.size(); i++) {
            upstream.append("    server 127.0.0.1:").append(nodePorts.get(i)).append(" max_fails=1 fail_timeout=2s;\n");
            sticky.append("    ~\\.").append(routes.get(i)).append("$ 127.0.0.1:").append(nodePorts.get(i)).append(";\n");
        }
        return (root ? "user root;\n" : "") + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 512; }
                http {
                  # when, what, the answer, and which node(s) nginx tried, in order (a retried request names both)
                  log_format nodes '$msec $request_method $status $request_uri $upstream_addr';
                  access_log %1$s/access.log nodes;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;

                  upstream brokers {
                %2$s  }
                  # the node that holds an admin's /setup session (Tomcat jvmRoute suffix of the session id)
                  map $cookie_SKILLBROKER_SESSION $setup_node {
                %3$s    default brokers;
                  }

                  server {
                    listen 127.0.0.1:%4$d;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_connect_timeout 1s;
                    proxy_read_timeout 30s;
                    proxy_next_upstream error timeout http_502 http_503;
                    proxy_next_upstream_tries 2;

                    location / {
                      proxy_pass http://brokers;
                    }
                    location ~ ^/skill-broker/(setup|oauth/callback) {
                      proxy_pass http://$setup_node;
                    }
                  }
                }
                """.formatted(prefix, upstream, sticky, listenPort);
    }

    public void start(List<String> routes, List<Integer> nodePorts) throws IOException {
        for (String dir : List.of("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi")) {
            Files.createDirectories(prefix.resolve(dir));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config(port, routes, nodePorts, prefix, root));
        process = new ProcessBuilder(binary().toString(), "-p", prefix.toString(), "-c", conf.toString(),
                "-e", prefix.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("console.log").toFile()).start();
        Poll.until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(prefix.resolve("console.log"))
                        + Files.readString(prefix.resolve("error.log")));
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            }
        }, java.time.Duration.ofSeconds(20), "nginx listens on " + port);
    }

    /**
     * Whether a node answered a request through nginx with a 2xx since {@code since}: nginx has it back in its
     * rotation. (After a node came back, nginx sends it one request to probe it; until that answers, a failure of
     * the other node leaves nginx with no live upstream for up to {@code fail_timeout}.)
     */
    public boolean answeredBy(int nodePort, java.time.Instant since) throws IOException {
        Path log = prefix.resolve("access.log");
        if (!Files.exists(log)) {
            return false;
        }
        String node = "127.0.0.1:" + nodePort;
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(" ", 5);
            if (f.length < 5) {
                continue;
            }
            long at = Math.round(Double.parseDouble(f[0]) * 1000);
            String[] tried = f[4].split(",");
            if (at >= since.toEpochMilli() && f[2].startsWith("2") && tried[tried.length - 1].trim().equals(node)) {
                return true;
            }
        }
        return false;
    }

    public String errorLog() throws IOException {
        Path log = prefix.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
