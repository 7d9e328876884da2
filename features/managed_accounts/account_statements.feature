@instruments
Feature: A managed account's statement and transactions
  The statement lists the movements that completed on an account, oldest first, each with the balance
  after it, so it replays to the account's balance; the deprecated statement shows the same entries in
  its older shape. The transactions list shows each movement with its direction, and one transaction
  reads by its id. Amounts are minor units.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When the corporate transfers 200 EUR from "savings" to "spending" as "rent"

  @simulator
  Scenario: The statement lists the deposit and the transfer, each with the balance after it
    When GET "/managed_accounts/${savings.id}/statement" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "entries.0.transaction.type" equals "incoming_wire_transfers"
    And the response field "entries.0.balanceAdjustment" equals {"currency": "EUR", "amount": 500}
    And the response field "entries.0.balanceAfter" equals {"currency": "EUR", "amount": 500}
    And the response field "entries.1.transaction" equals {"type": "transfers", "id": "${rent.id}"}
    And the response field "entries.1.balanceAdjustment" equals {"currency": "EUR", "amount": -200}
    And the response field "entries.1.balanceAfter" equals {"currency": "EUR", "amount": 300}
    And the response field "openingBalance" equals {"currency": "EUR", "amount": 0}
    And the response field "closingBalance" equals {"currency": "EUR", "amount": 300}
    And the statement of "savings" replays to its balance
    When GET "/managed_accounts/${savings.id}/statement?sortOrder=DESC&limit=1" is called as the corporate
    Then the response field "responseCount" equals 1
    And the response field "entries.0.transaction.id" equals "${rent.id}"

  @simulator
  Scenario: The deprecated statement shows the same entries in the older shape
    When GET "/deprecated/managed_accounts/${savings.id}/statement?orderByTimestamp=ASC" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "entry.0.transactionId.type" equals "DEPOSIT"
    And the response field "entry.0.transactionAmount" equals {"currency": "EUR", "amount": 500}
    And the response field "entry.1.transactionId" equals {"type": "TRANSFER", "id": "${rent.id}"}
    And the response field "entry.1.transactionAmount" equals {"currency": "EUR", "amount": -200}
    And the response field "entry.1.balanceAfter" equals {"currency": "EUR", "amount": 300}
    And the response field "entry.1.entryState" equals "COMPLETED"
    And the response field "startBalance" equals {"currency": "EUR", "amount": 0}
    And the response field "endBalance" equals {"currency": "EUR", "amount": 300}
    # Unordered, the description says most recent first.
    When GET "/deprecated/managed_accounts/${savings.id}/statement?statementLimit=1" is called as the corporate
    Then the response field "responseCount" equals 1
    And the response field "entry.0.transactionId.id" equals "${rent.id}"
    And the deprecated statement of "savings" shows the entries of its statement
    And the deprecated statement of "spending" shows the entries of its statement

  @simulator
  Scenario: The transactions list shows each movement with its direction, and one reads by its id
    When GET "/managed_accounts/${savings.id}/transactions" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "responseCount" equals 2
    And the transactions of "savings" show the transfer "rent" as a DEBIT of 200 EUR
    And the transactions of "spending" show the transfer "rent" as a CREDIT of 200 EUR
    When GET "/managed_accounts/${savings.id}/transactions?direction=CREDIT" is called as the corporate
    Then the response field "count" equals 1
    And the response field "transactions.0.type" equals "incoming_wire_transfers"
    When GET "/managed_accounts/${spending.id}/transactions/${rent.id}" is called as the corporate
    Then the response status is 200
    And the response field "id" equals "${rent.id}"
    And the response field "type" equals "transfers"
    And the response field "direction" equals "CREDIT"
    And the response field "amount" equals {"currency": "EUR", "amount": 200}

  @simulator @negative
  Scenario: A transaction that never touched the account is not found on it
    Given the corporate has a managed account "idle" with 0 EUR
    When GET "/managed_accounts/${idle.id}/transactions/${rent.id}" is called as the corporate
    Then the response status is 404
    When GET "/managed_accounts/${idle.id}/transactions/9000000000000000001" is called as the corporate
    Then the response status is 404

  @simulator @negative
  Scenario Outline: Another identity's statement and transactions are not found
    Given a corporate B is onboarded and logged in
    When GET "<path>" is called as the corporate B
    Then the response status is 404

    Examples:
      | path                                                      |
      | /managed_accounts/${savings.id}/statement                 |
      | /deprecated/managed_accounts/${savings.id}/statement      |
      | /managed_accounts/${savings.id}/transactions              |
      | /managed_accounts/${savings.id}/transactions/${rent.id}   |

  @simulator @negative
  Scenario Outline: A statement page outside its allowed window is rejected naming the field
    When GET "<path>" is called as the corporate
    Then the response status is 400
    And the field "<field>" is reported invalid with "RANGE"

    Examples:
      | path                                                                   | field          |
      | /managed_accounts/${savings.id}/statement?limit=501                    | limit          |
      | /deprecated/managed_accounts/${savings.id}/statement?statementLimit=0  | statementLimit |

  @negative
  Scenario Outline: Statements and transactions need a valid token
    When GET "<path>" is called <who>
    Then the response status is 401

    Examples:
      | path                                       | who                   |
      | /deprecated/managed_accounts/1/statement   | with an invalid token |
      | /managed_accounts/1/transactions           | with an invalid token |
