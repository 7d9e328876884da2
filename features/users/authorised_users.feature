@users
Feature: Authorised users of an identity
  A corporate's users create further users with a stepped-up token, read them one by one
  or as a filtered list, change their details, and deactivate and reactivate them. Users
  belong to the identity that created them: no other identity sees or changes them.

  Scenario: A stepped-up corporate creates an authorised user and reads them back
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When the corporate creates an authorised user with:
      """
      {"name": "Maria", "surname": "Borg", "email": "user.${corporate.email}", "tag": "finance_team",
       "mobile": {"countryCode": "+356", "number": "79123456"}, "dateOfBirth": {"year": 1990, "month": 4, "day": 5},
       "countryOfResidence": "MT", "locale": "en-GB"}
      """
    Then the authorised user is created as sent

  @negative @stepup
  Scenario: Creating an authorised user needs a stepped-up token
    Given a corporate is onboarded and logged in
    When the corporate creates an authorised user
    Then the user creation is forbidden with STEP_UP_REQUIRED

  @negative
  Scenario: A user without an email or with a malformed one is rejected naming the field
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When the corporate creates an authorised user with:
      """
      {"name": "Maria", "surname": "Borg"}
      """
    Then the user creation is rejected naming "email" as "REQUIRED"
    When the corporate creates an authorised user with:
      """
      {"name": "Maria", "surname": "Borg", "email": "not-an-email"}
      """
    Then the user creation is rejected naming "email"

  @negative
  Scenario: An email already used by the programme's users cannot be used again
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate creates an authorised user called the copy with:
      """
      {"name": "Maria", "surname": "Borg", "email": "${authorised user.email}"}
      """
    Then the user creation is refused with EMAIL_NOT_UNIQUE
    When the corporate creates an authorised user called the copy with:
      """
      {"name": "Maria", "surname": "Borg", "email": "${corporate.email}"}
      """
    Then the user creation is refused with EMAIL_NOT_UNIQUE

  @negative
  Scenario: A country of residence that is no country is refused
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When the corporate creates an authorised user with:
      """
      {"name": "Maria", "surname": "Borg", "email": "user.${corporate.email}", "countryOfResidence": "QQ"}
      """
    Then the user creation is refused with COUNTRY_OF_RESIDENCE_INVALID

  Scenario: The list of users is filtered and paged
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user called the first user
    And the corporate has an authorised user called the second user
    When the corporate lists their users with "limit=1"
    Then the user list holds 1 of 2 users
    When the corporate lists their users with "offset=1&limit=5"
    Then the user list holds 1 of 2 users
    When the corporate lists their users with "email=${second user.email}"
    Then the user list holds the second user alone
    When the corporate lists their users with "tag=${first user.tag}"
    Then the user list holds the first user alone
    When the corporate deactivates the first user
    And the corporate lists their users with "active=false"
    Then the user list holds the first user alone
    When the corporate lists their users with "active=true"
    Then the user list holds the second user alone

  @negative
  Scenario: Listing users needs a sensible page
    Given a corporate is onboarded and logged in
    When the corporate lists their users with "limit=0"
    Then the user list is rejected naming "limit" as "RANGE"
    When the corporate lists their users with "offset=-1"
    Then the user list is rejected naming "offset" as "RANGE"

  @negative
  Scenario: Another corporate neither lists, reads, changes nor deactivates a corporate's user
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And a corporate outsider is onboarded and logged in
    Then the corporate's users include the authorised user
    And the corporate outsider's users do not include the authorised user
    When the corporate outsider reads the authorised user's user record
    Then the user read is not found
    When the corporate outsider changes the authorised user's details with:
      """
      {"name": "Hijacked"}
      """
    Then the user change is not found
    When the corporate outsider deactivates the authorised user
    Then the deactivation is not found
    When the corporate outsider activates the authorised user
    Then the activation is not found
    And the authorised user's user record reads:
      | field  | value                    |
      | name   | ${authorised user.name}  |
      | active | true                     |

  @negative
  Scenario: An unknown user id is not found and a malformed one is rejected
    Given a corporate is onboarded and logged in
    When the corporate reads the user record "999000000000000001"
    Then the user read is not found
    When the corporate reads the user record "not-a-number"
    Then the user read is rejected naming "user_id" as "REGEX"
    When the corporate reads the user record "999000000000000001" with an invalid token
    Then the user read is unauthorised

  @negative
  Scenario: The root user is not an authorised user and cannot be deactivated
    Given a corporate is onboarded and logged in
    When the corporate deactivates their root user
    Then the deactivation is not found
    When the corporate logs in
    Then the corporate is signed in

  Scenario: An authorised user's details are changed and the new email logs in
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When the corporate changes the authorised user's details with:
      """
      {"name": "Renamed", "email": "new.${authorised user.email}", "dateOfBirth": {"year": 1980, "month": 1, "day": 2}}
      """
    Then the authorised user's details are changed
    And the authorised user's user record reads:
      | field   | value                      |
      | surname | ${authorised user.surname} |
    When the authorised user logs in
    Then the authorised user is signed in
    When the authorised user logs in with their previous email
    Then the sign-in is forbidden

  @negative
  Scenario: A change is refused when the email is taken or a field is malformed
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user called the first user
    And the corporate has an authorised user called the second user
    When the corporate changes the second user's details with:
      """
      {"email": "${first user.email}"}
      """
    Then the user change is refused with EMAIL_NOT_UNIQUE
    When the corporate changes the second user's details with:
      """
      {"name": ""}
      """
    Then the user change is rejected naming "name" as "SIZE"
    And the second user's user record reads:
      | field | value                |
      | email | ${second user.email} |

  @negative
  Scenario: A user's mobile number changes at most three times
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate changes the authorised user's details with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000001"}}
      """
    Then the authorised user's details are changed
    When the corporate changes the authorised user's details with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000002"}}
      """
    Then the authorised user's details are changed
    When the corporate changes the authorised user's details with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000003"}}
      """
    Then the authorised user's details are changed
    When the corporate changes the authorised user's details with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000003"}}
      """
    Then the authorised user's details are changed
    When the corporate changes the authorised user's details with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000004"}}
      """
    Then the user change is refused with MOBILE_NO_CHANGE_LIMIT_EXCEEDED
    When the corporate changes the authorised user's details with:
      """
      {"surname": "Stillchangeable"}
      """
    Then the authorised user's details are changed
    And the authorised user's user record reads:
      | field         | value    |
      | mobile.number | 79000003 |

  @negative
  Scenario: Activating needs a valid token, and activating an active user changes nothing
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate activates the authorised user with an invalid token
    Then the activation is unauthorised
    When the corporate activates the authorised user
    Then the activation succeeds
    And the authorised user's user record reads:
      | field  | value |
      | active | true  |
