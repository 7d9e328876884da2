@wires
Feature: Incoming wire transfers: money sent to a managed account by its bank details
  Money wired to a managed account's IBAN arrives on it and shows as an incoming wire transfer its owner can
  list and read. The Simulator's full incoming path (`/accounts/deposit`) plays the sender's bank.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 0 EUR

  @simulator
  Scenario: Money wired to an account's IBAN arrives and reads back
    When the corporate upgrades the managed account "savings" with an IBAN
    And the simulator wires 700 EUR to the IBAN of "savings" from "Bo Ray"
    Then the response field "code" equals "COMPLETED"
    And the managed account "savings" holds 700 EUR
    And the corporate sees an incoming wire transfer of 700 EUR to "savings" from "Bo Ray"
