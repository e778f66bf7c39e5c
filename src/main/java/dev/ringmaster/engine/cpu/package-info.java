/**
 * The IA-32 CPU (DESIGN §2): register file ({@link dev.ringmaster.engine.cpu.CpuState}), lazy flags
 * ({@link dev.ringmaster.engine.cpu.LazyFlags}), segment registers with descriptor caches, the
 * decoder ({@link dev.ringmaster.engine.cpu.Decoder}) and its decoded form
 * ({@link dev.ringmaster.engine.cpu.Instruction}, {@link dev.ringmaster.engine.cpu.OpcodeEntry},
 * {@link dev.ringmaster.engine.cpu.OperandType}, {@link dev.ringmaster.engine.cpu.Mnemonic}), the
 * executor with its instruction families, segmentation, paging with a software TLB, exception and
 * interrupt delivery, and the hooks the VMM uses.
 */
package dev.ringmaster.engine.cpu;
