@users @invites
Feature: Inviting an authorised user
  A corporate's root user creates an authorised user with a stepped-up token and invites
  them; the user checks the invite, accepts it with a password of their own and logs in.
  The root user can deactivate them, which ends their sessions, and reactivate them.

  @journey
  Scenario: An invited authorised user sets a password, logs in, is deactivated and reactivated
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When the corporate creates an authorised user
    Then the user creation succeeds
    When the corporate invites the authorised user
    Then the invitation succeeds
    When the authorised user checks their invite
    Then the invite check succeeds
    When the authorised user accepts their invite
    Then the authorised user's invite is accepted
    When the authorised user logs in
    Then the authorised user is signed in
    And the authorised user's user record as they read it reads:
      | field  | value                    |
      | email  | ${authorised user.email} |
      | active | true                     |
    When the corporate deactivates the authorised user
    Then the deactivation succeeds
    When the authorised user reads their user record
    Then the user read is unauthorised
    When the authorised user logs in
    Then the sign-in is forbidden
    And the authorised user's user record reads:
      | field  | value |
      | active | false |
    When the corporate activates the authorised user
    Then the activation succeeds
    When the authorised user logs in
    Then the authorised user is signed in
    And the authorised user's user record as they read it reads:
      | field  | value |
      | active | true  |

  @negative
  Scenario: Sending an invite needs a valid token
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate invites the authorised user with an invalid token
    Then the invitation is unauthorised

  @negative
  Scenario: A corporate cannot invite another corporate's user
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And a corporate outsider is onboarded and logged in
    When the corporate outsider invites the authorised user
    Then the invitation is not found

  @negative
  Scenario: An invite cannot be checked or accepted before it is sent
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the authorised user checks their invite
    Then the invite check is refused with INVITE_OR_INVITE_CODE_INVALID
    When the authorised user accepts their invite
    Then the invite acceptance is refused with INVITE_OR_INVITE_CODE_INVALID

  @negative
  Scenario: A wrong invite code is refused when checking and when accepting the invite
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate invites the authorised user
    Then the invitation succeeds
    When the authorised user checks their invite with the code "654321"
    Then the invite check is refused with INVITE_OR_INVITE_CODE_INVALID
    When the authorised user accepts their invite with the code "654321"
    Then the invite acceptance is refused with INVITE_OR_INVITE_CODE_INVALID

  @negative
  Scenario: An invite code must be six digits
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the authorised user checks their invite with the code "12ab"
    Then the invite check is rejected naming "inviteCode" as "REGEX"
    When the authorised user accepts their invite without a password
    Then the invite acceptance is rejected naming "password" as "REQUIRED"

  @negative
  Scenario: An accepted invite cannot be used or sent again
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When the authorised user checks their invite
    Then the invite check is refused with INVITE_OR_INVITE_CODE_INVALID
    When the authorised user accepts their invite
    Then the invite acceptance is refused with INVITE_OR_INVITE_CODE_INVALID
    When the corporate invites the authorised user
    Then the invitation is refused with INVITE_ALREADY_CONSUMED

  @negative
  Scenario: A password that breaks the password rules does not consume the invite
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate invites the authorised user
    And the authorised user accepts their invite with the password "Ab1!"
    Then the invite acceptance is refused with PASSWORD_TOO_SHORT
    When the authorised user accepts their invite
    Then the authorised user's invite is accepted

  @negative
  Scenario: A user whose password is already set cannot set another through an invite
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has a password
    When the corporate invites the authorised user
    Then the invitation succeeds
    When the authorised user accepts their invite
    Then the invite acceptance is refused with PASSWORD_ALREADY_CREATED

  @negative
  Scenario: The invite of an unknown user is not found, and checking or accepting one needs the api-key
    When the invite of an unknown user is checked
    Then the invite check is not found
    When the invite of an unknown user is accepted
    Then the invite acceptance is not found with TOKEN_NOT_FOUND
    When the invite of an unknown user is checked with a wrong api-key
    Then the invite check is unauthorised
    When the invite of an unknown user is accepted with no api-key
    Then the invite acceptance is unauthorised

  @negative @emulator_only @expiry
  Scenario: An invite is valid for one month
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate invites the authorised user
    And 32 days pass
    And the authorised user checks their invite
    Then the invite check is refused with INVITE_OR_INVITE_CODE_INVALID
    When the authorised user accepts their invite
    Then the invite acceptance is gone with TOKEN_EXPIRED
