@cards
Feature: Managed cards: prepaid and debit cards, their states, and what the owner reads back
  A verified identity creates cards on the programme's card profiles: a prepaid card holds its own
  balance, funded by a transfer from an account of the same identity; a debit card spends from its
  parent managed account. A card the user blocked can be unblocked; a removed card is destroyed for
  good, and only an empty card can be removed. The card number and CVV are answered tokenised.
  Amounts are in minor units (1000 EUR is EUR 10.00).

  @smoke
  Scenario: A verified corporate creates a prepaid card and reads it back
    Given a corporate is onboarded and verified
    When POST "/managed_cards" is called as the corporate with:
      """
      {"profileId": "${profile.managedCards}", "mode": "PREPAID_MODE", "currency": "EUR", "friendlyName": "Travel",
       "nameOnCard": "Ann Lee", "tag": "trips",
       "billingAddress": {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}}
      """
    Then the response status is 200
    And the response field "mode" equals "PREPAID_MODE"
    And the response field "currency" equals "EUR"
    And the response field "friendlyName" equals "Travel"
    And the response field "nameOnCard" equals "Ann Lee"
    And the response field "tag" equals "trips"
    And the response field "profileId" equals "${profile.managedCards}"
    And the response field "billingAddress" equals {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}
    And the response field "state" equals {"state": "ACTIVE"}
    And the response field "type" equals "VIRTUAL"
    And the response field "balances" equals {"availableBalance": 0, "actualBalance": 0}
    And I remember the response as the corporate's managed card "travel"
    And the card "travel" reads back as the response
    When the corporate reads the managed card "travel"
    Then the response status is 200
    And the response field "id" equals "${travel.id}"
    And the response field "tag" equals "trips"
    And the card "travel" shows its card number and CVV as tokens

  Scenario: A consumer's debit card spends from its parent account and holds no balance of its own
    Given a consumer is onboarded and verified
    And the consumer has a managed account "savings" with 0 GBP
    When POST "/managed_cards" is called as the consumer with:
      """
      {"profileId": "${profile.managedCardsDebit}", "mode": "DEBIT_MODE", "parentManagedAccountId": "${savings.id}",
       "friendlyName": "Fuel", "nameOnCard": "Mia Vella",
       "billingAddress": {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}}
      """
    Then the response status is 200
    And the response field "mode" equals "DEBIT_MODE"
    And the response field "parentManagedAccountId" equals "${savings.id}"
    And the response field "currency" equals "GBP"
    And the response field "cardLevelClassification" equals "CONSUMER"
    And the response field "availableToSpend" exists
    And the response field "balances" is absent
    And the response field "state" equals {"state": "ACTIVE"}

  @journey
  Scenario: A prepaid card funded from the identity's account holds the money, and its statement replays to it
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 1000 EUR
    Then the card "travel" holds 1000 EUR
    And the managed account "travel funding" holds 0 EUR
    And the statement of "travel" replays to its balance
    When GET "/managed_cards/${travel.id}/transactions" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "transactions.0.type" equals "transfers"
    And the response field "transactions.0.direction" equals "CREDIT"
    And the response field "transactions.0.amount" equals {"currency": "EUR", "amount": 1000}
    And I remember the response field "transactions.0.id" as "funding"
    And the response field "transactions.0" equals what GET "/managed_cards/${travel.id}/transactions/${funding}" answers as the corporate
    When GET "/managed_cards/${travel.id}/transactions/${funding}" is called as the corporate
    Then the response status is 200
    And the response field "id" equals "${funding}"
    And the response field "status" equals "COMPLETED"
    And the response field "type" equals "transfers"
    And the response field "direction" equals "CREDIT"
    And the response field "amount" equals {"currency": "EUR", "amount": 1000}
    When GET "/deprecated/managed_cards/${travel.id}/statement?orderByTimestamp=ASC" is called as the corporate
    Then the response status is 200
    And the response field "entry.0.transactionId.type" equals "TRANSFER"
    And the response field "entry.0.transactionAmount" equals {"currency": "EUR", "amount": 1000}
    And the response field "entry.0.balanceAfter" equals {"currency": "EUR", "amount": 1000}
    And the response field "entry.0.actualBalanceAfter" equals {"currency": "EUR", "amount": 1000}
    And the response field "endBalance" equals {"currency": "EUR", "amount": 1000}
    And the deprecated statement of "travel" shows the entries of its statement
    # An entry's entryId is the target's own number: nothing the suite sent or read elsewhere predicts it.
    When GET "/managed_cards/${travel.id}/statement" is called as the corporate
    Then the response status is 200
    And the response field "openingBalance" equals {"currency": "EUR", "amount": 0}
    And the response field "responseCount" equals 1
    And the response field "count" equals 1
    And the response field "entries.0.transaction" equals {"type": "transfers", "id": "${funding}"}
    And the response field "closingBalance" equals {"currency": "EUR", "amount": 1000}
    And the response field "entries.0.balanceAfter" equals {"currency": "EUR", "amount": 1000}
    # The identity's whole activity holds the funding transfer twice: the account's DEBIT and the card's CREDIT.
    When GET "/transactions?type=transfers" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "transactions.0.transaction.destination.id" equals "${travel.id}"
    And the response field "transactions.0.transaction.destinationAmount" equals {"currency": "EUR", "amount": 1000}
    And the response field "transactions.1.transaction.destinationAmount" equals {"currency": "EUR", "amount": 1000}
    When GET "/transactions?type=transfers&direction=CREDIT" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 1
    And the response field "transactions.0.direction" equals "CREDIT"
    And the response field "transactions.0.status" equals "COMPLETED"
    And the response field "transactions.0.instrument" equals {"type": "managed_cards", "id": "${travel.id}"}
    And the response field "transactions.0.amount" equals {"currency": "EUR", "amount": 1000}

  Scenario: The owner renames a card; the fields not sent stay as they were
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When PATCH "/managed_cards/${travel.id}" is called as the corporate with:
      """
      {"friendlyName": "Trips", "tag": "renamed", "authForwardingDefaultTimeoutDecision": "DECLINE"}
      """
    Then the response status is 200
    And the card "travel" reads back as the response
    When the corporate reads the managed card "travel"
    Then the response field "friendlyName" equals "Trips"
    And the response field "tag" equals "renamed"
    And the response field "authForwardingDefaultTimeoutDecision" equals "DECLINE"
    And the response field "nameOnCard" equals "Ann Lee"
    And the response field "currency" equals "EUR"

  Scenario: A card the user blocked is unblocked, and both answer 409 when repeated
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When the corporate blocks the card "travel"
    Then the response status is 204
    And the card "travel" is BLOCKED with reason USER
    When the corporate blocks the card "travel"
    Then the response status is 409
    And the error code is "INSTRUMENT_ALREADY_BLOCKED"
    When the corporate unblocks the card "travel"
    Then the response status is 204
    And the card "travel" is ACTIVE
    When the corporate unblocks the card "travel"
    Then the response status is 409
    And the error code is "INSTRUMENT_NOT_BLOCKED"

  @negative
  Scenario: A card with money cannot be removed; an empty one is destroyed for good
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel" with 500 EUR
    And the corporate has a prepaid card "spare"
    When the corporate removes the card "travel"
    Then the response status is 409
    And the error code is "BALANCE_NOT_ZERO"
    And the card "travel" is ACTIVE
    And the card "travel" holds 500 EUR
    When the corporate removes the card "spare"
    Then the response status is 204
    And the card "spare" is DESTROYED with reason USER
    When the corporate removes the card "spare"
    Then the response status is 409
    And the error code is "INSTRUMENT_ALREADY_REMOVED"
    When the corporate unblocks the card "spare"
    Then the response status is 409
    And the error code is "INSTRUMENT_DESTROYED"
    When the corporate blocks the card "spare"
    Then the response status is 409
    And the error code is "INSTRUMENT_DESTROYED"
    When PATCH "/managed_cards/${spare.id}" is called as the corporate with:
      """
      {"friendlyName": "Back"}
      """
    Then the response status is 409
    And the error code is "INSTRUMENT_DESTROYED"
    And the card "spare" is DESTROYED with reason USER

  Scenario: The card list holds the identity's own cards, filtered by mode
    Given a corporate is onboarded and verified
    And a corporate B is onboarded and verified
    And the corporate has a managed account "savings" with 0 EUR
    And the corporate has a prepaid card "travel"
    And the corporate has a debit card "fuel" on "savings"
    And the corporate B has a prepaid card "theirs"
    When GET "/managed_cards" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "cards" has 2 items
    When GET "/managed_cards?mode=DEBIT_MODE" is called as the corporate
    Then the response field "count" equals 1
    And the response field "cards.0.id" equals "${fuel.id}"
    And the card "fuel" reads back as the response field "cards.0"
    When GET "/managed_cards?offset=0&limit=1" is called as the corporate
    Then the response field "responseCount" equals 1
    And the response field "count" equals 2

  @negative
  Scenario Outline: Another identity's card is not found by any card operation
    Given a corporate is onboarded and verified
    And a corporate B is onboarded and verified
    And the corporate has a prepaid card "travel"
    When <method> "<path>" is called as the corporate B
    Then the response status is 404

    Examples:
      | method | path                                                 |
      | GET    | /managed_cards/${travel.id}                          |
      | POST   | /managed_cards/${travel.id}/block                    |
      | POST   | /managed_cards/${travel.id}/unblock                  |
      | POST   | /managed_cards/${travel.id}/remove                   |
      | GET    | /managed_cards/${travel.id}/statement                |
      | GET    | /deprecated/managed_cards/${travel.id}/statement     |
      | GET    | /managed_cards/${travel.id}/transactions             |
      | GET    | /managed_cards/${travel.id}/transactions/1           |
      | GET    | /managed_cards/${travel.id}/physical/pin             |
      | PATCH  | /managed_cards/${travel.id}/physical/pin/unblock     |
      | POST   | /managed_cards/${travel.id}/physical/report_lost     |
      | POST   | /managed_cards/${travel.id}/physical/report_stolen   |
      | POST   | /managed_cards/${travel.id}/physical/contactless_limit/reset |

  @negative
  Scenario: Updating another identity's card is not found
    Given a corporate is onboarded and verified
    And a corporate B is onboarded and verified
    And the corporate has a prepaid card "travel"
    When PATCH "/managed_cards/${travel.id}" is called as the corporate B with:
      """
      {"friendlyName": "Mine"}
      """
    Then the response status is 404
    And the card "travel" is ACTIVE

  @negative
  Scenario Outline: A card create request the profile refuses answers its 409
    Given a corporate is onboarded and verified
    When POST "/managed_cards" is called as the corporate with:
      """
      {"profileId": "<profile>", "mode": "PREPAID_MODE", "currency": "<currency>", "friendlyName": "Travel",
       "nameOnCard": "Ann Lee",
       "billingAddress": {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}}
      """
    Then the response status is 409
    And the error code is "<code>"

    Examples:
      | profile                 | currency | code                              |
      | ${profile.corporate}    | EUR      | PROFILE_NOT_FOUND                 |
      | ${profile.managedCards} | JPY      | CURRENCY_NOT_SUPPORTED_BY_PROFILE |

  @negative
  Scenario: An identity whose due diligence is not approved cannot create a card
    Given a consumer is onboarded and logged in
    When POST "/managed_cards" is called as the consumer with:
      """
      {"profileId": "${profile.managedCards}", "mode": "PREPAID_MODE", "currency": "EUR", "friendlyName": "Travel",
       "nameOnCard": "Mia Vella",
       "billingAddress": {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}}
      """
    Then the response status is 409
    And the error code is "OWNER_IDENTITY_NOT_VERIFIED"

  @negative
  Scenario: A debit card cannot spend from another identity's account
    Given a corporate is onboarded and verified
    And a corporate B is onboarded and verified
    And the corporate B has a managed account "theirs" with 0 EUR
    When POST "/managed_cards" is called as the corporate with:
      """
      {"profileId": "${profile.managedCardsDebit}", "mode": "DEBIT_MODE", "parentManagedAccountId": "${theirs.id}",
       "friendlyName": "Fuel", "nameOnCard": "Ann Lee",
       "billingAddress": {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}}
      """
    Then the response status is 409
    And the error code is "PARENT_MANAGED_ACCOUNT_NOT_FOUND"

  @negative
  Scenario Outline: An invalid card request is rejected naming the field
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When <method> "<path>" is called as the corporate with:
      """
      <body>
      """
    Then the response status is 400
    And the field "<field>" is reported invalid with "<error>"

    Examples:
      | method | path                        | body                                                                                                                                                                                  | field        | error    |
      | POST   | /managed_cards              | {"profileId": "${profile.managedCards}", "mode": "PREPAID_MODE", "friendlyName": "T", "nameOnCard": "Ann", "billingAddress": {"addressLine1": "1", "city": "V", "postCode": "1", "country": "MT"}} | currency     | REQUIRED |
      | PATCH  | /managed_cards/${travel.id} | {"friendlyName": ""}                                                                                                                                                                  | friendlyName | SIZE     |

  @negative
  Scenario: A card list with a negative offset is rejected naming the field
    Given a corporate is onboarded and verified
    When GET "/managed_cards?offset=-1" is called as the corporate
    Then the response status is 400
    And the field "offset" is reported invalid

  @simulator
  Scenario: The Simulator expires a card; a second expiry and a renewal answer 409
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When the simulator warns of the expiry of the card "travel"
    Then the response status is 204
    And the card "travel" is ACTIVE
    When the simulator expires the card "travel"
    Then the response status is 204
    And the card "travel" is DESTROYED with reason EXPIRED
    When the simulator expires the card "travel"
    Then the response status is 409
    And the error code is "INSTRUMENT_DESTROYED"
    When the simulator renews the card "travel"
    Then the response status is 409
    And the error code is "INSTRUMENT_DESTROYED"

  @simulator
  Scenario: The Simulator renews only a card set to renew
    Given a corporate is onboarded and verified
    And the corporate has a prepaid card "travel"
    When the simulator renews the card "travel"
    Then the response status is 409
    And the error code is "INSTRUMENT_NOT_RENEWABLE"
    When PATCH "/managed_cards/${travel.id}" is called as the corporate with:
      """
      {"renewalType": "RENEW"}
      """
    Then the response status is 200
    When the simulator renews the card "travel"
    Then the response status is 204
    When the corporate reads the managed card "travel"
    Then the response field "renewalType" equals "RENEW"
    And the response field "renewalTimestamp" exists
    # The renewal time is the target's own: the card as listed must say the same.
    When GET "/managed_cards" is called as the corporate
    Then the response field "cards.0" equals what GET "/managed_cards/${travel.id}" answers as the corporate
    And the card "travel" is ACTIVE
