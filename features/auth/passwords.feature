@auth @passwords
Feature: Passwords
  A new user creates their password once; anyone can check a candidate against the
  password rules; a signed-in user changes their password by giving the old one; a user
  who lost theirs resets it with the code emailed to them (123456 on the sandbox).

  @negative
  Scenario: A password is created only once
    Given a corporate is registered
    And the corporate has a password
    When the corporate creates the password "Another-passw0rd"
    Then the password creation is refused with PASSWORD_ALREADY_CREATED

  @negative
  Scenario: A password cannot be created for an unknown user
    When the password "Another-passw0rd" is created for an unknown user
    Then the password creation is not found

  @negative
  Scenario Outline: A password that breaks the rules is refused at creation and by validation
    Given a corporate is registered
    When the corporate creates the password "<password>"
    Then the password creation is refused with <code>
    When the password "<password>" is checked against the rules
    Then the password check is refused with <code>

    Examples:
      | password                                                | code                |
      | Ab1!                                                    | PASSWORD_TOO_SHORT  |
      | Abcdefgh1!Abcdefgh1!Abcdefgh1!Abcdefgh1!Abcdefgh1!Ab1!  | PASSWORD_TOO_LONG   |
      | onlyletters                                             | PASSWORD_TOO_SIMPLE |

  Scenario: A good password passes validation
    When the password "Fine-passw0rd" is checked against the rules
    Then the password check succeeds

  @negative
  Scenario: Validation needs a password value of at most 100 characters
    When a password without a value is checked against the rules
    Then the password check is rejected naming "password.value" as "REQUIRED"
    When the password "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1" is checked against the rules
    Then the password check is rejected naming "password.value" as "SIZE"

  Scenario: A signed-in user changes their password and signs in with the new one only
    # passwordInfo.expiryDate follows the programme's password policy (0: never): not checked.
    Given a corporate is onboarded and logged in
    When the corporate changes their password, remembering the old one as "old password"
    Then the corporate's password is changed
    And the corporate can read their identity
    When the corporate logs in
    Then the corporate is signed in
    When the corporate logs in with the password "${old password}"
    Then the sign-in is forbidden

  @negative
  Scenario: Changing a password needs the right old password
    Given a corporate is onboarded and logged in
    When the corporate changes their password giving "Not-the-passw0rd" as the old one
    Then the password change is refused with PASSWORD_INCORRECT
    When the corporate logs in
    Then the corporate is signed in

  @negative
  Scenario: The new password must follow the rules and differ from the current one
    Given a corporate is onboarded and logged in
    When the corporate changes their password to "short1"
    Then the password change is refused with PASSWORD_TOO_SHORT
    When the corporate changes their password to their current one
    Then the password change is refused with PASSWORD_ALREADY_USED

  @negative
  Scenario: Changing a password needs both passwords
    Given a corporate is onboarded and logged in
    When the corporate changes their password without a new one
    Then the password change is rejected naming "newPassword" as "REQUIRED"

  Scenario: A user who lost their password resets it with the emailed code
    Given a corporate is onboarded and logged in
    When the corporate resets their lost password, remembering the old one as "old password"
    Then the corporate's password is reset
    And the corporate can read their identity
    When the corporate logs in
    Then the corporate is signed in
    When the corporate logs in with the password "${old password}"
    Then the sign-in is forbidden

  @negative
  Scenario: Starting a lost-password reset does not tell whether the email is known
    When a lost-password reset is started for "nobody.unknown@weavr-suite.example.com"
    Then the lost-password start succeeds
    When the lost password of "nobody.unknown@weavr-suite.example.com" is reset with the sandbox code to "Reset-passw0rd"
    Then the lost-password reset is refused with INVALID_NONCE_OR_EMAIL

  @negative
  Scenario Outline: Starting a lost-password reset needs an email
    When a lost-password reset is started <how>
    Then the lost-password start is rejected naming "email" as "<error>"

    Examples:
      | how                   | error    |
      | without an email      | REQUIRED |
      | for "not-an-email"    | REGEX    |

  @negative
  Scenario: A lost-password reset needs the right code, once, and a new acceptable password
    Given a corporate is onboarded and logged in
    When a lost-password reset is started for the corporate
    Then the lost-password start succeeds
    When the lost password of the corporate is reset with the code "000000" to "Reset-passw0rd"
    Then the lost-password reset is refused with INVALID_NONCE_OR_EMAIL
    When the lost password of the corporate is reset with the sandbox code to "onlyletters"
    Then the lost-password reset is refused with PASSWORD_TOO_SIMPLE
    When the lost password of the corporate is reset with the sandbox code to their current one
    Then the lost-password reset is refused with PASSWORD_ALREADY_USED
    When the lost password of the corporate is reset with the sandbox code to "Reset-passw0rd"
    Then the lost-password reset succeeds
    When the lost password of the corporate is reset with the sandbox code to "Reset-again-passw0rd"
    Then the lost-password reset is refused with INVALID_NONCE_OR_EMAIL

  @negative
  Scenario: A lost-password reset is refused for a user who never set a password
    Given a corporate is registered
    When a lost-password reset is started for the corporate
    And the lost password of the corporate is reset with the sandbox code to "Reset-passw0rd"
    Then the lost-password reset is refused with PASSWORD_NOT_SET

  @negative
  Scenario: A lost-password resume needs a six-digit code
    When the lost password of "nobody.unknown@weavr-suite.example.com" is reset with the code "12ab" to "Reset-passw0rd"
    Then the lost-password reset is rejected naming "nonce" as "REGEX"
