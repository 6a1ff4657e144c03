/**
 * {@code nightshift worker} (issue 18): runs the runs a service dispatched through the message broker, with no
 * disk shared with the service. {@link io.nightshift.runtime.worker.RemoteWorker} runs one ticket: it claims the
 * run's lease, fetches the run directory the service holds, runs the pipeline locally and sends events, the run
 * directory at every checkpoint and the end back over the service's HTTP API, every write fenced by the lease
 * epoch. The broker connector that feeds it lives in {@code runtime.wiring}. Plain Java.
 */
package io.nightshift.runtime.worker;
