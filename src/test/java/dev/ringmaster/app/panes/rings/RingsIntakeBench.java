package dev.ringmaster.app.panes.rings;

import dev.ringmaster.engine.trace.TraceEvent;
import dev.ringmaster.engine.trace.TraceEvent.Cause;
import dev.ringmaster.engine.vmm.Technique;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: a micro measurement of the rings pane's model, the per-pulse intake of full batches
 * (4096 trace events, as the window drains them) and what a repaint reads back. Run with
 * {@code java -cp $(cat /tmp/cp.txt) dev.ringmaster.app.panes.rings.RingsIntakeBench [batches]}; it
 * prints nanoseconds per event taken in and per repaint read, after a warm-up. The event mix is
 * VmWindowBench's synthetic flood (a trapped CLI: four ring transitions and one trap per round).
 */
public final class RingsIntakeBench {
    private RingsIntakeBench() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perBatch = 4096;
        // a few distinct batches, so that the instruction counts move on from batch to batch
        List<List<TraceEvent>> pool = new ArrayList<>();
        long instr = 1_000;
        for (int b = 0; b < 16; b++) {
            List<TraceEvent> batch = new ArrayList<>(perBatch);
            while (batch.size() < perBatch) {
                int eip = 0x1000 + (int) (instr & 0xFF);
                batch.add(new TraceEvent.RingTransition(instr, instr * 3, 3, 1, Cause.SYSCALL, eip));
                batch.add(new TraceEvent.Trap(instr + 5, instr * 3 + 15, 13, 0, eip, new byte[] {(byte) 0xFA}, "cli",
                        TraceEvent.Handler.VMM, "emulated"));
                batch.add(new TraceEvent.RingTransition(instr + 5, instr * 3 + 15, 1, 0, Cause.TRAP_TO_VMM, eip));
                batch.add(new TraceEvent.RingTransition(instr + 6, instr * 3 + 900, 0, 1, Cause.VMM_RESUME, eip + 1));
                batch.add(new TraceEvent.RingTransition(instr + 20, instr * 3 + 960, 1, 3, Cause.RETURN, 0x08048000));
                instr += 40;
            }
            pool.add(Collections.unmodifiableList(batch.subList(0, perBatch)));
        }
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            RingsViewModel m = new RingsViewModel(Technique.TRAP);
            m.setShowing(true);
            m.windowInstructionsProperty().set(200_000);
            long now = 0;
            long intake = 0;
            long read = 0;
            long inPlace = 0;
            int reads = 0;
            for (int i = 0; i < batches; i++) {
                now += 33_333_333L;
                long t0 = System.nanoTime();
                m.onPulse(pool.get(i & 15), 0, now);
                long t1 = System.nanoTime();
                intake += t1 - t0;
                if ((i & 1) == 0) { // a repaint every other pulse, as at 30 Hz with a 60 Hz pulse
                    sink += m.visibleMarks().size() + m.ringAtWindowStart();
                    long t2 = System.nanoTime();
                    read += t2 - t1;
                    RingsViewModel.Marks v = m.visible(); // what the pane reads now: in place
                    for (int j = 0; j < v.size(); j++) {
                        sink += v.instructions(j) + v.to(j);
                    }
                    sink += v.ringAtStart();
                    inPlace += System.nanoTime() - t2;
                    reads++;
                }
            }
            System.out.printf("round %d: intake %.2f ns per event (%d batches of %d), repaint read %.1f µs"
                    + " (visibleMarks + ringAtWindowStart), %.1f µs (visible, in place)%n",
                    round, intake / (double) batches / perBatch, batches, perBatch, read / 1000.0 / reads,
                    inPlace / 1000.0 / reads);
        }
        System.out.println("(ignore " + sink % 10 + ")");
    }
}
