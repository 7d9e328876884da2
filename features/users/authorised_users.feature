@users
Feature: Authorised users of an identity
  A corporate's users create further users with a stepped-up token, read them one by one
  or as a filtered list, change their details, and deactivate and reactivate them. Users
  belong to the identity that created them: no other identity sees or changes them.

  Scenario: A stepped-up corporate creates an authorised user and reads them back
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "user.${corporate.email}", "tag": "finance_team",
       "mobile": {"countryCode": "+356", "number": "79123456"}, "dateOfBirth": {"year": 1990, "month": 4, "day": 5},
       "countryOfResidence": "MT", "locale": "en-GB"}
      """
    Then the response status is 200
    And the response field "name" equals "Maria"
    And the response field "surname" equals "Borg"
    And the response field "email" equals "user.${corporate.email}"
    And the response field "identity.type" equals "CORPORATE"
    And the response field "identity.id" equals "${corporate.id}"
    And the response field "active" equals true
    And the response field "mobile.number" equals "79123456"
    And the response field "dateOfBirth.year" equals 1990
    And the response field "countryOfResidence" equals "MT"
    And I remember the response field "id" as "user id"
    When GET "/users/${user id}" is called as the corporate
    Then the response status is 200
    And the response field "id" equals "${user id}"
    And the response field "tag" equals "finance_team"
    And the response field "locale" equals "en-GB"

  @negative @stepup
  Scenario: Creating an authorised user needs a stepped-up token
    Given a corporate is onboarded and logged in
    When the corporate creates an authorised user
    Then the response status is 403
    And the error code is "STEP_UP_REQUIRED"
    When POST "/users" is called without a token with:
      """
      {"name": "Maria", "surname": "Borg", "email": "user.${corporate.email}"}
      """
    Then the response status is 401

  @negative
  Scenario: A user without an email or with a malformed one is rejected naming the field
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg"}
      """
    Then the field "email" is reported invalid with "REQUIRED"
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "not-an-email"}
      """
    Then the field "email" is reported invalid

  @negative
  Scenario: An email already used by the programme's users cannot be used again
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "${authorised user.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_UNIQUE"
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "${corporate.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_UNIQUE"

  @negative
  Scenario: A country of residence that is no country is refused
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "user.${corporate.email}", "countryOfResidence": "QQ"}
      """
    Then the response status is 409
    And the error code is "COUNTRY_OF_RESIDENCE_INVALID"

  Scenario: The list of users is filtered and paged
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user called the first user
    And the corporate has an authorised user called the second user
    When GET "/users?limit=1" is called as the corporate
    Then the response status is 200
    And the response field "count" equals 2
    And the response field "responseCount" equals 1
    And the response field "users" has 1 item
    When GET "/users?offset=1&limit=5" is called as the corporate
    Then the response field "users" has 1 item
    And the response field "count" equals 2
    When GET "/users?email=${second user.email}" is called as the corporate
    Then the response field "count" equals 1
    And the response field "users.0.id" equals "${second user.user id}"
    And the response field "users.0" equals what GET "/users/${second user.user id}" answers as the corporate
    When GET "/users?tag=${first user.tag}" is called as the corporate
    Then the response field "users" has 1 item
    And the response field "users.0.id" equals "${first user.user id}"
    When POST "/users/${first user.user id}/deactivate" is called as the corporate
    And GET "/users?active=false" is called as the corporate
    Then the response field "users" has 1 item
    And the response field "users.0.id" equals "${first user.user id}"
    When GET "/users?active=true" is called as the corporate
    Then the response field "users" has 1 item
    And the response field "users.0.id" equals "${second user.user id}"

  @negative
  Scenario: Listing users needs a token and a sensible page
    Given a corporate is onboarded and logged in
    When GET "/users" is called without a token
    Then the response status is 401
    When GET "/users?limit=0" is called as the corporate
    Then the field "limit" is reported invalid with "RANGE"
    When GET "/users?offset=-1" is called as the corporate
    Then the field "offset" is reported invalid with "RANGE"

  @negative
  Scenario: Another corporate neither lists, reads, changes nor deactivates a corporate's user
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And a corporate outsider is onboarded and logged in
    Then the corporate's users include the authorised user
    And the corporate outsider's users do not include the authorised user
    When GET "/users/${authorised user.user id}" is called as the corporate outsider
    Then the response status is 404
    When PATCH "/users/${authorised user.user id}" is called as the corporate outsider with:
      """
      {"name": "Hijacked"}
      """
    Then the response status is 404
    When POST "/users/${authorised user.user id}/deactivate" is called as the corporate outsider
    Then the response status is 404
    When POST "/users/${authorised user.user id}/activate" is called as the corporate outsider
    Then the response status is 404
    When GET "/users/${authorised user.user id}" is called as the corporate
    Then the response field "name" equals "${authorised user.name}"
    And the response field "active" equals true

  @negative
  Scenario: An unknown user id is not found and a malformed one is rejected
    Given a corporate is onboarded and logged in
    When GET "/users/999000000000000001" is called as the corporate
    Then the response status is 404
    When GET "/users/not-a-number" is called as the corporate
    Then the field "user_id" is reported invalid with "REGEX"
    When GET "/users/999000000000000001" is called without a token
    Then the response status is 401

  @negative
  Scenario: The root user is not an authorised user and cannot be deactivated
    Given a corporate is onboarded and logged in
    When POST "/users/${corporate.user id}/deactivate" is called as the corporate
    Then the response status is 404
    When the corporate logs in
    Then the response status is 200

  Scenario: An authorised user's details are changed and the new email logs in
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"name": "Renamed", "email": "new.${authorised user.email}", "dateOfBirth": {"year": 1980, "month": 1, "day": 2}}
      """
    Then the response status is 200
    And the response field "name" equals "Renamed"
    And the response field "surname" equals "${authorised user.surname}"
    And the response field "email" equals "new.${authorised user.email}"
    And the response field "dateOfBirth.year" equals 1980
    And the response equals what GET "/users/${authorised user.user id}" answers as the corporate
    When POST "/login_with_password" is called with:
      """
      {"email": "new.${authorised user.email}", "password": {"value": "${authorised user.password}"}}
      """
    Then the response status is 200
    When the authorised user logs in
    Then the response status is 403

  @negative
  Scenario: A change is refused when the email is taken or a field is malformed
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user called the first user
    And the corporate has an authorised user called the second user
    When PATCH "/users/${second user.user id}" is called as the corporate with:
      """
      {"email": "${first user.email}"}
      """
    Then the response status is 409
    And the error code is "EMAIL_NOT_UNIQUE"
    When PATCH "/users/${second user.user id}" is called as the corporate with:
      """
      {"name": ""}
      """
    Then the field "name" is reported invalid with "SIZE"
    When PATCH "/users/${second user.user id}" is called without a token with:
      """
      {"name": "Renamed"}
      """
    Then the response status is 401
    When GET "/users/${second user.user id}" is called as the corporate
    Then the response field "email" equals "${second user.email}"

  @negative
  Scenario: A user's mobile number changes at most three times
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000001"}}
      """
    Then the response status is 200
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000002"}}
      """
    Then the response status is 200
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000003"}}
      """
    Then the response status is 200
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000003"}}
      """
    Then the response status is 200
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"mobile": {"countryCode": "+356", "number": "79000004"}}
      """
    Then the response status is 409
    And the error code is "MOBILE_NO_CHANGE_LIMIT_EXCEEDED"
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"surname": "Stillchangeable"}
      """
    Then the response status is 200
    And the response field "mobile.number" equals "79000003"

  @negative
  Scenario: Deactivating and activating need a token, and activating an active user changes nothing
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/${authorised user.user id}/deactivate" is called without a token
    Then the response status is 401
    When POST "/users/${authorised user.user id}/activate" is called without a token
    Then the response status is 401
    When POST "/users/${authorised user.user id}/activate" is called as the corporate
    Then the response status is 204
    When GET "/users/${authorised user.user id}" is called as the corporate
    Then the response field "active" equals true
