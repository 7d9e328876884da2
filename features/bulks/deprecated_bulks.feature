@bulks @deprecated_bulks
Feature: The deprecated bulk operations of sends and wire transfers, documented without a schema
  Weavr still documents POST /sends/bulk/create, /sends/bulk/cancel, /outgoing_wire_transfers/bulk/create
  and /outgoing_wire_transfers/bulk/cancel, but its description no longer holds them, so no schema says
  what they answer. The suite checks what it can without one: the status, a JSON answer, and that the ids
  it gets back read back through the single operations.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR
    And a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR

  @sends @simulator
  Scenario: A deprecated bulk create makes sends that read back through the single operation, and its cancel answers each
    When the corporate creates sends of 2000, 3000 EUR from "savings" to the consumer's account "wallet" in a deprecated bulk as "legacy"
    Then the response status is 200
    And the deprecated bulk answer holds the sends "legacy 1", "legacy 2" as they read back
    When the corporate cancels the sends "legacy 1", "legacy 2" in a deprecated bulk
    Then the response status is 200
    And the deprecated cancellation of "legacy 1" is ERROR
    And the deprecated cancellation of "legacy 2" is ERROR

  @negative
  Scenario Outline: The deprecated bulk operations need a token
    When POST "<path>" is called without a token with:
      """
      <body>
      """
    Then the response status is 401

    Examples:
      | path                                  | body                            |
      | /sends/bulk/create                    | {"sends": []}                   |
      | /sends/bulk/cancel                    | {"cancellations": [{"id": "1"}]} |
      | /outgoing_wire_transfers/bulk/create  | {"outgoingWireTransfers": []}   |
      | /outgoing_wire_transfers/bulk/cancel  | {"cancellations": [{"id": "1"}]} |

  @wires @simulator
  Scenario: A deprecated bulk create makes wire transfers that read back through the single operation, and its cancel cancels them
    When the corporate creates wire transfers of 3000, 2000 EUR from "savings" to IBAN "DE89370400440532013000" in a deprecated bulk as "legacy"
    Then the response status is 200
    And the deprecated bulk answer holds the wire transfers "legacy 1", "legacy 2" as they read back
    And the wire transfer "legacy 1" is PENDING_CONFIRMATION
    And the wire transfer "legacy 2" is PENDING_CONFIRMATION
    When the corporate cancels the wire transfers "legacy 1", "legacy 2" in a deprecated bulk
    Then the response status is 200
    And the deprecated cancellation of "legacy 1" is SUCCESS
    And the deprecated cancellation of "legacy 2" is SUCCESS
    And the wire transfer "legacy 1" is CANCELLED
    And the response field "cancellationReason" equals "changed plans"
    And the wire transfer "legacy 2" is CANCELLED
    And the response field "cancellationReason" equals "changed plans"
    And the managed account "savings" holds 10000 EUR

  @wires @negative
  Scenario: A deprecated bulk create answers a wire transfer the single operation refuses with that refusal
    When the corporate creates wire transfers of 20000 EUR from "savings" to IBAN "DE89370400440532013000" in a deprecated bulk as "legacy"
    Then the response status is 409
    And the error code is "FUNDS_INSUFFICIENT"
    And the managed account "savings" holds 10000 EUR

  @negative
  Scenario Outline: A deprecated bulk cancel answers an unknown transfer as an error
    When POST "<path>" is called as the corporate with:
      """
      {"cancellations": [{"id": "999999999"}]}
      """
    Then the response status is 200
    And the response field "cancellations" has 1 item
    And the response field "cancellations.0.state" equals "ERROR"
    And the response field "cancellations.0.errorCode" equals "NOT_FOUND"

    Examples:
      | path                                 |
      | /sends/bulk/cancel                   |
      | /outgoing_wire_transfers/bulk/cancel |

  @negative
  Scenario Outline: A deprecated bulk of nothing, or of something not a list, is refused
    When POST "<path>" is called as the corporate with:
      """
      {"<key>": []}
      """
    Then the response status is 400
    When POST "<path>" is called as the corporate with:
      """
      {"<key>": {"id": "1"}}
      """
    Then the response status is 400

    Examples:
      | path                                 | key                   |
      | /sends/bulk/create                   | sends                 |
      | /sends/bulk/cancel                   | cancellations         |
      | /outgoing_wire_transfers/bulk/create | outgoingWireTransfers |
      | /outgoing_wire_transfers/bulk/cancel | cancellations         |
