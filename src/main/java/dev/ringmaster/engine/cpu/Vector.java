package dev.ringmaster.engine.cpu;

/** Exception and interrupt vectors as the Intel SDM (vol. 3, table 6-1) names them. */
public final class Vector {
    private Vector() {
    }

    /** Divide error. */
    public static final int DE = 0;
    /** Debug. */
    public static final int DB = 1;
    public static final int NMI = 2;
    /** Breakpoint (INT3). */
    public static final int BP = 3;
    /** Overflow (INTO). */
    public static final int OF = 4;
    /** BOUND range exceeded. */
    public static final int BR = 5;
    /** Invalid opcode. */
    public static final int UD = 6;
    /** Device not available. */
    public static final int NM = 7;
    /** Double fault. */
    public static final int DF = 8;
    /** Invalid TSS. */
    public static final int TS = 10;
    /** Segment not present. */
    public static final int NP = 11;
    /** Stack-segment fault. */
    public static final int SS = 12;
    /** General protection. */
    public static final int GP = 13;
    /** Page fault. */
    public static final int PF = 14;
    /** x87 floating-point error. */
    public static final int MF = 16;
    /** Alignment check. */
    public static final int AC = 17;
    /** Machine check. */
    public static final int MC = 18;

    private static final String[] NAMES = {"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO",
        "#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM"};

    /** True for the exceptions that push an error code (#DF, #TS, #NP, #SS, #GP, #PF, #AC). */
    public static boolean hasErrorCode(int v) {
        return v == DF || (v >= TS && v <= PF) || v == AC;
    }

    /** Contributory exceptions (SDM table 6-4): #DE, #TS, #NP, #SS, #GP. */
    public static boolean isContributory(int v) {
        return v == DE || (v >= TS && v <= GP);
    }

    /** "#GP", "#PF", ... or "INT 0x80" for other vectors. */
    public static String name(int v) {
        return v >= 0 && v < NAMES.length ? NAMES[v] : String.format("INT 0x%02X", v);
    }
}
