package dev.ringmaster.engine.devices;

import dev.ringmaster.engine.machine.IoBus;
import dev.ringmaster.engine.machine.IrqLine;
import dev.ringmaster.engine.machine.VirtualClock;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The PC AT's CMOS RAM and real-time clock, a Motorola MC146818 (MC146818A datasheet: "Address
 * Map", "Registers A–D", "Update Cycle", "Interrupts"; IBM PC AT Technical Reference for the CMOS
 * layout). Index port 0x70 (bit 7 masks NMI), data port 0x71, alarm/periodic/update interrupts on
 * IRQ8.
 *
 * <ul>
 * <li>Time: seconds, minutes, hours, day of week (Sunday = 1), day, month, year (0x00–0x09) and the
 * century byte 0x32, in BCD or binary (register B bit 2) and 12- or 24-hour form (bit 1; PM is bit 7
 * of the hour). The clock is a base instant plus virtual time: 32 768 Hz time-base ticks counted from
 * the virtual clock with exact integer arithmetic, so a run is deterministic. The default base is a
 * fixed instant, {@link #DEFAULT_BASE_EPOCH_SECONDS}; a VM that wants the host's time passes it in.
 * Setting SET (register B bit 7) freezes the time registers for the guest to write; clearing it
 * starts the clock from what was written (a new second begins then). Writing a time register with
 * SET clear sets the clock at once, as QEMU does. The clock keeps running across {@link #reset()}
 * (it is battery-backed); registers A–D and the CMOS bytes return to their power-on values.</li>
 * <li>Register A: bit 7 UIP is 1 during the 244 µs before each second's update (the update itself is
 * instantaneous here); divider and rate bits are stored; the rate selects the periodic interrupt
 * (256 Hz, 128 Hz, then 8192 Hz ÷ 2^(rate−3)). Divider reset (DV = 11x) is stored but does not stop the
 * clock. Register B: SET, PIE, AIE, UIE, SQWE, DM, 24/12, DSE (daylight saving is not applied);
 * setting SET clears UIE. Register C: IRQF, PF, AF, UF; reading clears them and lowers IRQ8. Register
 * D: VRT = 1.</li>
 * <li>Interrupts: PF and UF are computed when register C is read, from the ticks and seconds that
 * passed; a timer is armed only while PIE (at each periodic tick) or UIE/AIE (at each second)
 * enable an interrupt. AF is evaluated only while that per-second timer runs.</li>
 * <li>CMOS bytes (set from the RAM size): 0x15/0x16 base memory in KiB (640), 0x17/0x18 and
 * 0x30/0x31 extended memory above 1 MiB in KiB (at most 0xFFFF), 0x34/0x35 memory above 16 MiB in
 * 64 KiB units, 0x14 equipment (VGA, no FPU, no floppy), checksum of 0x10–0x2D at 0x2E/0x2F.</li>
 * </ul>
 */
public final class CmosRtc implements ByteWideIoDevice {
    public static final int INDEX_PORT = 0x70;
    public static final int DATA_PORT = 0x71;
    public static final int IRQ = 8;
    /** 2025-01-01T00:00:00Z: the clock's default start, so runs are reproducible. */
    public static final long DEFAULT_BASE_EPOCH_SECONDS = 1_735_689_600L;
    /** The RTC's time base. */
    public static final long TIME_BASE_HZ = 32_768L;
    private static final int UIP_TICKS = 8; // 244 µs
    private static final int REG_A = 0x0A;
    private static final int REG_B = 0x0B;
    private static final int REG_C = 0x0C;
    private static final int REG_D = 0x0D;
    private static final int CENTURY = 0x32;
    private static final int B_SET = 0x80;
    private static final int B_PIE = 0x40;
    private static final int B_AIE = 0x20;
    private static final int B_UIE = 0x10;
    private static final int B_BINARY = 0x04;
    private static final int B_24H = 0x02;
    private static final int[] TIME_REGISTERS = {0, 2, 4, 6, 7, 8, 9, CENTURY};

    private final VirtualClock clock;
    private final IrqLine irqLine;
    private final long ramBytes;
    private final int[] cmos = new int[128];
    private final VirtualClock.Timer periodicTimer;
    private final VirtualClock.Timer secondTimer;
    private int index;
    private boolean nmiMasked;
    /** Wall-clock time in time-base ticks since 1970 = offsetTicks + time-base ticks since power-on. */
    private long offsetTicks;
    private boolean pf;
    private boolean af;
    private boolean uf;
    private long flagsAt;
    private long lastSecond;
    private long periodicIndex;
    private long secondIndex;
    private boolean irqLevel;

    /** A clock starting at {@link #DEFAULT_BASE_EPOCH_SECONDS}. */
    public CmosRtc(VirtualClock clock, IrqLine irqLine, long ramBytes) {
        this(clock, irqLine, ramBytes, DEFAULT_BASE_EPOCH_SECONDS);
    }

    /** A clock showing {@code baseEpochSeconds} (UTC) at virtual time 0. */
    public CmosRtc(VirtualClock clock, IrqLine irqLine, long ramBytes, long baseEpochSeconds) {
        this.clock = clock;
        this.irqLine = irqLine;
        this.ramBytes = ramBytes;
        this.periodicTimer = clock.newTimer("rtc periodic", this::periodicTick);
        this.secondTimer = clock.newTimer("rtc update", this::secondTick);
        this.offsetTicks = baseEpochSeconds * TIME_BASE_HZ;
        powerOn();
    }

    /** Registers ports 0x70 and 0x71. */
    public void attach(IoBus bus) {
        bus.register(INDEX_PORT, DATA_PORT, this);
    }

    /** Whether the guest masked NMI (port 0x70 bit 7). */
    public boolean nmiMasked() {
        return nmiMasked;
    }

    /** The RTC's current time, seconds since 1970 (UTC), as the guest would read it with SET clear. */
    public long epochSeconds() {
        return Math.floorDiv(wallTicks(ticks()), TIME_BASE_HZ);
    }

    /** A CMOS byte as the guest would read it (without side effects for register C). */
    public int peek(int reg) {
        catchUp();
        reg &= 0x7F;
        if (reg == REG_C) {
            return flagsValue(ticks());
        }
        return readRegister(reg);
    }

    @Override
    public String name() {
        return "cmos-rtc";
    }

    @Override
    public void reset() {
        powerOn();
        updateIrq();
    }

    private void powerOn() {
        Arrays.fill(cmos, 0);
        cmos[REG_A] = 0x26;
        cmos[REG_B] = B_24H;
        cmos[REG_D] = 0x80;
        long kib = ramBytes / 1024;
        put16(0x15, (int) Math.min(640, kib));
        int ext = (int) Math.max(0, Math.min(0xFFFF, kib - 1024));
        put16(0x17, ext);
        put16(0x30, ext);
        put16(0x34, (int) Math.max(0, Math.min(0xFFFF, (ramBytes - 16L * 1024 * 1024) / 65536)));
        cmos[0x14] = 0x00;
        int sum = 0;
        for (int i = 0x10; i <= 0x2D; i++) {
            sum += cmos[i];
        }
        cmos[0x2E] = (sum >> 8) & 0xFF;
        cmos[0x2F] = sum & 0xFF;
        index = 0;
        nmiMasked = false;
        pf = false;
        af = false;
        uf = false;
        long n = ticks();
        flagsAt = n;
        lastSecond = Math.floorDiv(wallTicks(n), TIME_BASE_HZ);
        periodicTimer.cancel();
        secondTimer.cancel();
    }

    private void put16(int reg, int v) {
        cmos[reg] = v & 0xFF;
        cmos[reg + 1] = (v >> 8) & 0xFF;
    }

    // ---- time base ----

    private long ticks() {
        return VirtualTime.ticksAt(clock.now(), clock.hz(), TIME_BASE_HZ);
    }

    private long wallTicks(long n) {
        return offsetTicks + n;
    }

    private boolean setMode() {
        return (cmos[REG_B] & B_SET) != 0;
    }

    /** Periodic rate in time-base ticks, or 0 when the rate select bits are 0. */
    private int periodTicks() {
        int rs = cmos[REG_A] & 0x0F;
        if (rs == 0) {
            return 0;
        }
        return rs <= 2 ? 1 << (rs + 6) : 1 << (rs - 1);
    }

    // ---- ports ----

    @Override
    public boolean decodes(int port) {
        return port == INDEX_PORT || port == DATA_PORT;
    }

    @Override
    public int readByte(int port) {
        if (port == INDEX_PORT) {
            return 0xFF; // write-only on the AT
        }
        catchUp();
        if (index == REG_C) {
            return readC();
        }
        return readRegister(index);
    }

    @Override
    public void writeByte(int port, int value) {
        if (port == INDEX_PORT) {
            index = value & 0x7F;
            nmiMasked = (value & 0x80) != 0;
            return;
        }
        catchUp();
        writeRegister(index, value & 0xFF);
    }

    private int readRegister(int reg) {
        if (isTimeRegister(reg) && !setMode()) {
            return timeRegister(reg, Math.floorDiv(wallTicks(ticks()), TIME_BASE_HZ));
        }
        if (reg == REG_A) {
            long frac = Math.floorMod(wallTicks(ticks()), TIME_BASE_HZ);
            boolean uip = !setMode() && frac >= TIME_BASE_HZ - UIP_TICKS;
            return (cmos[REG_A] & 0x7F) | (uip ? 0x80 : 0);
        }
        if (reg == REG_D) {
            return 0x80;
        }
        return cmos[reg];
    }

    private static boolean isTimeRegister(int reg) {
        return reg == 0 || reg == 2 || reg == 4 || (reg >= 6 && reg <= 9) || reg == CENTURY;
    }

    private void writeRegister(int reg, int v) {
        switch (reg) {
            case REG_A -> {
                settleFlags(ticks());
                cmos[REG_A] = v & 0x7F;
                schedule();
            }
            case REG_B -> writeB(v);
            case REG_C, REG_D -> { } // read-only
            default -> {
                if (isTimeRegister(reg) && !setMode()) {
                    freezeTime();
                    cmos[reg] = v;
                    startTime();
                } else {
                    cmos[reg] = v;
                }
            }
        }
    }

    private void writeB(int v) {
        long n = ticks();
        settleFlags(n);
        boolean wasSet = setMode();
        boolean set = (v & B_SET) != 0;
        if (set && !wasSet) {
            freezeTime();
            v &= ~B_UIE;
        }
        cmos[REG_B] = v;
        if (!set && wasSet) {
            startTime();
        }
        schedule();
        updateIrq();
    }

    /** Copies the running time into the time registers (current format). */
    private void freezeTime() {
        long sec = Math.floorDiv(wallTicks(ticks()), TIME_BASE_HZ);
        for (int reg : TIME_REGISTERS) {
            cmos[reg] = timeRegister(reg, sec);
        }
    }

    /** Starts the clock from the time registers: a new second begins now. */
    private void startTime() {
        int second = decode(cmos[0]);
        int minute = decode(cmos[2]);
        int hour = decodeHour(cmos[4]);
        int day = decode(cmos[7]);
        int month = Math.max(1, Math.min(12, decode(cmos[8])));
        int year = decode(cmos[9]);
        int century = decode(cmos[CENTURY]);
        int fullYear = century >= 19 && century <= 29 ? century * 100 + year : (year < 70 ? 2000 : 1900) + year;
        long days = LocalDate.of(fullYear, month, 1).toEpochDay() + Math.max(1, day) - 1;
        long sec = days * 86_400L + hour * 3600L + minute * 60L + second;
        offsetTicks = sec * TIME_BASE_HZ - ticks();
        lastSecond = sec;
    }

    /** The value of time register {@code reg} at wall second {@code sec}, in the format register B selects. */
    private int timeRegister(int reg, long sec) {
        long days = Math.floorDiv(sec, 86_400L);
        int secOfDay = (int) Math.floorMod(sec, 86_400L);
        switch (reg) {
            case 0:
                return encode(secOfDay % 60);
            case 2:
                return encode(secOfDay / 60 % 60);
            case 4:
                return encodeHour(secOfDay / 3600);
            case 6:
                return encode((int) Math.floorMod(days + 4, 7L) + 1); // 1970-01-01 was a Thursday; Sunday = 1
            default: {
                LocalDate d = LocalDate.ofEpochDay(days);
                return switch (reg) {
                    case 7 -> encode(d.getDayOfMonth());
                    case 8 -> encode(d.getMonthValue());
                    case 9 -> encode(d.getYear() % 100);
                    default -> encode(d.getYear() / 100);
                };
            }
        }
    }

    private boolean binary() {
        return (cmos[REG_B] & B_BINARY) != 0;
    }

    private int encode(int v) {
        return binary() ? v : (v / 10) << 4 | v % 10;
    }

    private int decode(int v) {
        return binary() ? v : ((v >> 4) & 0x0F) * 10 + (v & 0x0F);
    }

    private int encodeHour(int h24) {
        if ((cmos[REG_B] & B_24H) != 0) {
            return encode(h24);
        }
        int h12 = h24 % 12 == 0 ? 12 : h24 % 12;
        return encode(h12) | (h24 >= 12 ? 0x80 : 0);
    }

    private int decodeHour(int v) {
        if ((cmos[REG_B] & B_24H) != 0) {
            return decode(v) % 24;
        }
        int h = decode(v & 0x7F) % 12;
        return (v & 0x80) != 0 ? h + 12 : h;
    }

    // ---- flags and interrupts ----

    /** Latches PF and UF for periodic ticks and seconds that passed up to tick {@code n}. */
    private void settleFlags(long n) {
        if (n <= flagsAt) {
            return;
        }
        int period = periodTicks();
        if (period != 0 && Math.floorDiv(n, period) > Math.floorDiv(flagsAt, period)) {
            pf = true;
        }
        long sec = Math.floorDiv(wallTicks(n), TIME_BASE_HZ);
        if (!setMode() && sec > lastSecond) {
            uf = true;
        }
        flagsAt = n;
        lastSecond = Math.max(lastSecond, sec);
    }

    private int flagsValue(long n) {
        boolean p = pf;
        boolean u = uf;
        int period = periodTicks();
        if (n > flagsAt) {
            p |= period != 0 && Math.floorDiv(n, period) > Math.floorDiv(flagsAt, period);
            u |= !setMode() && Math.floorDiv(wallTicks(n), TIME_BASE_HZ) > lastSecond;
        }
        return flagsByte(p, af, u);
    }

    private int flagsByte(boolean p, boolean a, boolean u) {
        int b = cmos[REG_B];
        boolean irqf = (p && (b & B_PIE) != 0) || (a && (b & B_AIE) != 0) || (u && (b & B_UIE) != 0);
        return (irqf ? 0x80 : 0) | (p ? 0x40 : 0) | (a ? 0x20 : 0) | (u ? 0x10 : 0);
    }

    private int readC() {
        settleFlags(ticks());
        int v = flagsByte(pf, af, uf);
        pf = false;
        af = false;
        uf = false;
        updateIrq();
        return v;
    }

    private void updateIrq() {
        boolean level = (flagsByte(pf, af, uf) & 0x80) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irqLine.setIrq(IRQ, level);
        }
    }

    /** Arms the timers an enabled interrupt needs, at the next periodic tick / second boundary. */
    private void schedule() {
        long n = ticks();
        int period = periodTicks();
        if ((cmos[REG_B] & B_PIE) != 0 && period != 0) {
            periodicIndex = Math.floorDiv(n, period) + 1;
            periodicTimer.armAt(cycleOfTick(periodicIndex * period));
        } else {
            periodicTimer.cancel();
        }
        if ((cmos[REG_B] & (B_UIE | B_AIE)) != 0 && !setMode()) {
            secondIndex = Math.floorDiv(wallTicks(n), TIME_BASE_HZ) + 1;
            secondTimer.armAt(cycleOfTick(secondIndex * TIME_BASE_HZ - offsetTicks));
        } else {
            secondTimer.cancel();
        }
    }

    private long cycleOfTick(long tick) {
        return VirtualTime.cycleOfTick(Math.max(0, tick), clock.hz(), TIME_BASE_HZ);
    }

    private void periodicTick() {
        int period = periodTicks();
        if (period == 0) {
            return;
        }
        settleFlags(periodicIndex * period);
        pf = true;
        updateIrq();
        periodicIndex++;
        periodicTimer.armAt(cycleOfTick(periodicIndex * period));
    }

    private void secondTick() {
        long sec = secondIndex;
        settleFlags(sec * TIME_BASE_HZ - offsetTicks);
        uf = true;
        if (alarmMatches(sec)) {
            af = true;
        }
        updateIrq();
        secondIndex++;
        secondTimer.armAt(cycleOfTick(secondIndex * TIME_BASE_HZ - offsetTicks));
    }

    private boolean alarmMatches(long sec) {
        return matches(cmos[1], timeRegister(0, sec)) && matches(cmos[3], timeRegister(2, sec))
                && matches(cmos[5], timeRegister(4, sec));
    }

    private static boolean matches(int alarm, int now) {
        return (alarm & 0xC0) == 0xC0 || alarm == now;
    }

    /** Delivers interrupts whose time has passed but whose timer the run loop has not fired yet. */
    private void catchUp() {
        long now = clock.now();
        while (true) {
            boolean p = periodicTimer.armed() && periodicTimer.deadline() <= now;
            boolean s = secondTimer.armed() && secondTimer.deadline() <= now;
            if (!p && !s) {
                return;
            }
            if (p && (!s || periodicTimer.deadline() <= secondTimer.deadline())) {
                periodicTimer.cancel();
                periodicTick();
            } else {
                secondTimer.cancel();
                secondTick();
            }
        }
    }

    // ---- snapshot ----

    @Override
    public void saveState(DataOutput out) throws IOException {
        DeviceState.writeHeader(out, "cmos-rtc", 1);
        for (int b : cmos) {
            out.writeByte(b);
        }
        out.writeByte(index);
        out.writeBoolean(nmiMasked);
        out.writeLong(offsetTicks);
        out.writeBoolean(pf);
        out.writeBoolean(af);
        out.writeBoolean(uf);
        out.writeLong(flagsAt);
        out.writeLong(lastSecond);
        out.writeLong(periodicIndex);
        out.writeLong(secondIndex);
        out.writeBoolean(irqLevel);
        TimerState.save(out, periodicTimer);
        TimerState.save(out, secondTimer);
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        DeviceState.loadAtomically(this::saveState, this::load, in);
    }

    private void load(DataInput in) throws IOException {
        DeviceState.readHeader(in, "cmos-rtc", 1);
        for (int i = 0; i < cmos.length; i++) {
            cmos[i] = in.readUnsignedByte();
        }
        index = in.readUnsignedByte() & 0x7F;
        nmiMasked = in.readBoolean();
        offsetTicks = in.readLong();
        pf = in.readBoolean();
        af = in.readBoolean();
        uf = in.readBoolean();
        flagsAt = in.readLong();
        lastSecond = in.readLong();
        periodicIndex = in.readLong();
        secondIndex = in.readLong();
        irqLevel = in.readBoolean();
        TimerState.load(in, periodicTimer);
        TimerState.load(in, secondTimer);
    }
}
