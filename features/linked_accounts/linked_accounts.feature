@linked_accounts
Feature: Linked accounts: an identity's own accounts at other banks
  A corporate declares an external account it owns (by IBAN, or by UK account number and sort code). It
  waits in PENDING_VERIFICATION until Weavr's verification completes (ACTIVE) or fails (REJECTED); on the
  sandbox the Simulator decides. An ACTIVE account can be blocked and unblocked, and removed for good.
  Another identity's linked accounts are not found.

  Background:
    Given a corporate is onboarded and verified

  @smoke @simulator
  Scenario: A declared account waits for verification, then the Simulator verifies it
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" as "bank"
    Then the response status is 200
    And the response field "name" equals "Ann Lee"
    And the response field "type" equals "PERSONAL"
    And the response field "country" equals "DE"
    And the response field "currency" equals "EUR"
    And the response field "friendlyName" equals "Ann Lee"
    And the response field "accountReference" equals {"iban": "DE89370400440532013000"}
    And the response field "state" equals "PENDING_VERIFICATION"
    And the response field "profileId" exists
    And the linked account "bank" is PENDING_VERIFICATION
    And the latest verification of the linked account "bank" is PENDING
    When the Simulator completes the verification of the linked account "bank"
    Then the response status is 204
    And the linked account "bank" is ACTIVE
    And the latest verification of the linked account "bank" is VERIFIED
    When the Simulator completes the verification of the linked account "bank"
    Then the response status is 409
    And the error code is "ALREADY_COMPLETED"

  @simulator
  Scenario: A UK account is linked by account number and sort code
    When the corporate links the account number "31926819" with sort code "601613" held by "Ann Lee" as "uk bank"
    Then the response status is 200
    And the response field "accountReference" equals {"accountNumber": "31926819", "sortCode": "601613"}
    And the response field "country" equals "GB"
    And the response field "currency" equals "GBP"
    When the corporate reads the linked account "uk bank"
    Then the response status is 200
    And the response field "id" equals "${uk bank.id}"
    And the response field "state" equals "PENDING_VERIFICATION"
    And the response field "accountReference" equals {"accountNumber": "31926819", "sortCode": "601613"}
    When GET "/linked_accounts" is called as the corporate
    Then the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "accounts.0" equals what GET "/linked_accounts/${uk bank.id}" answers as the corporate

  @simulator @emulator_only
  Scenario: The verification completes only when every step has
    # Each step's and run's completedTimestamp is when Weavr completed it, and a run's id is Weavr's: no
    # scenario can predict their values, only that a completed step or run has a time not before the account
    # was declared.
    # The steps of a run are the emulator's choice (emulator/areas/linked_accounts/choices.md).
    Given the corporate has a linked account "bank"
    When the Simulator completes the INTERNAL_CHECKS step of the linked account "bank"
    Then the response status is 204
    And the latest verification of the linked account "bank" is PENDING with INTERNAL_CHECKS COMPLETED
    And the linked account "bank" is PENDING_VERIFICATION
    When the Simulator completes the USER_DECLARATION_SCA_CHALLENGE step of the linked account "bank"
    Then the latest verification of the linked account "bank" is VERIFIED with USER_DECLARATION_SCA_CHALLENGE COMPLETED
    And the linked account "bank" is ACTIVE

  @simulator @negative
  Scenario: A rejected account can be neither verified, blocked nor removed
    Given the corporate has a linked account "bank"
    When the Simulator rejects the verification of the linked account "bank"
    Then the response status is 204
    And the linked account "bank" is REJECTED
    And the latest verification of the linked account "bank" is REJECTED
    When the Simulator completes the verification of the linked account "bank"
    Then the response status is 409
    And the error code is "ALREADY_REJECTED"
    When the corporate blocks the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_INACTIVE"
    When the corporate unblocks the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_INACTIVE"
    When the corporate removes the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_REJECTED"
    And the linked account "bank" is REJECTED

  @simulator
  Scenario: The Simulator's override verifies a rejected account
    Given the corporate has a rejected linked account "bank"
    When the Simulator sets the linked account "bank" to VERIFIED
    Then the response status is 204
    And the linked account "bank" is ACTIVE
    And the latest verification of the linked account "bank" is VERIFIED

  @simulator @negative
  Scenario: An account still being verified cannot be blocked or removed
    Given the corporate has a linked account "bank"
    When the corporate blocks the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_INACTIVE"
    When the corporate removes the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_HAS_PENDING_ACTIONS"
    And the linked account "bank" is PENDING_VERIFICATION

  @simulator @journey
  Scenario: The owner blocks, unblocks and removes a verified account, and removal is final
    Given the corporate has a verified linked account "bank"
    When the corporate blocks the linked account "bank"
    Then the response status is 204
    And the linked account "bank" is BLOCKED
    When the corporate blocks the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_ALREADY_BLOCKED"
    When the corporate unblocks the linked account "bank"
    Then the response status is 204
    And the linked account "bank" is ACTIVE
    When the corporate unblocks the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_NOT_BLOCKED"
    When the corporate removes the linked account "bank"
    Then the response status is 204
    And the linked account "bank" is REMOVED
    When the corporate removes the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_ALREADY_REMOVED"
    When the corporate blocks the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_REMOVED"
    When the corporate unblocks the linked account "bank"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_REMOVED"
    And the linked account "bank" is REMOVED

  @simulator
  Scenario: The owner renames and retags a linked account and lists its accounts by state
    Given the corporate has a verified linked account "bank"
    When PATCH "/linked_accounts/${bank.id}" is called as the corporate with:
      """
      {"friendlyName": "Household", "tag": "home"}
      """
    Then the response status is 200
    And the response field "friendlyName" equals "Household"
    And the response field "tag" equals "home"
    And the response field "name" equals "Ann Lee"
    And the response equals what GET "/linked_accounts/${bank.id}" answers as the corporate
    When the corporate reads the linked account "bank"
    Then the response field "friendlyName" equals "Household"
    And the response field "tag" equals "home"
    When the corporate links the account number "31926819" with sort code "601613" held by "Ann Lee" as "uk bank"
    And GET "/linked_accounts?state=ACTIVE" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "accounts.0.id" equals "${bank.id}"
    And the response field "accounts.0.accountReference" equals {"iban": "DE89370400440532013000"}
    And the response field "accounts.0" equals what GET "/linked_accounts/${bank.id}" answers as the corporate
    When GET "/linked_accounts?tag=home" is called as the corporate
    Then the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "accounts.0.tag" equals "home"
    When GET "/linked_accounts?limit=1" is called as the corporate
    Then the response field "count" equals 2
    And the response field "responseCount" equals 1

  @negative
  Scenario: The same account cannot be linked twice while the first is held
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" as "bank"
    Then the response status is 200
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" as "again"
    Then the response status is 409
    And the error code is "LINKED_ACCOUNT_ALREADY_ADDED"

  @simulator @negative
  Scenario: One of the programme's own managed accounts is not an external account
    Given the corporate has a managed account "savings" with 0 EUR
    When the corporate upgrades the managed account "savings" with an IBAN
    Then the response status is 200
    And I remember the response field "bankAccountDetails.0.details.iban" as "own iban"
    When the corporate links the account with IBAN "${own iban}" held by "Ann Lee" as "own"
    Then the response status is 409
    And the error code is "THIS_IS_A_MANAGED_ACCOUNT"

  @negative
  Scenario Outline: A declaration the profile cannot take is refused
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" in <currency> from <country>
    Then the response status is 409
    And the error code is "<code>"

    Examples:
      | currency | country | code                              |
      | XXX      | DE      | CURRENCY_NOT_SUPPORTED_BY_PROFILE |
      | EUR      | ZZ      | COUNTRY_NOT_SUPPORTED_BY_PROFILE  |

  @negative
  Scenario: A declaration under another programme's profile is refused
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" in EUR from DE under the profile "999999999999999999"
    Then the response status is 409
    And the error code is "PROFILE_NOT_FOUND"

  @negative
  Scenario: A malformed declaration is rejected naming the field
    When POST "/linked_accounts" is called as the corporate with:
      """
      {"name": "Ann Lee", "type": "SHARED", "country": "DE", "accountReference": {"iban": "DE89370400440532013000"}}
      """
    Then the response status is 400
    And the field "type" is reported invalid
    When PATCH "/linked_accounts/1" is called as the corporate with:
      """
      {"friendlyName": ""}
      """
    Then the response status is 400
    And the field "friendlyName" is reported invalid
    When GET "/linked_accounts?limit=0" is called as the corporate
    Then the response status is 400
    When GET "/linked_accounts/1/verifications?limit=0" is called as the corporate
    Then the response status is 400

  @simulator @negative
  Scenario: Another identity's linked account is not found
    Given the corporate has a verified linked account "bank"
    And a corporate B is onboarded and logged in
    When GET "/linked_accounts/${bank.id}" is called as the corporate B
    Then the response status is 404
    When PATCH "/linked_accounts/${bank.id}" is called as the corporate B with:
      """
      {"tag": "mine"}
      """
    Then the response status is 404
    When the corporate B blocks the linked account "bank"
    Then the response status is 404
    When the corporate B removes the linked account "bank"
    Then the response status is 404
    When the corporate B unblocks the linked account "bank"
    Then the response status is 404
    When GET "/linked_accounts" is called as the corporate B
    Then the response field "count" equals 0
    And the linked account "bank" is ACTIVE
