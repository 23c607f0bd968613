package dev.sluice.app.notify;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition reached on another thread, failing after a deadline. */
final class Eventually {

    private Eventually() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10); // poll interval between condition checks, not a wait for an outcome
        }
    }
}
