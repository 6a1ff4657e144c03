Feature: Greeting over HTTP
  As a web client
  I want a JSON greeting

  Scenario: Serves a greeting
    Given I start "python3 serve.py" and wait for port 8080
    When I send a GET request to "/greet?name=Ada"
    Then the response status is 200
    And the JSON field "greeting" of the response is "Hello, Ada"
    But a judge agrees that "the greeting is polite"
