package io.nightshift.harness;

import java.util.Locale;

/** The built-in kinds of scenario step; a failing step's kind is what {@link Disclosure#HINTS} reveals of it. */
public enum StepKind {
    RUN_COMMAND,
    START_SERVICE,
    HTTP_REQUEST,
    EXPECT_EXIT_CODE,
    EXPECT_OUTPUT,
    EXPECT_JSON,
    EXPECT_HTTP_STATUS,
    EXPECT_FILE,
    LLM_JUDGE,
    TWIN,
    EXPECT_TWIN_REQUEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
