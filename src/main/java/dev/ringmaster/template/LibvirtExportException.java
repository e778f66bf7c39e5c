package dev.ringmaster.template;

/** A VM definition that cannot be expressed as libvirt domain XML, with the reason. */
public final class LibvirtExportException extends Exception {
    private static final long serialVersionUID = 1L;

    public LibvirtExportException(String message) {
        super(message);
    }
}
