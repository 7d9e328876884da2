@events @emulator_only
Feature: Delivery of events: retried while the programme's server fails, and taken once when sent again
  A delivery the programme's server does not acknowledge with a 2xx is retried later (the emulator retries
  after 10, 30, 90 and 270 seconds of its clock); a redelivered event carries its request-ref, so the
  receiver acknowledges it and drops it as a duplicate.

  Background:
    Given events are delivered to the receiver
    And a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR

  @transfers @simulator
  Scenario: An event the receiver failed to take arrives with the retry
    Given the receiver fails the next 1 event delivery with 503
    When the corporate transfers 200 EUR from "savings" to "spending" as "rent"
    Then no "transfers" event arrives for "rent"
    When 10 seconds pass
    Then a "transfers" event arrives for "rent" with state COMPLETED

  @transfers @simulator
  Scenario: A redelivered event is acknowledged and dropped as a duplicate
    When the corporate transfers 200 EUR from "savings" to "spending" as "rent"
    And the emulator redelivers the last "transfers" event for "rent"
    Then the receiver dropped 1 duplicate of it
    And the events for "rent" arrive in this order: transfers COMPLETED
