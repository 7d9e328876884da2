@smoke @identity
Feature: Corporate onboarding, the thin slice
  A business registers as a corporate, its root user verifies their email with the
  sandbox code, creates a password, logs in, reads the corporate back and logs out.

  Scenario: A corporate registers, verifies its root email, sets a password and logs in
    When a corporate is registered
    Then the registration answers the corporate's root user unverified and without a password
    When the corporate asks for a code for their email
    Then the email code request succeeds
    When the corporate verifies their email
    Then the email verification succeeds
    When the corporate creates a password
    Then the password creation succeeds
    When the corporate logs in
    Then the corporate is signed in
    And the corporate can read their identity
    And the corporate's identity reads:
      | field                  | value |
      | rootUser.emailVerified | true  |

  @negative
  Scenario: A second corporate cannot reuse a root user's email
    Given a corporate is registered
    When another corporate registers with the corporate's root email
    Then the registration is refused with ROOT_EMAIL_NOT_UNIQUE

  @negative
  Scenario: A wrong password does not log the root user in
    Given a corporate is registered
    And the corporate's root email is verified
    And the corporate has a password
    When the corporate logs in with a wrong password
    Then the sign-in is forbidden

  @negative
  Scenario: A registration without a root user is rejected naming the field
    When a corporate registers with "rootUser" removed
    Then the registration is rejected naming "rootUser" as "REQUIRED"

  @negative
  Scenario: Reading the corporate needs the api-key
    Given a corporate is onboarded and logged in
    When the corporate reads their identity with a wrong api-key
    Then the identity read is unauthorised

  Scenario: After logging out the token no longer works
    Given a corporate is onboarded and logged in
    When the corporate logs out
    Then the logout succeeds
    When the corporate reads their identity
    Then the identity read is unauthorised
