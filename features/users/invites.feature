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
    Then the response status is 200
    When the corporate invites the authorised user
    Then the response status is 204
    And the response has no body
    When POST "/users/${authorised user.user id}/invite/validate" is called with:
      """
      {"inviteCode": "${code}"}
      """
    Then the response status is 204
    When the authorised user accepts their invite
    Then the response status is 200
    And the response field "token" exists
    When the authorised user logs in
    Then the response status is 200
    And the response field "identity.id" equals "${corporate.id}"
    And the response field "credentials.type" equals "USER"
    And the response field "credentials.id" equals "${authorised user.user id}"
    When GET "/users/${authorised user.user id}" is called as the authorised user
    Then the response status is 200
    And the response field "email" equals "${authorised user.email}"
    And the response field "active" equals true
    When POST "/users/${authorised user.user id}/deactivate" is called as the corporate
    Then the response status is 204
    When GET "/users/${authorised user.user id}" is called as the authorised user
    Then the response status is 401
    When the authorised user logs in
    Then the response status is 403
    When GET "/users/${authorised user.user id}" is called as the corporate
    Then the response field "active" equals false
    When POST "/users/${authorised user.user id}/activate" is called as the corporate
    Then the response status is 204
    When the authorised user logs in
    Then the response status is 200
    When GET "/users/${authorised user.user id}" is called as the authorised user
    Then the response field "active" equals true

  @negative
  Scenario: Sending an invite needs a token
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/${authorised user.user id}/invite" is called without a token
    Then the response status is 401

  @negative
  Scenario: A corporate cannot invite another corporate's user
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And a corporate outsider is onboarded and logged in
    When the corporate outsider invites the authorised user
    Then the response status is 404

  @negative
  Scenario: An invite cannot be checked or accepted before it is sent
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/${authorised user.user id}/invite/validate" is called with:
      """
      {"inviteCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "INVITE_OR_INVITE_CODE_INVALID"
    When the authorised user accepts their invite
    Then the response status is 409
    And the error code is "INVITE_OR_INVITE_CODE_INVALID"

  @negative
  Scenario: A wrong invite code is refused when checking and when accepting the invite
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate invites the authorised user
    Then the response status is 204
    When POST "/users/${authorised user.user id}/invite/validate" is called with:
      """
      {"inviteCode": "654321"}
      """
    Then the response status is 409
    And the error code is "INVITE_OR_INVITE_CODE_INVALID"
    When POST "/users/${authorised user.user id}/invite/consume" is called with:
      """
      {"inviteCode": "654321", "password": {"value": "Qa3f8e1c2b9!9"}}
      """
    Then the response status is 409
    And the error code is "INVITE_OR_INVITE_CODE_INVALID"

  @negative
  Scenario: An invite code must be six digits
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/${authorised user.user id}/invite/validate" is called with:
      """
      {"inviteCode": "12ab"}
      """
    Then the field "inviteCode" is reported invalid with "REGEX"
    When POST "/users/${authorised user.user id}/invite/consume" is called with:
      """
      {"inviteCode": "${code}"}
      """
    Then the field "password" is reported invalid with "REQUIRED"

  @negative
  Scenario: An accepted invite cannot be used or sent again
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When POST "/users/${authorised user.user id}/invite/validate" is called with:
      """
      {"inviteCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "INVITE_OR_INVITE_CODE_INVALID"
    When the authorised user accepts their invite
    Then the response status is 409
    And the error code is "INVITE_OR_INVITE_CODE_INVALID"
    When the corporate invites the authorised user
    Then the response status is 409
    And the error code is "INVITE_ALREADY_CONSUMED"

  @negative
  Scenario: A password that breaks the password rules does not consume the invite
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate invites the authorised user
    And POST "/users/${authorised user.user id}/invite/consume" is called with:
      """
      {"inviteCode": "${code}", "password": {"value": "Ab1!"}}
      """
    Then the response status is 409
    And the error code is "PASSWORD_TOO_SHORT"
    When the authorised user accepts their invite
    Then the response status is 200

  @negative
  Scenario: A user whose password is already set cannot set another through an invite
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has a password
    When the corporate invites the authorised user
    Then the response status is 204
    When the authorised user accepts their invite
    Then the response status is 409
    And the error code is "PASSWORD_ALREADY_CREATED"

  @negative
  Scenario: The invite of an unknown user is not found, and checking or accepting one needs the api-key
    When POST "/users/999000000000000001/invite/validate" is called with:
      """
      {"inviteCode": "${code}"}
      """
    Then the response status is 404
    When POST "/users/999000000000000001/invite/consume" is called with:
      """
      {"inviteCode": "${code}", "password": {"value": "Qa3f8e1c2b9!9"}}
      """
    Then the response status is 404
    And the error code is "TOKEN_NOT_FOUND"
    When POST "/users/999000000000000001/invite/validate" is called with a wrong api-key
    Then the response status is 401
    When POST "/users/999000000000000001/invite/consume" is called with no api-key
    Then the response status is 401

  @negative @emulator_only @expiry
  Scenario: An invite is valid for one month
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate invites the authorised user
    And 32 days pass
    And POST "/users/${authorised user.user id}/invite/validate" is called with:
      """
      {"inviteCode": "${code}"}
      """
    Then the response status is 409
    And the error code is "INVITE_OR_INVITE_CODE_INVALID"
    When the authorised user accepts their invite
    Then the response status is 410
    And the error code is "TOKEN_EXPIRED"
