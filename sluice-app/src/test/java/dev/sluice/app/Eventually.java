package dev.sluice.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the system reaches asynchronously (audit group commits), failing after a deadline. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(20); // poll interval between condition checks, not a wait for an outcome
        }
    }
}
