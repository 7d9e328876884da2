@auth @passwords
Feature: Passwords
  A new user creates their password once; anyone can check a candidate against the
  password rules; a signed-in user changes their password by giving the old one; a user
  who lost theirs resets it with the code emailed to them (123456 on the sandbox).

  @negative
  Scenario: A password is created only once
    Given a corporate is registered
    And the corporate has a password
    When POST "/passwords/${corporate.user id}/create" is called with:
      """
      {"password": {"value": "Another-passw0rd"}}
      """
    Then the response status is 409
    And the error code is "PASSWORD_ALREADY_CREATED"

  @negative
  Scenario: A password cannot be created for an unknown user
    When POST "/passwords/999000111222333/create" is called with:
      """
      {"password": {"value": "Another-passw0rd"}}
      """
    Then the response status is 404

  @negative
  Scenario Outline: A password that breaks the rules is refused at creation and by validation
    Given a corporate is registered
    When POST "/passwords/${corporate.user id}/create" is called with:
      """
      {"password": {"value": "<password>"}}
      """
    Then the response status is 409
    And the error code is "<code>"
    When POST "/passwords/validate" is called with:
      """
      {"password": {"value": "<password>"}}
      """
    Then the response status is 409
    And the error code is "<code>"

    Examples:
      | password                                                | code                |
      | Ab1!                                                    | PASSWORD_TOO_SHORT  |
      | Abcdefgh1!Abcdefgh1!Abcdefgh1!Abcdefgh1!Abcdefgh1!Ab1!  | PASSWORD_TOO_LONG   |
      | onlyletters                                             | PASSWORD_TOO_SIMPLE |

  Scenario: A good password passes validation
    When POST "/passwords/validate" is called with:
      """
      {"password": {"value": "Fine-passw0rd"}}
      """
    Then the response status is 204
    And the response has no body

  @negative
  Scenario: Validation needs a password value of at most 100 characters
    When POST "/passwords/validate" is called with:
      """
      {"password": {}}
      """
    Then the field "password.value" is reported invalid with "REQUIRED"
    When POST "/passwords/validate" is called with:
      """
      {"password": {"value": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"}}
      """
    Then the field "password.value" is reported invalid with "SIZE"

  Scenario: A signed-in user changes their password and signs in with the new one only
    # passwordInfo.expiryDate follows the programme's password policy (0: never): not checked.
    Given a corporate is onboarded and logged in
    When the corporate changes their password, remembering the old one as "old password"
    Then the response status is 200
    And the response field "passwordInfo.identityId.type" equals "CORPORATE"
    And the response field "passwordInfo.identityId.id" equals "${corporate.id}"
    And the response field "token" exists
    And the corporate can read their identity
    When the corporate logs in
    Then the response status is 200
    When POST "/login_with_password" is called with:
      """
      {"email": "${corporate.email}", "password": {"value": "${old password}"}}
      """
    Then the response status is 403

  @negative
  Scenario: Changing a password needs the right old password
    Given a corporate is onboarded and logged in
    When POST "/passwords/update" is called as the corporate with:
      """
      {"oldPassword": {"value": "Not-the-passw0rd"}, "newPassword": {"value": "Brand-new-passw0rd"}}
      """
    Then the response status is 409
    And the error code is "PASSWORD_INCORRECT"
    When the corporate logs in
    Then the response status is 200

  @negative
  Scenario: The new password must follow the rules and differ from the current one
    Given a corporate is onboarded and logged in
    When POST "/passwords/update" is called as the corporate with:
      """
      {"oldPassword": {"value": "${corporate.password}"}, "newPassword": {"value": "short1"}}
      """
    Then the response status is 409
    And the error code is "PASSWORD_TOO_SHORT"
    When POST "/passwords/update" is called as the corporate with:
      """
      {"oldPassword": {"value": "${corporate.password}"}, "newPassword": {"value": "${corporate.password}"}}
      """
    Then the response status is 409
    And the error code is "PASSWORD_ALREADY_USED"

  @negative
  Scenario: Changing a password needs a token and both passwords
    Given a corporate is onboarded and logged in
    When POST "/passwords/update" is called without a token with:
      """
      {"oldPassword": {"value": "Old-passw0rd"}, "newPassword": {"value": "Brand-new-passw0rd"}}
      """
    Then the response status is 401
    When POST "/passwords/update" is called as the corporate with:
      """
      {"oldPassword": {"value": "${corporate.password}"}}
      """
    Then the field "newPassword" is reported invalid with "REQUIRED"

  Scenario: A user who lost their password resets it with the emailed code
    Given a corporate is onboarded and logged in
    When the corporate resets their lost password, remembering the old one as "old password"
    Then the response status is 200
    And the response field "token" exists
    And the corporate can read their identity
    When the corporate logs in
    Then the response status is 200
    When POST "/login_with_password" is called with:
      """
      {"email": "${corporate.email}", "password": {"value": "${old password}"}}
      """
    Then the response status is 403

  @negative
  Scenario: Starting a lost-password reset does not tell whether the email is known
    When POST "/passwords/lost_password/start" is called with:
      """
      {"email": "nobody.unknown@weavr-suite.example.com"}
      """
    Then the response status is 204
    When POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "nobody.unknown@weavr-suite.example.com", "nonce": "${code}", "newPassword": {"value": "Reset-passw0rd"}}
      """
    Then the response status is 409
    And the error code is "INVALID_NONCE_OR_EMAIL"

  @negative
  Scenario Outline: Starting a lost-password reset needs an email
    When POST "/passwords/lost_password/start" is called with:
      """
      <body>
      """
    Then the response status is 400
    And the field "email" is reported invalid with "<error>"

    Examples:
      | body                      | error    |
      | {}                        | REQUIRED |
      | {"email": "not-an-email"} | REGEX    |

  @negative
  Scenario: A lost-password reset needs the right code, once, and a new acceptable password
    Given a corporate is onboarded and logged in
    When POST "/passwords/lost_password/start" is called with:
      """
      {"email": "${corporate.email}"}
      """
    Then the response status is 204
    When POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "${corporate.email}", "nonce": "000000", "newPassword": {"value": "Reset-passw0rd"}}
      """
    Then the response status is 409
    And the error code is "INVALID_NONCE_OR_EMAIL"
    When POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "${corporate.email}", "nonce": "${code}", "newPassword": {"value": "onlyletters"}}
      """
    Then the error code is "PASSWORD_TOO_SIMPLE"
    When POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "${corporate.email}", "nonce": "${code}", "newPassword": {"value": "${corporate.password}"}}
      """
    Then the error code is "PASSWORD_ALREADY_USED"
    When POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "${corporate.email}", "nonce": "${code}", "newPassword": {"value": "Reset-passw0rd"}}
      """
    Then the response status is 200
    When POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "${corporate.email}", "nonce": "${code}", "newPassword": {"value": "Reset-again-passw0rd"}}
      """
    Then the response status is 409
    And the error code is "INVALID_NONCE_OR_EMAIL"

  @negative
  Scenario: A lost-password reset is refused for a user who never set a password
    Given a corporate is registered
    When POST "/passwords/lost_password/start" is called with:
      """
      {"email": "${corporate.email}"}
      """
    And POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "${corporate.email}", "nonce": "${code}", "newPassword": {"value": "Reset-passw0rd"}}
      """
    Then the response status is 409
    And the error code is "PASSWORD_NOT_SET"

  @negative
  Scenario: A lost-password resume needs a six-digit code
    When POST "/passwords/lost_password/resume" is called with:
      """
      {"email": "nobody.unknown@weavr-suite.example.com", "nonce": "12ab", "newPassword": {"value": "Reset-passw0rd"}}
      """
    Then the field "nonce" is reported invalid with "REGEX"
