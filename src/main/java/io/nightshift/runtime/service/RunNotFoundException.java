package io.nightshift.runtime.service;

/** No run (or job) with this id is known to the service. */
public final class RunNotFoundException extends ServiceException {

    private final String id;

    public RunNotFoundException(String id) {
        super("no pipeline run with id '" + id + "'; GET /pipelines lists the known runs", false);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
