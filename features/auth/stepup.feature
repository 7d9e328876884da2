@auth @stepup
Feature: Stepping up a token
  A signed-in user steps up their token by answering a challenge on an enrolled device:
  an SMS one-time password (123456 on the sandbox, valid 5 minutes, few wrong tries) or a
  push notification, whose answer the sandbox's Simulator API gives in the user's stead.

  Scenario: A one-time password steps up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate asks for a step-up code by SMS
    Then the step-up code request succeeds
    And the corporate's token is not stepped up
    When the corporate answers the step-up challenge
    Then the step-up code succeeds
    And the corporate's token is stepped up

  @negative
  Scenario: A wrong code does not step up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate asks for a step-up code by SMS
    And the corporate answers the step-up challenge with the code "000000"
    Then the step-up code is refused with VERIFICATION_CODE_INVALID
    And the corporate's token is not stepped up

  @negative
  Scenario: After three wrong codes the challenge is spent
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate asks for a step-up code by SMS
    And the corporate answers the step-up challenge with the code "000000"
    And the corporate answers the step-up challenge with the code "000001"
    And the corporate answers the step-up challenge with the code "000002"
    And the corporate answers the step-up challenge
    Then the step-up code is refused with CHALLENGE_LIMIT_EXCEEDED
    And the corporate's token is not stepped up

  @negative @emulator_only @expiry
  Scenario: A step-up code expires after 5 minutes
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate asks for a step-up code by SMS
    And 301 seconds pass while the corporate stays active
    And the corporate answers the step-up challenge
    Then the step-up code is refused with VERIFICATION_CODE_EXPIRED
    And the corporate's token is not stepped up

  @negative
  Scenario: A step-up needs an enrolled device
    Given a corporate is onboarded and logged in
    When the corporate asks for a step-up code by SMS
    Then the step-up code request is refused with CHANNEL_NOT_REGISTERED
    When the corporate answers the step-up challenge
    Then the step-up code is refused with CHANNEL_NOT_REGISTERED
    When the corporate starts a push step-up on AUTHY
    Then the push step-up is refused with CHANNEL_NOT_REGISTERED

  @negative
  Scenario: A code cannot be verified before a challenge is issued, nor twice
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate answers the step-up challenge
    Then the step-up code is refused with STATE_INVALID
    When the corporate asks for a step-up code by SMS
    And the corporate answers the step-up challenge
    Then the step-up code succeeds
    When the corporate answers the step-up challenge
    Then the step-up code is refused with ALREADY_VERIFIED

  @negative
  Scenario: A new code cannot be sent within 15 seconds of the last one
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their mobile for SMS one-time passwords
    When the corporate asks for a step-up code by SMS
    And the corporate asks for a step-up code by SMS
    Then the step-up code request is refused with RETRY_IN_15SEC

  @negative
  Scenario: Step-up needs a valid token and a known channel
    Given a corporate is onboarded and logged in
    When the corporate starts a push step-up on AUTHY with an invalid token
    Then the push step-up is unauthorised
    When the corporate asks for a step-up code by AUTHY
    Then the step-up code request is rejected naming "channel" as "IN"
    When the corporate answers the step-up challenge with no code
    Then the step-up code is rejected naming "verificationCode" as "REQUIRED"

  @emulator_only @simulator
  Scenario: A push notification accepted on the device steps up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When the corporate starts a push step-up on AUTHY
    Then the push step-up starts a challenge, remembered as "step-up challenge"
    And the corporate's token is not stepped up
    When the simulator answers the corporate's push challenge "step-up challenge" with verify_success
    Then the simulator's answer is COMPLETED
    And the corporate's token is stepped up

  @negative @emulator_only @simulator
  Scenario Outline: A push notification refused or left to lapse does not step up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When the corporate starts a push step-up on AUTHY
    Then the push step-up starts a challenge, remembered as "step-up challenge"
    When the simulator answers the corporate's push challenge "step-up challenge" with <outcome>
    Then the simulator's answer is COMPLETED
    And the corporate's token is not stepped up
    When the simulator answers the corporate's push challenge "step-up challenge" with verify_success
    Then the simulator's answer is DENIED
    And the corporate's token is not stepped up
    When the corporate starts a push step-up on AUTHY
    Then the push step-up starts a challenge

    Examples:
      | outcome        |
      | verify_invalid |
      | verify_expired |

  @negative @emulator_only
  Scenario: A push step-up cannot start while another is in flight
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When the corporate starts a push step-up on AUTHY
    Then the push step-up starts a challenge
    When the corporate starts a push step-up on AUTHY
    Then the push step-up is refused with STATE_INVALID

  @negative @emulator_only @expiry @simulator
  Scenario: A push notification unanswered for 5 minutes can no longer step up the token
    Given a corporate is onboarded and logged in
    And the corporate has enrolled their device for AUTHY push notifications
    When the corporate starts a push step-up on AUTHY
    Then the push step-up starts a challenge, remembered as "step-up challenge"
    When 301 seconds pass while the corporate stays active
    And the simulator answers the corporate's push challenge "step-up challenge" with verify_success
    Then the simulator's answer is DENIED
    And the corporate's token is not stepped up
