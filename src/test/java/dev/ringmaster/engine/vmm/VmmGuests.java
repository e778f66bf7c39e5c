package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cpu.Nasm;
import dev.ringmaster.engine.machine.Machine;
import dev.ringmaster.engine.machine.MultibootLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The VMM tests' small nasm guests (src/test/resources/vmm/*.asm), assembled at test time. */
public final class VmmGuests {
    /** Where the guests are linked (org) and loaded. */
    public static final int LOAD = 0x100000;

    private VmmGuests() {
    }

    public static byte[] assemble(String resource) {
        try (InputStream in = VmmGuests.class.getResourceAsStream("/vmm/" + resource)) {
            if (in == null) {
                throw new AssertionError("missing test guest source /vmm/" + resource);
            }
            // the guests %include "pc.inc" from the same folder
            return Nasm.assemble(new String(in.readAllBytes(), StandardCharsets.UTF_8), dev.ringmaster.testsupport.Roms.PC_INC);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A 4 MiB PC with {@code kernel} loaded by the Multiboot loader. */
    public static Machine boot(byte[] kernel) {
        Machine m = new Machine(4 << 20);
        MultibootLoader.load(m, kernel, List.of(), "");
        return m;
    }

    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found in the guest image");
    }

    public static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
