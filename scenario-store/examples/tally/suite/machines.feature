Feature: Output for other programs
  As a developer wiring tally into a script
  I want machine-readable output and honest exit codes

  Scenario: JSON output holds the total and the ranking
    When I run "python3 tally.py --json --top 1" with the input:
      """
      b a b
      """
    Then the exit code is 0
    And the JSON field "total" of stdout is 3
    And the JSON field "top[0].word" of stdout is "b"
    And the JSON field "top[0].count" of stdout is 2

  Scenario: Empty input is not an error
    When I run "python3 tally.py --json" with the input:
      """
      """
    Then the exit code is 0
    And the JSON field "total" of stdout is 0

  Scenario: A missing file is reported without a traceback
    When I run "python3 tally.py no-such-file.txt"
    Then the exit code is 2
    And stderr contains "no-such-file.txt"
    And stderr does not contain "Traceback"
    And stdout is ""
