/**
 * Holdout scenarios: suites, store client, judging, satisfaction, feedback. Imports llm, sandbox, workspace.
 */
package io.nightshift.harness;
