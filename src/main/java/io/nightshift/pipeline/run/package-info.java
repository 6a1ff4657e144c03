/**
 * The run directory (attractor-spec 5.5, 5.6, Appendix C; DESIGN.md): manifest, checkpoint, status files,
 * artifacts and the append-only event log, every whole file written atomically.
 */
package io.nightshift.pipeline.run;
