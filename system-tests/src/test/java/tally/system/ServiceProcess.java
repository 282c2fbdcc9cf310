package tally.system;

import tally.testing.Await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as users run it: {@code java -jar} in its own process, configured only
 * by environment variables, on a free port. Can be stopped politely (SIGTERM) or killed (SIGKILL).
 */
final class ServiceProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Service service;
    final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ServiceProcess(Service service, Map<String, String> env, Path logDir) {
        this.service = service;
        this.port = freePort();
        this.env = env;
        this.log = logDir.resolve(service.name().toLowerCase() + "-" + port + ".log");
    }

    /** Starts the jar and returns once its readiness probe answers 200. */
    ServiceProcess start() {
        Path jar = Path.of("..").resolve(service.jar).toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; run `mvn package` first");
        }
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service, e);
        }
        Await.until(service + " ready on port " + port + " (log: " + log + ")", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + log);
            }
            return isReady();
        });
        return this;
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    int stop() {
        process.destroy();
        return awaitExit();
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(service + " did not exit within " + STOP_TIMEOUT.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean isReady() {
        try {
            HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
