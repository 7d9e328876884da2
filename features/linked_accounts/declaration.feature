@linked_accounts @confirmations
Feature: The root user's declaration of a linked account, confirmed by a confirmation challenge
  A newly linked account's verification waits for two things: the root user's declaration
  (USER_DECLARATION_SCA_CHALLENGE, PENDING_USER) and Weavr's own checks (INTERNAL_CHECKS, PENDING_REVIEW).
  The root user declares the account with the shared confirmation challenge, resource type
  linked_account_declaration, by OTP (123456 on the sandbox) or by push. A confirmed declaration completes
  that step; the account is ACTIVE once the checks complete too. Three wrong codes, or a rejected push, fail
  the declaration: the verification and the account are REJECTED, and the account can be declared again.
  Only a logged in root user may declare: an authorised user is refused with 403.

  Background:
    Given a corporate is onboarded and verified
    And the corporate has enrolled their mobile for SMS one-time passwords
    And the corporate has a linked account "bank"

  @smoke @simulator @emulator_only @journey
  Scenario: One OTP declares two accounts, which become ACTIVE once Weavr's checks complete
    # Which steps a run has is the emulator's choice (emulator/areas/linked_accounts/choices.md).
    When the corporate links the account number "31926819" with sort code "601613" held by "Ann Lee" as "uk bank"
    Then the latest verification of the linked account "bank" is PENDING with USER_DECLARATION_SCA_CHALLENGE PENDING_USER
    When the corporate confirms the declarations of the linked accounts "bank", "uk bank" with an OTP
    Then the response status is 204
    And the latest verification of the linked account "bank" is PENDING with USER_DECLARATION_SCA_CHALLENGE COMPLETED
    And the latest verification of the linked account "bank" is PENDING with INTERNAL_CHECKS PENDING_REVIEW
    And the latest verification of the linked account "uk bank" is PENDING with USER_DECLARATION_SCA_CHALLENGE COMPLETED
    And the linked account "bank" is PENDING_VERIFICATION
    When the corporate starts an OTP challenge for the declaration of the linked account "bank" as "again"
    Then the response status is 409
    And the error code is "STATE_INVALID"
    When the Simulator completes the INTERNAL_CHECKS step of the linked account "bank"
    Then the latest verification of the linked account "bank" is VERIFIED with INTERNAL_CHECKS COMPLETED
    And the linked account "bank" is ACTIVE
    And the linked account "uk bank" is PENDING_VERIFICATION

  @simulator @emulator_only
  Scenario: A declaration confirmed after Weavr's checks verifies the account at once
    When the Simulator completes the INTERNAL_CHECKS step of the linked account "bank"
    Then the linked account "bank" is PENDING_VERIFICATION
    When the corporate confirms the declaration of the linked account "bank" with an OTP
    Then the response status is 204
    And the latest verification of the linked account "bank" is VERIFIED with USER_DECLARATION_SCA_CHALLENGE COMPLETED
    And the linked account "bank" is ACTIVE

  @negative @emulator_only
  Scenario: Three wrong codes reject the declaration and the account, which can then be declared again
    When the corporate starts an OTP challenge for the declaration of the linked account "bank" as "declaration"
    Then the response status is 200
    When the corporate answers the declaration challenge "declaration" with the code "000000"
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    And the linked account "bank" is PENDING_VERIFICATION
    When the corporate answers the declaration challenge "declaration" with the code "000000"
    Then the error code is "ONE_CHALLENGE_LIMIT_REMAINING"
    When the corporate answers the declaration challenge "declaration" with the code "000000"
    Then the error code is "CHALLENGE_LIMIT_EXCEEDED"
    And the latest verification of the linked account "bank" is REJECTED with USER_DECLARATION_SCA_CHALLENGE REJECTED
    And the linked account "bank" is REJECTED
    When the corporate answers the declaration challenge "declaration"
    Then the response status is 409
    And the error code is "STATE_INVALID"
    When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" as "bank again"
    Then the response status is 200
    When the corporate confirms the declaration of the linked account "bank again" with an OTP
    Then the response status is 204
    And the linked account "bank" is REJECTED

  @simulator @emulator_only
  Scenario Outline: A push declaration decided through the Simulator
    Given the corporate has enrolled their device for AUTHY push notifications
    When the corporate starts a push challenge for the declaration of the linked account "bank" as "declaration push"
    Then the response status is 200
    When the simulator answers the corporate's push challenge "declaration push" with <outcome>
    Then the latest verification of the linked account "bank" is <run> with USER_DECLARATION_SCA_CHALLENGE <step>
    And the linked account "bank" is <state>

    Examples:
      | outcome        | run      | step         | state                |
      | verify_success | PENDING  | COMPLETED    | PENDING_VERIFICATION |
      | verify_invalid | REJECTED | REJECTED     | REJECTED             |
      | verify_expired | PENDING  | PENDING_USER | PENDING_VERIFICATION |

  @emulator_only @expiry
  Scenario: An expired code leaves the declaration waiting for a new challenge
    When the corporate starts an OTP challenge for the declaration of the linked account "bank" as "first"
    And 301 seconds pass while the corporate stays active
    And the corporate answers the declaration challenge "first"
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_EXPIRED"
    And the latest verification of the linked account "bank" is PENDING with USER_DECLARATION_SCA_CHALLENGE PENDING_USER
    When the corporate confirms the declaration of the linked account "bank" with an OTP
    Then the response status is 204

  @negative
  Scenario: Only the root user may declare a linked account
    Given the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    And the authorised user has enrolled their mobile for SMS one-time passwords
    When the authorised user starts an OTP challenge for the declaration of the linked account "bank" as "theirs"
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"
    When the authorised user starts a push challenge for the declaration of the linked account "bank" as "their push"
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"
    And the linked account "bank" is PENDING_VERIFICATION

  @negative @emulator_only
  Scenario: An authorised user cannot answer the root user's declaration challenge
    Given the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    And the authorised user has enrolled their mobile for SMS one-time passwords
    When the corporate starts an OTP challenge for the declaration of the linked account "bank" as "declaration"
    And the authorised user answers the declaration challenge "declaration"
    Then the response status is 403
    And the error code is "INSUFFICIENT_PERMISSIONS"
    And the latest verification of the linked account "bank" is PENDING with USER_DECLARATION_SCA_CHALLENGE PENDING_USER
    When the corporate answers the declaration challenge "declaration"
    Then the response status is 204

  @simulator @negative
  Scenario: Only a declaration still waiting can be challenged
    Given a corporate B is onboarded and logged in
    And the corporate B has enrolled their mobile for SMS one-time passwords
    When the corporate B starts an OTP challenge for the declaration of the linked account "bank" as "not theirs"
    Then the response status is 409
    And the error code is "STATE_INVALID"
    When the Simulator completes the verification of the linked account "bank"
    And the corporate starts an OTP challenge for the declaration of the linked account "bank" as "too late"
    Then the response status is 409
    And the error code is "STATE_INVALID"
