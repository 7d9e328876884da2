@events @emulator_only @cards
Feature: Events of managed cards: state changes, physical cards, expiry, authorisations and settlements
  A card announces each change of state (blocked, unblocked, removed, lost, activated), its upgrade to a
  physical card, its replacement, its expiry and renewal; every purchase is an authorisation event, approved
  or declined, and a settled purchase a settlement event.

  Background:
    Given events are delivered to the receiver
    And a corporate is onboarded and verified

  Scenario: Blocking, unblocking and removing a card are state change events in order
    Given the corporate has a prepaid card "travel"
    When the corporate blocks the card "travel"
    And the corporate unblocks the card "travel"
    And the corporate removes the card "travel"
    Then the events for "travel" arrive in this order: managed_cards_state_change BLOCKED, managed_cards_state_change UNBLOCKED, managed_cards_state_change DESTROYED
    And the last "managed_cards_state_change" event for "travel" has:
      | field       | value     |
      | state.state | DESTROYED |
      | cardType    | VIRTUAL   |

  @physical
  Scenario: Upgrading to physical, activating and reporting the card lost are events
    Given the corporate has a prepaid card "travel"
    When the corporate upgrades the card "travel" to physical
    And the corporate activates the card "travel"
    And the corporate reports the card "travel" lost
    Then a "managed_cards_physical_cards_upgrade" event arrives for "travel"
    And the events for "travel" arrive in this order: managed_cards_state_change ACTIVATED, managed_cards_state_change BLOCKED
    And the last "managed_cards_state_change" event for "travel" has:
      | field              | value |
      | state.blockedReason | LOST  |

  @physical
  Scenario: Replacing a lost card is a replacement event naming the new card, and its funds an adjustment
    Given the corporate has a prepaid card "travel" with 1000 EUR
    And the corporate's card "travel" is physical and activated
    When the corporate reports the card "travel" lost
    And the programme replaces the lost or stolen card "travel" as "travel 2"
    Then a "managed_cards_replacement" event arrives for "travel"
    And the last "managed_cards_replacement" event for "travel" has:
      | field            | value          |
      | replacementId.id | ${travel 2.id} |
    And a "managed_cards_adjustments" event arrives for "travel 2"
    And the last "managed_cards_adjustments" event for "travel 2" has:
      | field            | value                                    |
      | adjustmentType   | LOST_STOLEN_REPLACEMENT_BALANCE_TRANSFER |
      | adjustmentAmount | {"currency": "EUR", "amount": "1000"}    |

  Scenario: The simulator's expiry warning and expiry are expiry events, and the expired card's state changes
    Given the corporate has a prepaid card "travel"
    When the simulator warns of the expiry of the card "travel"
    And the simulator expires the card "travel"
    Then the events for "travel" arrive in this order: managed_cards_expiries CARD_ABOUT_TO_EXPIRE, managed_cards_state_change DESTROYED, managed_cards_expiries CARD_EXPIRED

  Scenario: Setting a card to renew is a state change event, and its renewal an expiry event
    Given the corporate has a prepaid card "travel"
    When PATCH "/managed_cards/${travel.id}" is called as the corporate with:
      """
      {"renewalType": "RENEW"}
      """
    And the simulator renews the card "travel"
    Then the events for "travel" arrive in this order: managed_cards_state_change ACTIVATED, managed_cards_expiries CARD_RENEWED
    And the last "managed_cards_state_change" event for "travel" has:
      | field       | value |
      | renewalType | RENEW |

  @card_payments @simulator
  Scenario: An approved purchase is an authorisation event, then a settlement event
    Given the corporate has a prepaid card "shop" with 2000 EUR
    When the simulator buys 1250 EUR at "Corner Shop" with the card "shop"
    And the card purchases settle
    Then the events for "shop" arrive in this order: managed_cards_authorisations, managed_cards_settlements
    And the last "managed_cards_authorisations" event for "shop" has:
      | field             | value                                  |
      | approved          | true                                   |
      | transactionAmount | {"currency": "EUR", "amount": "1250"}  |
      | merchantName      | Corner Shop                            |

  @card_payments @simulator @negative
  Scenario: A declined purchase is an authorisation event that says why, and nothing settles
    Given the corporate has a prepaid card "shop" with 100 EUR
    When the simulator buys 1250 EUR with the card "shop"
    And the card purchases settle
    Then a "managed_cards_authorisations" event arrives for "shop"
    And the last "managed_cards_authorisations" event for "shop" has:
      | field         | value               |
      | approved      | false               |
      | declineReason | INSUFFICIENT_BALANCE |
    And no "managed_cards_settlements" event arrives for "shop"

  @card_payments @simulator
  Scenario: Each event of a card payment is a card payments event carrying the payment
    Given the corporate has a prepaid card "shop" with 2000 EUR
    When the simulator buys 1250 EUR at "Corner Shop" with the card "shop"
    And the card purchases settle
    And the simulator refunds 250 EUR from "Corner Shop" to the card "shop"
    Then the events for "shop" arrive in this order: managed_cards_payments AUTHORISATION, managed_cards_payments SETTLEMENT, managed_cards_payments REFUND
    And the last "managed_cards_payments" event for "shop" has:
      | field                     | value                                |
      | eventType                 | REFUND                               |
      | cardPayment.card.id       | ${shop.id}                           |
      | cardPayment.displayAmount | {"currency": "EUR", "amount": 250}   |
