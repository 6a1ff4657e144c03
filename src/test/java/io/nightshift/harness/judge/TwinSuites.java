package io.nightshift.harness.judge;

import io.nightshift.harness.Suite;
import io.nightshift.harness.suite.SuiteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Test fixture: a program that charges a card through the payments service named by {@code PAYMENTS_BASE_URL}, and
 * a suite that judges it against a cassette twin of that service (a suite folder, loaded as the store would).
 */
final class TwinSuites {

    static final String CASSETTE = """
            {"ignore_body_fields": ["idempotency_key"],
             "exchanges": [
              {"request": {"method": "POST", "path": "/v1/charges", "body": {"amount": 500, "idempotency_key": "rec"}},
               "response": {"status": 201, "headers": {"content-type": "application/json"},
                            "body": {"id": "ch_1", "amount": 500, "status": "paid"}}}]}
            """;

    static final String FEATURE = """
            Feature: Charging a card
              Scenario: a charge goes through the payment service
                Given the "payments" twin
                When I run "./charge.sh"
                Then stdout contains "charged ch_1"
                And the "payments" twin received a POST to "/v1/charges"
                And the "payments" twin received no POST to "/v1/refunds"

              Scenario: the payment service is down
                Given the "payments" twin fails the next request with 503
                When I run "./charge.sh"
                Then the exit code is 3
                And stdout contains "payment service answered 503"

              Scenario: nothing else is reachable from the judge
                When I run "curl -sS --max-time 10 http://1.1.1.1/ >/dev/null 2>&1 && echo reached || echo unreachable"
                Then stdout is "unreachable"

              Scenario: a refund the program never asks for
                When I run "./charge.sh"
                Then the "payments" twin received a POST to "/v1/refunds"
            """;

    /** Exits 3 when the service does not answer 201; prints the charge id otherwise. */
    static final String PROGRAM = """
            #!/bin/sh
            out=$(curl -sS -X POST -H 'Content-Type: application/json' \\
              --data '{"idempotency_key":"'$$'","amount":500}' -w '\\n%{http_code}' "$PAYMENTS_BASE_URL/v1/charges")
            code=$(printf '%s\\n' "$out" | tail -n 1)
            if [ "$code" != 201 ]; then echo "payment service answered $code"; exit 3; fi
            id=$(printf '%s\\n' "$out" | head -n 1 | sed 's/.*"id": *"\\([^"]*\\)".*/\\1/')
            echo "charged $id"
            """;

    private TwinSuites() {
    }

    static Suite suite(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("twins"));
        Files.writeString(dir.resolve("suite.yaml"), """
                name: charging
                twins:
                  - name: payments
                    from: twins/payments.json
                """);
        Files.writeString(dir.resolve("twins/payments.json"), CASSETTE);
        Files.writeString(dir.resolve("charging.feature"), FEATURE);
        return new SuiteLoader().loadDirectory(dir);
    }

    static Path program(Path dir) throws IOException {
        Files.createDirectories(dir);
        Repos.git(dir, "init", "-q", "-b", "main");
        Path app = dir.resolve("charge.sh");
        Files.writeString(app, PROGRAM);
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
        Repos.git(dir, "add", "-A");
        Repos.git(dir, "commit", "-q", "-m", "charge");
        return dir;
    }
}
