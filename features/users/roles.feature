@users @roles
Feature: Roles of authorised users
  The programme offers a set of predefined roles; a corporate assigns them to its users
  when creating or changing them, and filters its users by role. Users cannot change
  their own roles.

  Scenario: The programme's roles are listed
    Given a corporate is onboarded and logged in
    When GET "/roles" is called as the corporate
    Then the response status is 200
    And the response field "0.name" exists
    And the response field "0.id" exists

  @negative
  Scenario: Listing roles needs a token
    When GET "/roles" is called without a token
    Then the response status is 401

  Scenario: Roles are assigned at creation, replaced on change and used to filter users
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "admin.${corporate.email}", "roles": ["ADMIN"]}
      """
    Then the response status is 200
    And the response field "roles" equals ["ADMIN"]
    And I remember the response field "id" as "admin id"
    And the corporate finds the role "ADMIN" among the programme's roles
    When GET "/users?roles=ADMIN" is called as the corporate
    Then the response field "users" has 1 item
    And the response field "users.0.id" equals "${admin id}"
    And the response field "users.0.roles" equals ["ADMIN"]
    And the response field "count" equals 1
    When PATCH "/users/${admin id}" is called as the corporate with:
      """
      {"roles": ["FUNDS_MANAGEMENT_ROLE"]}
      """
    Then the response status is 200
    And the response field "roles" equals ["FUNDS_MANAGEMENT_ROLE"]
    And the corporate finds the role "FUNDS_MANAGEMENT_ROLE" among the programme's roles
    When GET "/users/${admin id}" is called as the corporate
    Then the response field "roles" equals ["FUNDS_MANAGEMENT_ROLE"]
    When GET "/users?roles=ADMIN" is called as the corporate
    Then the response field "users" has 0 items
    And the response field "count" equals 0

  @negative
  Scenario: A role the programme does not offer cannot be assigned
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the corporate finds a predefined role the programme does not offer, remembered as "missing role"
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "role.${corporate.email}", "roles": ["${missing role}"]}
      """
    Then the response status is 409
    And the error code is "ROLE_NOT_FOUND"
    When PATCH "/users/${authorised user.user id}" is called as the corporate with:
      """
      {"roles": ["${missing role}"]}
      """
    Then the response status is 409
    And the error code is "ROLE_NOT_FOUND"

  @negative
  Scenario: A role that is no predefined role is rejected naming the field
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When POST "/users" is called as the corporate with:
      """
      {"name": "Maria", "surname": "Borg", "email": "role.${corporate.email}", "roles": ["SUPERUSER"]}
      """
    Then the field "roles[0]" is reported invalid with "IN"

  @negative
  Scenario: Authorised users cannot change their own roles
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When PATCH "/users/${authorised user.user id}" is called as the authorised user with:
      """
      {"roles": ["ADMIN"]}
      """
    Then the response status is 409
    And the error code is "CANNOT_MODIFY_OWN_ROLES"
    When PATCH "/users/${authorised user.user id}" is called as the authorised user with:
      """
      {"surname": "Selfchanged"}
      """
    Then the response status is 200
    And the response field "roles" equals []
