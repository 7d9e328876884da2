@users @roles
Feature: Roles of authorised users
  The programme offers a set of predefined roles; a corporate assigns them to its users
  when creating or changing them, and filters its users by role. Users cannot change
  their own roles.

  Scenario: The programme's roles are listed
    Given a corporate is onboarded and logged in
    When the corporate lists the programme's roles
    Then every role listed has a name and an id

  @negative
  Scenario: Listing roles needs a valid token
    Given a corporate is onboarded and logged in
    When the corporate lists the programme's roles with an invalid token
    Then the roles list is unauthorised

  Scenario: Roles are assigned at creation, replaced on change and used to filter users
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When the corporate creates an authorised user called the admin with:
      """
      {"name": "Maria", "surname": "Borg", "email": "admin.${corporate.email}", "roles": ["ADMIN"]}
      """
    Then the admin is created as sent
    And the corporate finds the role "ADMIN" among the programme's roles
    When the corporate lists their users with "roles=ADMIN"
    Then the user list holds the admin alone
    When the corporate changes the admin's details with:
      """
      {"roles": ["FUNDS_MANAGEMENT_ROLE"]}
      """
    Then the admin's details are changed
    And the corporate finds the role "FUNDS_MANAGEMENT_ROLE" among the programme's roles
    When the corporate lists their users with "roles=ADMIN"
    Then the user list holds 0 of 0 users

  @negative
  Scenario: A role the programme does not offer cannot be assigned
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the corporate finds a predefined role the programme does not offer, remembered as "missing role"
    When the corporate creates an authorised user called the other user with:
      """
      {"name": "Maria", "surname": "Borg", "email": "role.${corporate.email}", "roles": ["${missing role}"]}
      """
    Then the user creation is refused with ROLE_NOT_FOUND
    When the corporate changes the authorised user's details with:
      """
      {"roles": ["${missing role}"]}
      """
    Then the user change is refused with ROLE_NOT_FOUND

  @negative
  Scenario: A role that is no predefined role is rejected naming the field
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    When the corporate creates an authorised user with:
      """
      {"name": "Maria", "surname": "Borg", "email": "role.${corporate.email}", "roles": ["SUPERUSER"]}
      """
    Then the user creation is rejected naming "roles[0]" as "IN"

  @negative
  Scenario: Authorised users cannot change their own roles
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    And the authorised user has accepted their invite
    When the authorised user changes their own details with:
      """
      {"roles": ["ADMIN"]}
      """
    Then the user change is refused with CANNOT_MODIFY_OWN_ROLES
    When the authorised user changes their own details with:
      """
      {"surname": "Selfchanged"}
      """
    Then the authorised user's details are changed
    And the authorised user's user record reads:
      | field | value |
      | roles | []    |
