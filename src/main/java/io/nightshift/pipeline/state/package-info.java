/** Run state shared by engine and handlers (attractor-spec 5.1, 5.2): context, outcome and stage status. */
package io.nightshift.pipeline.state;
