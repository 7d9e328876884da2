@auth @stepup
Feature: Stepping up a token
  A signed-in user steps up their token by answering a challenge on an enrolled device:
  an SMS one-time password (123456 on the sandbox, valid 5 minutes, few wrong tries) or a
  push notification, whose answer the sandbox's Simulator API gives in the user's stead.

  Scenario: A one-time password steps up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When POST "/stepup/challenges/otp/SMS" is called as the corporate
    Then the response status is 204
    And the response has no body
    And the corporate's token is not stepped up
    When POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 204
    And the corporate's token is stepped up

  @negative
  Scenario: A wrong code does not step up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When POST "/stepup/challenges/otp/SMS" is called as the corporate
    And POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_INVALID"
    And the corporate's token is not stepped up

  @negative
  Scenario: After three wrong codes the challenge is spent
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When POST "/stepup/challenges/otp/SMS" is called as the corporate
    And POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000000"}
      """
    And POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000001"}
      """
    And POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "000002"}
      """
    And POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "CHALLENGE_LIMIT_EXCEEDED"
    And the corporate's token is not stepped up

  @negative @emulator_only @expiry
  Scenario: A step-up code expires after 5 minutes
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When POST "/stepup/challenges/otp/SMS" is called as the corporate
    And 301 seconds pass while the corporate stays active
    And POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "VERIFICATION_CODE_EXPIRED"
    And the corporate's token is not stepped up

  @negative
  Scenario: A step-up needs an enrolled device
    Given a corporate is onboarded and logged in
    When POST "/stepup/challenges/otp/SMS" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"
    When POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"
    When POST "/stepup/challenges/push/AUTHY" is called as the corporate
    Then the response status is 409
    And the error code is "CHANNEL_NOT_REGISTERED"

  @negative
  Scenario: A code cannot be verified before a challenge is issued, nor twice
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "STATE_INVALID"
    When POST "/stepup/challenges/otp/SMS" is called as the corporate
    And POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 204
    When POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {"verificationCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "ALREADY_VERIFIED"

  @negative
  Scenario: A new code cannot be sent within 15 seconds of the last one
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When POST "/stepup/challenges/otp/SMS" is called as the corporate
    And POST "/stepup/challenges/otp/SMS" is called as the corporate
    Then the response status is 409
    And the error code is "RETRY_IN_15SEC"

  @negative
  Scenario: Step-up needs a token and a known channel
    Given a corporate is onboarded and logged in
    When POST "/stepup/challenges/otp/SMS" is called without a token
    Then the response status is 401
    When POST "/stepup/challenges/push/AUTHY" is called with an invalid token
    Then the response status is 401
    When POST "/stepup/challenges/otp/AUTHY" is called as the corporate
    Then the field "channel" is reported invalid with "IN"
    When POST "/stepup/challenges/otp/SMS/verify" is called as the corporate with:
      """
      {}
      """
    Then the field "verificationCode" is reported invalid with "REQUIRED"

  @emulator_only @simulator
  Scenario: A push notification accepted on the device steps up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When POST "/stepup/challenges/push/AUTHY" is called as the corporate
    Then the response status is 200
    And I remember the response field "id" as "step-up challenge"
    And the corporate's token is not stepped up
    When the simulator answers the corporate's push challenge "step-up challenge" with verify_success
    Then the response status is 200
    And the response field "code" equals "COMPLETED"
    And the corporate's token is stepped up

  @negative @emulator_only @simulator
  Scenario Outline: A push notification refused or left to lapse does not step up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When POST "/stepup/challenges/push/AUTHY" is called as the corporate
    Then I remember the response field "id" as "step-up challenge"
    When the simulator answers the corporate's push challenge "step-up challenge" with <outcome>
    Then the response field "code" equals "COMPLETED"
    And the corporate's token is not stepped up
    When the simulator answers the corporate's push challenge "step-up challenge" with verify_success
    Then the response field "code" equals "DENIED"
    And the corporate's token is not stepped up
    When POST "/stepup/challenges/push/AUTHY" is called as the corporate
    Then the response status is 200

    Examples:
      | outcome        |
      | verify_invalid |
      | verify_expired |

  @negative @emulator_only
  Scenario: A push step-up cannot start while another is in flight
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When POST "/stepup/challenges/push/AUTHY" is called as the corporate
    Then the response status is 200
    When POST "/stepup/challenges/push/AUTHY" is called as the corporate
    Then the response status is 409
    And the error code is "STATE_INVALID"

  @negative @emulator_only @expiry @simulator
  Scenario: A push notification unanswered for 5 minutes can no longer step up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When POST "/stepup/challenges/push/AUTHY" is called as the corporate
    Then I remember the response field "id" as "step-up challenge"
    When 301 seconds pass while the corporate stays active
    And the simulator answers the corporate's push challenge "step-up challenge" with verify_success
    Then the response field "code" equals "DENIED"
    And the corporate's token is not stepped up
