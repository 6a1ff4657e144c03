Feature: Counting the words of a text
  As a writer checking my drafts
  I want tally to tell me which words I use most
  so that I can spot the ones I repeat

  Background:
    Given I run "printf 'The cat saw the dog.\nThe dog, the cat, THE END!\n' > draft.txt"

  Scenario: The most frequent word comes first
    When I run "python3 tally.py draft.txt"
    Then the exit code is 0
    And stdout matches "^5 the\n"

  Scenario: Counting ignores case and punctuation
    When I run "python3 tally.py draft.txt"
    Then stdout is:
      """
      5 the
      2 cat
      2 dog
      1 end
      1 saw

      """
    And stdout does not contain "The"
    And stdout does not contain "dog,"

  Scenario: Only the top lines are printed when asked
    When I run "python3 tally.py --top 2 draft.txt"
    Then the exit code is 0
    And stdout is:
      """
      5 the
      2 cat

      """

  Scenario: Text can come from standard input
    When I run "python3 tally.py" with the input:
      """
      to be or not to be
      """
    Then the exit code is 0
    And stdout contains "2 be\n2 to\n1 not\n1 or"
