@payees
Feature: Trusted payees: beneficiaries added in batches and confirmed
  Payees are added in batches. Each payee is validated: an instrument that does not exist, the identity's
  own instrument, or the same details as an existing payee make it INVALID with that validation failure.
  A batch with valid payees waits in PENDING_CHALLENGE; once its OTP challenge is verified the payees are
  ACTIVE and TRUSTED. A send to a trusted instrument payee needs no challenge; a bank-account payee serves
  outgoing wire transfers, not sends.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has a managed account "savings" with 10000 EUR
    And the corporate has enrolled their mobile for SMS one-time passwords
    And a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR

  @smoke @journey
  Scenario: A confirmed batch makes its payee active and trusted
    When the corporate adds payees for "wallet" tagged "suppliers" as the batch "b1"
    Then the response status is 200
    And the response field "state" equals "PENDING_CHALLENGE"
    And the response field "tag" equals "suppliers"
    And the response field "operationBatchId.operation" equals "CREATE"
    And the payee for "wallet" in the batch "b1" is PENDING_CHALLENGE
    When the corporate confirms the payee batch "b1" with an OTP
    Then the response status is 204
    And the payee batch "b1" is COMPLETED
    And the payee for "wallet" in the batch "b1" is ACTIVE as "mia"
    When the corporate reads the beneficiary "mia"
    Then the response field "id" equals "${mia.id}"
    And the response field "trustLevel" equals "TRUSTED"
    And the response field "beneficiaryDetails" equals {"instrument": {"type": "managed_accounts", "id": "${wallet.id}"}}
    And the response field "beneficiaryInformation" equals {"fullName": "Suite Payee"}
    And the response field "relatedOperationBatches" equals [{"batchId": "${b1.id}", "operation": "CREATE"}]
    When GET "/beneficiaries/batch?state=COMPLETED&operation=CREATE" is called as the corporate
    Then the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "batches.0.state" equals "COMPLETED"
    And the response field "batches.0.operationBatchId" equals {"batchId": "${b1.id}", "operation": "CREATE"}
    And the response field "batches.0.tag" equals "suppliers"

  @simulator @journey
  Scenario: A send to a trusted payee skips the challenge
    Given the corporate trusts the consumer's account "wallet" as the payee "mia"
    When the corporate sends 5000 EUR from "savings" to the payee "mia" as "gift"
    Then the response status is 200
    And the response field "destination" equals {"beneficiaryId": "${mia.id}"}
    And the send "gift" is COMPLETED
    And the send "gift" is exempt from the challenge as TRUSTED_BENEFICIARY
    And the managed account "wallet" holds 5000 EUR

  @negative
  Scenario: Invalid payees name their validation failure and a batch of them fails
    Given the corporate trusts the consumer's account "wallet" as the payee "mia"
    When the corporate adds payees for "savings", "wallet" as the batch "b2"
    Then the response field "state" equals "FAILED"
    And the payee for "savings" in the batch "b2" is INVALID with "BENEFICIARY_BELONGS_TO_SAME_IDENTITY"
    And the payee for "wallet" in the batch "b2" is INVALID with "BENEFICIARY_DETAILS_ALREADY_EXIST"
    When POST "/beneficiaries/batch/${b2.id}/challenges/otp/SMS" is called as the corporate
    Then the response status is 409
    And the error code is "STATE_INVALID"

  @negative
  Scenario: A wrong code three times fails the batch's challenge
    When the corporate adds payees for "wallet" as the batch "b1"
    And the corporate confirms the payee batch "b1" with an OTP with the code "000000"
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    When POST "/beneficiaries/batch/${b1.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    Then the error code is "ONE_CHALLENGE_LIMIT_REMAINING"
    When POST "/beneficiaries/batch/${b1.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    Then the error code is "CHALLENGE_LIMIT_EXCEEDED"
    And the payee batch "b1" is CHALLENGE_FAILED
    And the payee for "wallet" in the batch "b1" is CHALLENGE_FAILED

  @simulator @negative
  Scenario: A bank-account payee cannot receive a send
    When the corporate adds a payee for the bank account "DE89370400440532013000" as the batch "bank"
    And the corporate confirms the payee batch "bank" with an OTP
    Then the payee batch "bank" is COMPLETED
    When GET "/beneficiaries?batchId=${bank.id}" is called as the corporate
    Then the response field "count" equals 1
    And the response field "responseCount" equals 1
    And the response field "beneficiaries.0.state" equals "ACTIVE"
    And the response field "beneficiaries.0.beneficiaryInformation" equals {"fullName": "Suite Payee"}
    And the response field "beneficiaries.0.trustLevel" equals "TRUSTED"
    And the response field "beneficiaries.0.beneficiaryDetails" equals {"bankAccountDetails": {"iban": "DE89370400440532013000", "bankIdentifierCode": "DEUTDEFF"}}
    And I remember the response field "beneficiaries.0.id" as "bank payee"
    When POST "/sends" is called as the corporate with:
      """
      {"profileId": "${profile.sends}", "source": {"type": "managed_accounts", "id": "${savings.id}"},
       "destination": {"beneficiaryId": "${bank payee}"}, "destinationAmount": {"currency": "EUR", "amount": 5000}}
      """
    Then the response status is 409
    And the error code is "BENEFICIARY_TYPE_INVALID"

  @simulator @negative
  Scenario: A removed payee no longer serves sends
    Given the corporate trusts "wallet" as the payee "mia"
    When the corporate removes the payee "mia" as the batch "r1"
    Then the response status is 200
    And the response field "state" equals "COMPLETED"
    And the response field "operationBatchId.operation" equals "REMOVE"
    And the payee batch "r1" is COMPLETED
    And the payee "mia" is REMOVED
    When the corporate sends 5000 EUR from "savings" to the payee "mia"
    Then the response status is 409
    And the error code is "BENEFICIARY_NOT_FOUND"
    When the corporate removes the payee "mia"
    Then the response status is 404

  @negative
  Scenario: Another identity's payees and batches are not found, and payees need a valid body
    Given the corporate trusts "wallet" as the payee "mia"
    When GET "/beneficiaries/${mia.id}" is called as the consumer
    Then the response status is 404
    When GET "/beneficiaries/batch/${mia-batch.id}" is called as the consumer
    Then the response status is 404
    When GET "/beneficiaries/batch?limit=0" is called as the corporate
    Then the response status is 400
    When GET "/beneficiaries?limit=0" is called as the corporate
    Then the response status is 400
    When POST "/beneficiaries" is called as the corporate with:
      """
      {"beneficiaries": [{"trustLevel": "TRUSTED"}]}
      """
    Then the response status is 400

  @emulator_only
  Scenario: A batch's push challenge decided through the Simulator
    Given the corporate has enrolled their device for AUTHY push notifications
    When the corporate adds payees for "wallet" as the batch "b1"
    And POST "/beneficiaries/batch/${b1.id}/challenges/push/AUTHY" is called as the corporate
    Then the response status is 204
    When the simulator answers the corporate's push challenge "b1.id" with verify_success
    Then the payee batch "b1" is COMPLETED
    And the payee for "wallet" in the batch "b1" is ACTIVE

  @negative
  Scenario: A batch's push challenge needs an enrolled device
    When the corporate adds payees for "wallet" as the batch "b1"
    And POST "/beneficiaries/batch/${b1.id}/challenges/push/AUTHY" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"
