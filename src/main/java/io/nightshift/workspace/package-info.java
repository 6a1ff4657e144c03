/**
 * The JGit workspace: intake, stage commits, resume to a commit, deliverables. JGit types never leave this package. Imports nothing of ours.
 */
package io.nightshift.workspace;
