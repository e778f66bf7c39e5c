package dev.ringmaster.engine.vm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How much of the host's processors the VM threads of this process may use together, so that the
 * window that shows them keeps a processor for itself: four VMs at full speed on a two-core host
 * would otherwise leave the user interface a fraction of a core (Java thread priorities are not
 * applied on Linux), and its frames would come seconds apart. VirtualBox calls this an execution
 * cap; here it is one budget shared fairly by the VMs that are running.
 *
 * <p>Each VM thread has an {@link Account} and tells it, after every slice, its own CPU time and the
 * wall-clock time; the account answers how long to rest. The budget ({@link #setCores}) is shared
 * equally by the accounts active in the last {@value #ACTIVE_WINDOW_MS} ms (a paused or idle VM
 * gives its share to the others); each account is a token bucket that fills at its share of wall
 * time, holds at most {@value #BURST_MS} ms, and is charged the CPU the slice used; and no more
 * slices run at once than the budget has processors ({@link Account#enter}). Unlimited
 * ({@code cores <= 0}, the default) answers zero at once: the command line and the tests run flat
 * out. Resting changes only when, in wall-clock time, a guest gets on; its virtual time comes from
 * simulated cycles and is the same either way.
 */
public final class HostCpuBudget {
    /** An account that charged within this many milliseconds counts as running. */
    public static final long ACTIVE_WINDOW_MS = 500;
    /** CPU time an account may bank while it uses less than its share. */
    public static final long BURST_MS = 20;
    /** The longest single rest, so a cap never looks like a hang. */
    static final long MAX_REST_NANOS = 200_000_000L;
    private static final long MS = 1_000_000L;

    private static final HostCpuBudget SHARED = new HostCpuBudget();

    private final List<Account> accounts = new CopyOnWriteArrayList<>();
    private volatile double cores;
    /** Slices that may run at the same time: the budget rounded up (null: no limit). */
    private volatile java.util.concurrent.Semaphore running;

    /** The budget every {@link VirtualMachine} of this process draws on. */
    public static HostCpuBudget shared() {
        return SHARED;
    }

    /**
     * What a desktop application should give its VMs on a host with {@code processors}: all but one
     * processor for the window (at least half of one for a single-processor host).
     */
    public static double forDesktop(int processors) {
        return processors <= 1 ? 0.5 : processors - 1;
    }

    /** Processors the running VMs may use together; zero or less means no limit. */
    public void setCores(double cores) {
        if (Double.isNaN(cores)) {
            throw new IllegalArgumentException("cores is not a number");
        }
        this.cores = cores;
        running = cores > 0 ? new java.util.concurrent.Semaphore((int) Math.ceil(cores), true) : null;
    }

    /** The budget in processors; zero when unlimited. */
    public double cores() {
        return Math.max(0, cores);
    }

    public boolean isLimited() {
        return cores > 0;
    }

    /** A new account for one VM thread; {@link Account#close()} gives its share back. */
    public Account open() {
        Account a = new Account();
        accounts.add(a);
        return a;
    }

    /** Accounts that charged within {@link #ACTIVE_WINDOW_MS} of {@code wallNanos}. */
    int active(long wallNanos) {
        int n = 0;
        for (Account a : accounts) {
            long last = a.lastWall;
            if (last != Long.MIN_VALUE && wallNanos - last <= ACTIVE_WINDOW_MS * MS) {
                n++;
            }
        }
        return n;
    }

    /** One VM thread's share of the budget. Used by that thread only (its activity is read by the others). */
    public final class Account implements AutoCloseable {
        /** The permit this account holds while its slice runs, or null. */
        private java.util.concurrent.Semaphore held;
        private volatile long lastWall = Long.MIN_VALUE;
        private long lastCpu = Long.MIN_VALUE;
        private long tokens = BURST_MS * MS;
        private long rested;

        private Account() {
        }

        /**
         * After a slice: this thread's CPU time so far and the wall-clock time now, both in
         * nanoseconds (a negative CPU time means the JVM cannot measure it: no limit).
         *
         * @return nanoseconds to rest before the next slice (0: go on)
         */
        public long afterSlice(long cpuNanos, long wallNanos) {
            long previousWall = lastWall;
            long previousCpu = lastCpu;
            lastWall = wallNanos;
            lastCpu = cpuNanos;
            double budget = cores;
            if (budget <= 0 || cpuNanos < 0 || previousWall == Long.MIN_VALUE || previousCpu < 0) {
                tokens = BURST_MS * MS;
                return 0;
            }
            double share = Math.min(1.0, budget / Math.max(1, active(wallNanos)));
            long elapsed = Math.max(0, wallNanos - previousWall);
            tokens = Math.min(BURST_MS * MS, tokens + (long) (share * elapsed));
            tokens -= Math.max(0, cpuNanos - previousCpu);
            if (tokens >= 0) {
                return 0;
            }
            long rest = Math.min(MAX_REST_NANOS, (long) (-tokens / share));
            rested += rest;
            return rest;
        }

        /**
         * Before a slice: waits up to {@code timeoutNanos} until fewer slices than the budget's processors
         * (rounded up) are running, first come first served. Averages alone are not enough: four VMs
         * resting and running in step would still take both processors of a two-processor host while
         * they run, and the window's thread would get a third of one. Always true when unlimited.
         *
         * @return whether the slice may run now; then {@link #leave()} must follow it
         */
        public boolean enter(long timeoutNanos) throws InterruptedException {
            java.util.concurrent.Semaphore s = running;
            if (s == null) {
                return true;
            }
            if (s.tryAcquire(timeoutNanos, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                held = s;
                return true;
            }
            return false;
        }

        /** After a slice that {@link #enter} let run. */
        public void leave() {
            if (held != null) {
                held.release();
                held = null;
            }
        }

        /** Nanoseconds of rest this account has asked for so far. */
        public long rested() {
            return rested;
        }

        /** This account no longer counts (its VM is closed). */
        @Override
        public void close() {
            leave();
            accounts.remove(this);
        }
    }
}
