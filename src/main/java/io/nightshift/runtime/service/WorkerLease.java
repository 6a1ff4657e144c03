package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Who may write for a remote run, kept in the run directory ({@code worker-lease.json}) so a restarted service
 * fences the same workers.
 *
 * @param dispatch the latest dispatch (the only ticket a worker may claim)
 * @param epoch the lease epoch, the fencing token: every claim raises it, and only writes carrying the current one
 *        are accepted
 * @param worker who holds the lease (for messages); empty before the first claim
 * @param ended the run's end was reported: nothing more is accepted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record WorkerLease(long dispatch, long epoch, String worker, boolean ended) {

    static final String FILE = "worker-lease.json";

    static final WorkerLease NONE = new WorkerLease(0, 0, "", false);

    WorkerLease {
        worker = worker == null ? "" : worker;
    }

    WorkerLease dispatched() {
        return new WorkerLease(dispatch + 1, epoch + 1, "", false);
    }

    WorkerLease claimed(String by) {
        return new WorkerLease(dispatch, epoch + 1, by, false);
    }

    WorkerLease fenced() {
        return new WorkerLease(dispatch, epoch + 1, worker, ended);
    }

    WorkerLease end() {
        return new WorkerLease(dispatch, epoch, worker, true);
    }
}
