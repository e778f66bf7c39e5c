package dev.ringmaster.engine.machine;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.nio.charset.StandardCharsets;

/**
 * Test-only devices for the minimal machine until the PC devices are wired: a transmit-only COM1
 * (THR/DLAB/LCR, LSR always ready) that collects the guest's output, and the debug-exit port at
 * 0x501 (QEMU's isa-debug-exit).
 */
public final class TestPlatform {
    public final Machine machine;
    public final ByteArrayOutputStream serial = new ByteArrayOutputStream();

    public TestPlatform(int ramBytes) {
        machine = new Machine(ramBytes);
        machine.io().register(0x3F8, 0x3FF, new Stub("test-com1") {
            int lcr;
            int scratch;

            @Override
            public int ioRead(int port, int size) {
                switch (port - 0x3F8) {
                    case 5: return 0x60;
                    case 3: return lcr;
                    case 7: return scratch;
                    default: return 0;
                }
            }

            @Override
            public void ioWrite(int port, int size, int value) {
                switch (port - 0x3F8) {
                    case 0:
                        if ((lcr & 0x80) == 0) {
                            serial.write(value & 0xFF);
                        }
                        break;
                    case 3:
                        lcr = value;
                        break;
                    case 7:
                        scratch = value;
                        break;
                    default:
                        break;
                }
            }
        });
        machine.io().register(0x501, 0x502, new Stub("test-debug-exit") {
            @Override
            public void ioWrite(int port, int size, int value) {
                machine.debugExit((value << 1) | 1);
            }
        });
    }

    public String serialText() {
        return serial.toString(StandardCharsets.ISO_8859_1);
    }

    abstract static class Stub implements IoDevice {
        private final String name;

        Stub(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void reset() {
        }

        @Override
        public void saveState(DataOutput out) {
        }

        @Override
        public void loadState(DataInput in) {
        }

        @Override
        public int ioRead(int port, int size) {
            return 0;
        }

        @Override
        public void ioWrite(int port, int size, int value) {
        }
    }
}
