Feature: Greeting people
  As a user of the greeter
  I want to be greeted by name
  So that the program feels friendly

  Background:
    Given I run "python3 -c 'print(1)'"

  Scenario: Greets by name
    When I run "python3 greet.py Ada"
    Then the exit code is 0
    And stdout contains "Hello, Ada"

  Scenario Outline: Greets everyone
    When I run "python3 greet.py <name>"
    Then stdout is "Hello, <name>!"

    Examples:
      | name  |
      | Grace |
      | Linus |
