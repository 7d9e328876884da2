@cards @card_payments @simulator
Feature: Card payments: what happened to the identity's cards' money
  Every purchase, ATM withdrawal and merchant refund on an identity's cards is a card payment with its
  events (authorisation, settlement, refund). The identity lists them, filters them, reads one, and lists
  their events; another identity sees none of them. Amounts are in minor units.

  Scenario: The identity lists, filters and reads its card payments
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 3000 EUR
    When the simulator buys 1250 EUR at "Corner Shop" at merchant category 5411 with the card "travel"
    And the simulator buys 5000 EUR at "Jewellers" with the card "travel"
    And the simulator refunds 200 EUR from "Corner Shop" to the card "travel"
    Then the card "travel" has 3 card payments
    And card payment 1 of the card "travel" is a PURCHASE of 1250 EUR at "Corner Shop" in status SETTLEMENT_IN_PROGRESS, remembered as "coffee"
    And card payment 2 of the card "travel" is a PURCHASE of 5000 EUR at "Jewellers" in status DECLINED
    And card payment 3 of the card "travel" is a REFUND of 200 EUR at "Corner Shop" in status SETTLED
    When GET "/card_payments?status=DECLINED" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 1
    And the response field "cardPayments.0.merchant.name" equals "Jewellers"
    And the response field "cardPayments.0.events.0.declineReason" equals "INSUFFICIENT_BALANCE"
    When GET "/card_payments?merchantName=corner&type=REFUND" is called as the corporate
    Then the response field "count" equals 1
    And the response field "cardPayments.0.displayAmount.amount" equals 200
    When GET "/card_payments?amountFrom=1000&amountTo=2000" is called as the corporate
    Then the response field "count" equals 1
    And the response field "cardPayments.0.id" equals "${coffee}"
    When GET "/card_payment_events?cardPaymentId=${coffee}" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 1
    And the response field "events.0.type" equals "AUTHORISATION"
    And the response field "events.0.result" equals "APPROVED"
    And the response field "events.0.cardPaymentId" equals "${coffee}"
    And the response field "events.0.transactionAmount" equals {"currency": "EUR", "amount": 1250}
    And the response field "events.0.billingAmount" equals {"currency": "EUR", "amount": 1250}
    And the response field "events.0.merchant.name" equals "Corner Shop"
    And the response field "events.0.merchant.categoryCode" equals "5411"
    And the response field "events.0.card.id" equals "${travel.id}"

  @negative
  Scenario: Another identity sees none of the card payments
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    When the simulator buys 100 EUR at "Corner Shop" with the card "travel"
    Then card payment 1 of the card "travel" is a PURCHASE of 100 EUR at "Corner Shop" in status SETTLEMENT_IN_PROGRESS, remembered as "coffee"
    Given a corporate B is onboarded and verified
    When GET "/card_payments/${coffee}" is called as the corporate B
    Then the response status is 404
    When GET "/card_payments" is called as the corporate B
    Then the response status is 200
    And the response field "count" equals 0
    When GET "/card_payment_events" is called as the corporate B
    Then the response field "count" equals 0

  @negative
  Scenario Outline: A filter outside its values is refused (<operation>)
    Given a corporate is onboarded and logged in
    When GET "<path>" is called as the corporate
    Then the response status is 400

    Examples:
      | operation            | path                             |
      | cardPaymentsGet      | /card_payments?status=SPENT      |
      | cardPaymentEventsGet | /card_payment_events?type=SPENT  |
