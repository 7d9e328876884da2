@cards @forwarding @emulator_only
Feature: Authorisation forwarding: the programme approves or denies each card purchase
  When the programme forwards authorisations, Weavr posts each purchase's authorisation to the programme's
  forwarding URL, signed with the api-key, and the answer (APPROVED or DENIED) decides the purchase. With no
  answer within 1.5 s, the card's authForwardingDefaultTimeoutDecision decides. The suite's receiver stands
  in for the programme's server and checks every request against the description's webhook schema and
  signatures. The live sandbox's forwarding URL is set in its portal, so these scenarios need the emulator.

  Scenario: The programme approves a forwarded purchase
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 2000 EUR
    And authorisations are forwarded to the receiver
    And the receiver approves authorisations for the card "travel"
    When the simulator buys 1250 EUR at "Corner Shop" with the card "travel"
    Then the purchase is approved
    And the receiver got 1 authorisation request for the card "travel" of 1250 EUR
    And the card "travel" holds 2000 EUR of which 750 available

  @negative
  Scenario: The programme denies a forwarded purchase, which moves nothing
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 2000 EUR
    And authorisations are forwarded to the receiver
    And the receiver denies authorisations for the card "travel"
    When the simulator buys 1250 EUR at "Corner Shop" with the card "travel"
    Then the purchase is declined with DENIED_SPEND_CONTROL
    And the receiver got 1 authorisation request for the card "travel" of 1250 EUR
    And the card "travel" holds 2000 EUR
    And card payment 1 of the card "travel" is a PURCHASE of 1250 EUR at "Corner Shop" in status DECLINED
    And card payment 1 of the card "travel" was declined for AUTH_RULE_CHECKS_FAILED (AUTH_FORWARDING)

  @negative
  Scenario Outline: Without an answer in time the card's default decides (<default>)
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 2000 EUR
    And the card "travel" falls back to <default> without a forwarding answer
    And authorisations are forwarded to the receiver
    And the receiver <how> the card "travel"
    When the simulator buys 500 EUR at "Corner Shop" with the card "travel"
    Then the purchase <outcome>
    And the receiver got 1 authorisation request for the card "travel" of 500 EUR
    And the card "travel" holds 2000 EUR of which <available> available

    Examples:
      | default | how                  | outcome                               | available |
      | DECLINE | does not answer for  | is declined with DENIED_SPEND_CONTROL | 2000      |
      | APPROVE | does not answer for  | is approved                           | 1500      |
      | DECLINE | does not know        | is declined with DENIED_SPEND_CONTROL | 2000      |

  Scenario: A purchase the card's own checks decline is not forwarded
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 100 EUR
    And authorisations are forwarded to the receiver
    And the receiver approves authorisations for the card "travel"
    When the simulator buys 500 EUR at "Corner Shop" with the card "travel"
    Then the purchase is declined with DENIED_NOT_ENOUGH_FUNDS
    And the receiver got 0 authorisation requests for the card "travel"
