package dev.ringmaster.engine.cost;

/**
 * The publications the cost model's numbers come from. Each has a short key, written in brackets in
 * every {@link Source} and in {@code SOURCES.md} (a test checks that every key used by a preset is
 * listed there), the full citation, and where to find it.
 */
public enum Reference {
    AA06("AA06", "K. Adams, O. Agesen. A Comparison of Software and Hardware Techniques for x86 Virtualization. "
            + "ASPLOS XII, 2006, pp. 2-13",
            "https://doi.org/10.1145/1168857.1168860"),
    AGESEN12("AGESEN12", "O. Agesen, J. Mattson, R. Rugina, J. Sheldon. Software Techniques for Avoiding Hardware "
            + "Virtualization Exits. USENIX ATC 2012",
            "https://www.usenix.org/conference/atc12/technical-sessions/presentation/agesen"),
    BARHAM03("BARHAM03", "P. Barham, B. Dragovic, K. Fraser, S. Hand, T. Harris, A. Ho, R. Neugebauer, I. Pratt, "
            + "A. Warfield. Xen and the Art of Virtualization. SOSP 2003",
            "https://doi.org/10.1145/945445.945462"),
    HSSV17("HSSV17", "E. Bugnion, J. Nieh, D. Tsafrir. Hardware and Software Support for Virtualization. "
            + "Synthesis Lectures on Computer Architecture, Morgan & Claypool, 2017",
            "https://doi.org/10.2200/S00754ED1V01Y201701CAC038"),
    BHARGAVA08("BHARGAVA08", "R. Bhargava, B. Serebrin, F. Spadini, S. Manne. Accelerating Two-Dimensional Page "
            + "Walks for Virtualized Systems. ASPLOS XIII, 2008",
            "https://doi.org/10.1145/1346281.1346286"),
    LKML20("LKML20", "Linux kernel mailing list, December 2020: cycle-counter samples of the KVM SVM "
            + "VMRUN path (vmload/vmsave of host state), on an AMD processor",
            "https://lkml.iu.edu/hypermail/linux/kernel/2012.2/00527.html"),
    SDM("SDM", "Intel 64 and IA-32 Architectures Software Developer's Manual, Volume 3 (paging, VMX, EPT)",
            "https://www.intel.com/content/www/us/en/developer/articles/technical/intel-sdm.html"),
    POPEK74("POPEK74", "G. J. Popek, R. P. Goldberg. Formal Requirements for Virtualizable Third Generation "
            + "Architectures. CACM 17(7), 1974",
            "https://doi.org/10.1145/361011.361073"),
    ROBIN00("ROBIN00", "J. S. Robin, C. E. Irvine. Analysis of the Intel Pentium's Ability to Support a Secure "
            + "Virtual Machine Monitor. USENIX Security 2000",
            "https://www.usenix.org/legacy/events/sec2000/robin.html");

    private final String key;
    private final String citation;
    private final String url;

    Reference(String key, String citation, String url) {
        this.key = key;
        this.citation = citation;
        this.url = url;
    }

    /** The short key, e.g. {@code AA06}; written as {@code [AA06]}. */
    public String key() {
        return key;
    }

    /** Authors, title, venue and year. */
    public String citation() {
        return citation;
    }

    /** A DOI or the publication's page. */
    public String url() {
        return url;
    }
}
