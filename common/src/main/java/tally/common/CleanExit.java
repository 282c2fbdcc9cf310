package tally.common;

import sun.misc.Signal;

/**
 * Makes SIGTERM and SIGINT a clean exit: status 0 after the shutdown hooks have run (Spring's
 * graceful shutdown among them), instead of the JVM's default 143 or 130. Orchestrators
 * (Kubernetes, compose, ./tally) stop services with SIGTERM as a matter of routine, and a
 * routine stop that finished its work is a success, not a failure.
 */
public final class CleanExit {

    private CleanExit() {}

    /** Call first thing in main. */
    public static void onTermOrInterrupt() {
        for (String name : new String[] {"TERM", "INT"}) {
            // System.exit runs the shutdown hooks, so the graceful shutdown happens as before.
            Signal.handle(new Signal(name), signal -> new Thread(() -> System.exit(0), "tally-exit").start());
        }
    }
}
