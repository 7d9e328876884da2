@bulks
Feature: Bulk processes: many operations submitted at once, then executed, paused, resumed or cancelled
  A bulk groups up to 10,000 operations of one kind (transfers, sends, wire transfers, card actions,
  authorised users, invites). It is SUBMITTED until executed; it then runs asynchronously, each operation by
  the rules of its single counterpart, and ends COMPLETED, PARTIALLY_COMPLETED or FAILED by what its
  operations did. Each operation's own outcome can be read. Amounts are minor units.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR

  @smoke @simulator @journey
  Scenario: A bulk of transfers waits until executed, then moves each amount as a transfer would
    When the corporate submits a bulk "payroll" of transfers of 100, 150, 50 EUR from "savings" to "spending"
    Then the response status is 201
    And the response field "operationCount" equals 3
    And the response field "bulkId" equals "${payroll.id}"
    And the response field "path" equals "/transfers"
    And the bulk "payroll" is SUBMITTED
    And the bulk "payroll" holds 3 operations of "/transfers"
    And the bulk "payroll" counts 3 SUBMITTED
    And the managed account "spending" holds 0 EUR
    When the corporate executes the bulk "payroll"
    Then the response status is 204
    When the bulk "payroll" runs to its end
    Then the bulk "payroll" is COMPLETED
    And the bulk "payroll" counts 3 COMPLETED
    And operation 2 of "payroll" made the transfer "second salary"
    And the transfer "second salary" is COMPLETED
    And the managed account "savings" holds 200 EUR
    And the managed account "spending" holds 300 EUR
    And the statement of "savings" replays to its balance
    When the corporate reads the bulks that are COMPLETED
    Then the bulks read include "payroll"
    And the response field "count" equals 1
    And the response field "responseCount" equals 1

  @simulator @negative
  Scenario: Continuing past failures runs every operation and ends PARTIALLY_COMPLETED
    When the corporate submits a bulk "payroll" of transfers of 100, 600, 50 EUR from "savings" to "spending"
    And the corporate executes the bulk "payroll" continuing past failures
    And the bulk "payroll" runs to its end
    Then the bulk "payroll" is PARTIALLY_COMPLETED
    And the bulk "payroll" counts 2 COMPLETED, 1 FAILED
    And operation 1 of "payroll" was COMPLETED
    And operation 2 of "payroll" was FAILED with FUNDS_INSUFFICIENT
    And operation 3 of "payroll" was COMPLETED
    And the operations of "payroll" that are FAILED are 2
    And the managed account "savings" holds 350 EUR
    And the managed account "spending" holds 150 EUR

  @simulator @negative
  Scenario: Stopping at the first failure cancels the rest, and a bulk where nothing completed FAILED
    When the corporate submits a bulk "payroll" of transfers of 600, 100 EUR from "savings" to "spending"
    And the corporate executes the bulk "payroll" stopping at the first failure
    And the bulk "payroll" runs to its end
    Then the bulk "payroll" is FAILED
    And operation 1 of "payroll" was FAILED with FUNDS_INSUFFICIENT
    And operation 2 of "payroll" is CANCELLED
    And the managed account "savings" holds 500 EUR
    And the managed account "spending" holds 0 EUR

  @emulator_only @simulator
  Scenario: A paused bulk runs nothing more until resumed
    The emulator runs 100 operations of a bulk every 5 seconds of its clock (emulator/areas/bulks/choices.md).
    When the corporate submits a bulk "payroll" of 150 transfers of 1 EUR from "savings" to "spending"
    And the corporate executes the bulk "payroll"
    Then the bulk "payroll" is RUNNING
    When 5 seconds pass
    Then the bulk "payroll" counts 100 COMPLETED, 50 SUBMITTED
    When the corporate pauses the bulk "payroll"
    Then the response status is 204
    When 60 seconds pass
    Then the bulk "payroll" is PAUSED
    And the bulk "payroll" counts 100 COMPLETED, 50 SUBMITTED
    And the managed account "spending" holds 100 EUR
    When the corporate resumes the bulk "payroll"
    Then the response status is 204
    When the bulk "payroll" runs to its end
    Then the bulk "payroll" is COMPLETED
    And the managed account "spending" holds 150 EUR

  @emulator_only @simulator
  Scenario: A cancelled bulk stays cancelled and runs nothing
    When the corporate submits a bulk "payroll" of transfers of 100, 100 EUR from "savings" to "spending"
    And the corporate executes the bulk "payroll"
    And the corporate cancels the bulk "payroll"
    Then the response status is 204
    When 60 seconds pass
    Then the bulk "payroll" is CANCELLED
    And the bulk "payroll" counts 2 CANCELLED
    And the managed account "spending" holds 0 EUR
    When the corporate resumes the bulk "payroll"
    Then the response status is 409
    And the error code is "INVALID_STATE"

  @simulator @negative
  Scenario: A submitted bulk can be cancelled before it runs, and then not executed
    When the corporate submits a bulk "payroll" of transfers of 100 EUR from "savings" to "spending"
    And the corporate cancels the bulk "payroll"
    Then the response status is 204
    And the bulk "payroll" is CANCELLED
    When the corporate executes the bulk "payroll"
    Then the response status is 409
    And the error code is "INVALID_STATE"
    And the managed account "spending" holds 0 EUR

  @simulator @negative
  Scenario Outline: Managing a bulk from the wrong state is refused
    When the corporate submits a bulk "payroll" of transfers of 100 EUR from "savings" to "spending"
    And the corporate <first> the bulk "payroll"
    And the corporate <then> the bulk "payroll"
    Then the response status is 409
    And the error code is "INVALID_STATE"

    Examples:
      | first    | then     |
      | executes | executes |
      | executes | resumes  |
      | cancels  | pauses   |
      | cancels  | cancels  |

  @simulator @negative
  Scenario: Another identity's bulk is not found, and an unknown status is a bad filter
    Given a corporate B is onboarded and verified
    When the corporate submits a bulk "payroll" of transfers of 100 EUR from "savings" to "spending"
    And the corporate B reads the bulk "payroll"
    Then the response status is 404
    When POST "/bulks/${payroll.id}/execute" is called as the corporate B with:
      """
      {"mode": "ON_FAILURE_CONTINUE"}
      """
    Then the response status is 404
    When GET "/bulks/${payroll.id}/operations" is called as the corporate B
    Then the response status is 404
    When the corporate B reads the bulks
    Then the bulks read do not include "payroll"
    When GET "/bulks?status=DONE" is called as the corporate
    Then the response status is 400
