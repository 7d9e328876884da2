@wires @forwarding @emulator_only
Feature: Incoming wire transfer forwarding: the programme approves or rejects money wired to its accounts
  When the programme forwards authorisations, Weavr posts each incoming wire transfer to the programme's forwarding
  URL (the webhook bankTransferInForwarding), signed with the api-key, and waits 1.5 s for APPROVED or DENIED. While
  it waits the transfer is PENDING; approved it COMPLETES and the money is credited, denied it is REJECTED and
  nothing is credited. With no answer in time it is taken. The suite's receiver stands in for the programme's server
  and checks every request against the description. The live sandbox's forwarding URL is set in its portal.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 0 EUR
    And events are delivered to the receiver
    And authorisations are forwarded to the receiver

  Scenario: The programme approves an incoming wire transfer, which is credited
    Given the receiver approves incoming wire transfers to "savings"
    When the corporate upgrades the managed account "savings" with an IBAN
    And the simulator wires 700 EUR to the IBAN of "savings" from "Bo Ray"
    Then the response field "code" equals "COMPLETED"
    And the receiver got 1 incoming wire transfer request for "savings" of 700 EUR from "Bo Ray"
    And the incoming wire transfer of 700 EUR to "savings" from "Bo Ray" is COMPLETED
    And the managed account "savings" holds 700 EUR
    And the events for "savings" arrive in this order: managed_accounts_deposits PENDING, managed_accounts_deposits COMPLETED

  @negative
  Scenario: The programme denies an incoming wire transfer, which is rejected and credits nothing
    Given the receiver denies incoming wire transfers to "savings"
    When the corporate upgrades the managed account "savings" with an IBAN
    And the simulator wires 700 EUR to the IBAN of "savings" from "Bo Ray"
    Then the response field "code" equals "DENIED_OTHER"
    And the receiver got 1 incoming wire transfer request for "savings" of 700 EUR from "Bo Ray"
    And the incoming wire transfer of 700 EUR to "savings" from "Bo Ray" is REJECTED
    And the managed account "savings" holds 0 EUR
    And the events for "savings" arrive in this order: managed_accounts_deposits PENDING, managed_accounts_deposits REJECTED

  @negative
  Scenario Outline: Without a decision in time the incoming wire transfer is taken (the receiver <how> it)
    Given the receiver <how> incoming wire transfers to "savings"
    When the corporate upgrades the managed account "savings" with an IBAN
    And the simulator wires 700 EUR to the IBAN of "savings" from "Bo Ray"
    Then the response field "code" equals "COMPLETED"
    And the receiver got 1 incoming wire transfer request for "savings" of 700 EUR from "Bo Ray"
    And the incoming wire transfer of 700 EUR to "savings" from "Bo Ray" is COMPLETED
    And the managed account "savings" holds 700 EUR

    Examples:
      | how                 |
      | does not answer for |
      | does not know       |

  @negative
  Scenario: An incoming wire transfer the account cannot take is denied before it is forwarded
    Given the receiver approves incoming wire transfers to "savings"
    When the corporate upgrades the managed account "savings" with an IBAN
    And the simulator wires 700 GBP to the IBAN of "savings" from "Bo Ray"
    Then the response field "code" equals "DENIED_CURRENCY_NOT_ACCOUNT_CURRENCY"
    And the receiver got 0 incoming wire transfer requests for "savings"
    And the managed account "savings" holds 0 EUR
