package dev.ringmaster.engine.devices;

import java.math.BigInteger;

/**
 * Conversions between the machine's simulated cycles and a device's own clock (the 8254's
 * 1.193182 MHz input, the VGA dot clock, the RTC's 32.768 kHz time base, nanoseconds). Pure
 * integer arithmetic, exact and without overflow, so every run computes the same instants.
 */
final class VirtualTime {
    private VirtualTime() {
    }

    /** Number of whole ticks of a {@code freq} Hz clock elapsed after {@code cycles} cycles of a {@code hz} Hz clock: floor(cycles × freq / hz). */
    static long ticksAt(long cycles, long hz, long freq) {
        return (cycles / hz) * freq + mulDiv(cycles % hz, freq, hz);
    }

    /** The first cycle at which {@link #ticksAt} reaches {@code ticks}: ceil(ticks × hz / freq). */
    static long cycleOfTick(long ticks, long hz, long freq) {
        long q = ticks / freq;
        long r = ticks % freq;
        long num = mulDivCeil(r, hz, freq);
        return q * hz + num;
    }

    /** floor(a × b / c) for non-negative operands, exact even when a × b overflows a long. */
    static long mulDiv(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    /** ceil(a × b / c) for non-negative operands. */
    static long mulDivCeil(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c + (lo % c == 0 ? 0 : 1);
        }
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }
}
