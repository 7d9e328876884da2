@events @emulator_only
Feature: Events of linked accounts, payee batches and bulk processes
  A linked account announces its declaration, the outcome of its verification and each block, unblock and
  removal. A batch of payees announces each state of the batch, carrying its payees. A bulk process
  announces its end once, with its final status and how many of its operations ended in each status.

  Background:
    Given events are delivered to the receiver
    And a corporate is onboarded and verified

  @simulator @linked_accounts
  Scenario: A linked account verified by the Simulator, blocked and unblocked is a linked account event each time
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" as "bank"
    Then a "linked_accounts" event arrives for "bank" with state PENDING_VERIFICATION
    When the Simulator completes the verification of the linked account "bank"
    And the corporate blocks the linked account "bank"
    And the corporate unblocks the linked account "bank"
    Then the events for "bank" arrive in this order: linked_accounts PENDING_VERIFICATION, linked_accounts VERIFIED, linked_accounts BLOCKED, linked_accounts UNBLOCKED
    And the last "linked_accounts" event for "bank" has:
      | field                          | value                              |
      | eventType                      | UNBLOCKED                          |
      | linkedAccount.id               | ${bank.id}                         |
      | linkedAccount.state            | ACTIVE                             |
      | linkedAccount.name             | Ann Lee                            |
      | linkedAccount.accountReference | {"iban": "DE89370400440532013000"} |

  @simulator @linked_accounts @negative
  Scenario: A linked account the Simulator rejects is a rejected event, and nothing more
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" as "bank"
    And the Simulator rejects the verification of the linked account "bank"
    Then the linked account "bank" is REJECTED
    And the events for "bank" arrive in this order: linked_accounts PENDING_VERIFICATION, linked_accounts REJECTED
    And the last "linked_accounts" event for "bank" has:
      | field               | value    |
      | linkedAccount.state | REJECTED |

  @payees
  Scenario: A payee batch confirmed by its challenge announces its challenge, then its completion with the payee
    Given the corporate has enrolled their mobile for SMS one-time passwords
    And a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR
    When the corporate adds payees for "wallet" tagged "suppliers" as the batch "b1"
    Then a "beneficiary_batch" event arrives for "b1" with state PENDING_CHALLENGE
    When the corporate confirms the payee batch "b1" with an OTP
    Then the payee batch "b1" is COMPLETED
    And the events for "b1" arrive in this order: beneficiary_batch PENDING_CHALLENGE, beneficiary_batch CHALLENGE_COMPLETED
    And the last "beneficiary_batch" event for "b1" has:
      | field                                                                      | value                                              |
      | id                                                                         | ${b1.id}                                           |
      | operation                                                                  | CREATE                                             |
      | tag                                                                        | suppliers                                          |
      | beneficiaries.0.state                                                      | ACTIVE                                             |
      | beneficiaries.0.beneficiaryDetails.instrumentDetailsBeneficiary.instrument | {"type": "managed_accounts", "id": "${wallet.id}"} |

  @payees @negative
  Scenario: A payee batch whose challenge fails for good announces the failure
    Given the corporate has enrolled their mobile for SMS one-time passwords
    And a consumer is onboarded and verified
    And the consumer has a managed account "wallet" with 0 EUR
    When the corporate adds payees for "wallet" as the batch "b1"
    And the corporate confirms the payee batch "b1" with an OTP with the code "000000"
    And POST "/beneficiaries/batch/${b1.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    And POST "/beneficiaries/batch/${b1.id}/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    Then the payee batch "b1" is CHALLENGE_FAILED
    And the events for "b1" arrive in this order: beneficiary_batch PENDING_CHALLENGE, beneficiary_batch CHALLENGE_FAILED
    And the last "beneficiary_batch" event for "b1" has:
      | field                 | value            |
      | beneficiaries.0.state | CHALLENGE_FAILED |

  @simulator @bulks
  Scenario: A bulk that completes every operation ends with one bulk process end event
    Given the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When the corporate submits a bulk "payroll" of transfers of 100, 150 EUR from "savings" to "spending"
    And the corporate executes the bulk "payroll"
    And the bulk "payroll" runs to its end
    Then the bulk "payroll" is COMPLETED
    And the events for "payroll" arrive in this order: bulk_process_end COMPLETED
    And the last "bulk_process_end" event for "payroll" has:
      | field                 | value                                 |
      | bulkId                | ${payroll.id}                         |
      | status                | COMPLETED                             |
      | submittedItemsCount   | 2                                     |
      | operationStatusCounts | [{"status": "COMPLETED", "count": 2}] |

  @simulator @bulks @negative
  Scenario: A bulk with a failed operation ends PARTIALLY_COMPLETED, and its end event counts the failure
    Given the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When the corporate submits a bulk "payroll" of transfers of 100, 600, 50 EUR from "savings" to "spending"
    And the corporate executes the bulk "payroll" continuing past failures
    And the bulk "payroll" runs to its end
    Then the bulk "payroll" is PARTIALLY_COMPLETED
    And the events for "payroll" arrive in this order: bulk_process_end PARTIALLY_COMPLETED
    And the last "bulk_process_end" event for "payroll" has:
      | field               | value               |
      | status              | PARTIALLY_COMPLETED |
      | submittedItemsCount | 3                   |

  @bulks @negative
  Scenario: A bulk cancelled before it runs never ends with an event
    Given the corporate has a managed account "savings" with 500 EUR
    And the corporate has a managed account "spending" with 0 EUR
    When the corporate submits a bulk "payroll" of transfers of 100 EUR from "savings" to "spending"
    And the corporate cancels the bulk "payroll"
    Then the bulk "payroll" is CANCELLED
    And no "bulk_process_end" event arrives for "payroll"
